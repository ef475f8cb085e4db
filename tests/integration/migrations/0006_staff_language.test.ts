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
import { migration0006 } from '../../../electron/core/db/migrations/0006_staff_language';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describeOn('sqlite', SQLITE_ONLY, 'migration 0006 staff language', () => {
  it("gives existing staff no language of their own (the clinic's applies), takes English or Spanish, refuses anything else", () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openEncrypted(join(dir, 'doorway.db'), randomBytes(32), { create: true });
    tune(db);
    const before = [migration0001, migration0002, migration0003, migration0004, migration0005];
    migrate(db, before);
    db.prepare("INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')").run();

    expect(migrate(db, [...before, migration0006])).toBe(6);
    expect(schemaVersion(db)).toBe(6);
    const language = () => db.prepare('SELECT language FROM staff_users WHERE id = 1').pluck().get();
    expect(language()).toBeNull();
    db.prepare("UPDATE staff_users SET language = 'es' WHERE id = 1").run();
    expect(language()).toBe('es');
    expect(() => db.prepare("UPDATE staff_users SET language = 'fr' WHERE id = 1").run()).toThrow(/CHECK constraint failed/);
    expect(language()).toBe('es');
    db.prepare('UPDATE staff_users SET language = NULL WHERE id = 1').run();
    expect(language()).toBeNull();
    db.close();
  });
});
