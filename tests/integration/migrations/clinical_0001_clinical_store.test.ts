import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { clinicalMigration0001 } from '../../../electron/core/db/clinical-migrations/0001_clinical_store';
import { openClinical, tuneClinical } from '../../../electron/core/db/database';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describeOn('sqlite', SQLITE_ONLY, 'clinical migration 0001 clinical store', () => {
  it('creates the clinical tables in the attached schema, and every change to them leaves its before-image in the undo log', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openClinical(join(dir, 'clinical.db'), randomBytes(32), { create: true });
    tuneClinical(db);
    expect(migrate(db, [clinicalMigration0001], 'clinical')).toBe(1);
    expect(schemaVersion(db, 'clinical')).toBe(1);
    // The in-memory main database of this connection stays empty: everything lives in the file.
    expect(db.prepare('SELECT count(*) FROM main.sqlite_master').pluck().get()).toBe(0);
    expect(db.prepare('SELECT seq FROM clinical.commits').pluck().get()).toBe(0);

    db.exec(`
      INSERT INTO clinical.contact_notes VALUES (7, 'first');
      UPDATE clinical.contact_notes SET note = 'second' WHERE contact_id = 7;
      INSERT INTO clinical.entry_texts VALUES (3, '{"a":1}');
      DELETE FROM clinical.entry_texts WHERE entry_id = 3;
      INSERT INTO clinical.history_details VALUES (11, '{"note":"x"}');
    `);
    expect(db.prepare('SELECT tbl, key, value FROM clinical.undo ORDER BY id').raw().all()).toEqual([
      ['contact_notes', 7, null],
      ['contact_notes', 7, 'first'],
      ['entry_texts', 3, null],
      ['entry_texts', 3, '{"a":1}'],
      ['history_details', 11, null],
    ]);
    // One row per commit counter; a second would break the pairing of the two stores.
    expect(() => db.exec('INSERT INTO clinical.commits VALUES (2, 0)')).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
