import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openEncrypted, tune } from '../../../electron/core/db/database';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { migration0001 } from '../../../electron/core/db/migrations/0001_initial';
import { migration0002 } from '../../../electron/core/db/migrations/0002_relationship_record';
import { migration0003 } from '../../../electron/core/db/migrations/0003_continuity';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describeOn('sqlite', SQLITE_ONLY, 'migration 0003 continuity', () => {
  it('backfills calendar days in the stored time zone and the gaps before each live contact', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openEncrypted(join(dir, 'doorway.db'), randomBytes(32), { create: true });
    tune(db);
    migrate(db, [migration0001, migration0002]);
    db.prepare("INSERT INTO settings (key, value) VALUES ('timeZone', '\"America/New_York\"')").run();
    db.prepare("INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')").run();
    db.prepare("INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by) VALUES ('MA0712', 't', 1, 't', 1)").run();
    const add = db.prepare(
      "INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, created_by, updated_at, updated_by, deleted_at) VALUES (1, ?, ?, 'drop_in', 1, 1, 't', 1, ?)",
    );
    add.run('2026-01-02T03:00:00.000Z', 't', null); // 1 January, 10 pm in New York
    add.run('2026-02-01T15:00:00.000Z', 't', 't'); // removed: keeps a day, no gap, and is nobody's previous contact
    add.run('2026-04-15T15:00:00.000Z', 't', null);

    expect(migrate(db, [migration0001, migration0002, migration0003])).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT local_day, prev_gap_days FROM contacts ORDER BY id').raw().all()).toEqual([
      ['2026-01-01', null],
      ['2026-02-01', null],
      ['2026-04-15', 104],
    ]);
    expect(db.prepare('SELECT last_contact_day FROM people').pluck().get()).toBe('2026-04-15');
    expect(() => db.prepare("INSERT INTO outreach_attempts (person_id, at, staff_id, method, created_at) VALUES (1, 't', 1, 'carrier pigeon', 't')").run()).toThrow(/CHECK/);
    db.close();
  });
});
