import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { clinicalMigration0001 } from '../../../electron/core/db/clinical-migrations/0001_clinical_store';
import { clinicalMigration0002 } from '../../../electron/core/db/clinical-migrations/0002_draft_texts';
import { openClinical, tuneClinical } from '../../../electron/core/db/database';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describeOn('sqlite', SQLITE_ONLY, 'clinical migration 0002 draft texts', () => {
  it('adds the clinical part of drafts to an existing clinical store, covered by the undo log', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openClinical(join(dir, 'clinical.db'), randomBytes(32), { create: true });
    tuneClinical(db);
    migrate(db, [clinicalMigration0001], 'clinical');
    db.exec("INSERT INTO clinical.contact_notes VALUES (1, 'kept')");
    expect(migrate(db, [clinicalMigration0001, clinicalMigration0002], 'clinical')).toBe(2);
    expect(schemaVersion(db, 'clinical')).toBe(2);
    expect(db.prepare('SELECT note FROM clinical.contact_notes').pluck().get()).toBe('kept');
    db.exec('DELETE FROM clinical.undo');
    db.exec(`INSERT INTO clinical.draft_texts VALUES (4, '{"note":"a"}'); UPDATE clinical.draft_texts SET fields = '{"note":"b"}' WHERE draft_id = 4; DELETE FROM clinical.draft_texts;`);
    expect(db.prepare('SELECT tbl, key, value FROM clinical.undo ORDER BY id').raw().all()).toEqual([
      ['draft_texts', 4, null],
      ['draft_texts', 4, '{"note":"a"}'],
      ['draft_texts', 4, '{"note":"b"}'],
    ]);
    db.close();
  });
});
