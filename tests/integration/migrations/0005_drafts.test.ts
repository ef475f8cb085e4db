import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openEncrypted, tune } from '../../../electron/core/db/database';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { migration0001 } from '../../../electron/core/db/migrations/0001_initial';
import { migration0002 } from '../../../electron/core/db/migrations/0002_relationship_record';
import { migration0003 } from '../../../electron/core/db/migrations/0003_continuity';
import { migration0004 } from '../../../electron/core/db/migrations/0004_client_code_lookup';
import { migration0005 } from '../../../electron/core/db/migrations/0005_drafts';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describeOn('sqlite', SQLITE_ONLY, 'migration 0005 drafts', () => {
  it('adds one draft per staff member and form to a vault that has records, and refuses a second', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openEncrypted(join(dir, 'doorway.db'), randomBytes(32), { create: true });
    tune(db);
    migrate(db, [migration0001, migration0002, migration0003, migration0004]);
    db.prepare("INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')").run();
    db.prepare("INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by) VALUES ('KT-1', 't', 1, 't', 1)").run();

    expect(migrate(db, [migration0001, migration0002, migration0003, migration0004, migration0005])).toBe(5);
    expect(schemaVersion(db)).toBe(5);
    const add = db.prepare("INSERT INTO drafts (staff_id, form_key, form, person_id, fields, created_at, updated_at) VALUES (1, ?, ?, 1, '{}', 't', 't')");
    add.run('contact:new:1', 'contact');
    expect(() => add.run('contact:new:1', 'contact')).toThrow(/UNIQUE constraint failed/);
    expect(() => add.run('other:1', 'letter')).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("INSERT INTO drafts (staff_id, form_key, form, created_at, updated_at) VALUES (99, 'x', 'person', 't', 't')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
