import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { sqliteData } from '../../../electron/core/data/sqlite';
import { openEncrypted, tune } from '../../../electron/core/db/database';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { migration0001 } from '../../../electron/core/db/migrations/0001_initial';
import { migration0002 } from '../../../electron/core/db/migrations/0002_relationship_record';
import { migration0003 } from '../../../electron/core/db/migrations/0003_continuity';
import { migration0004 } from '../../../electron/core/db/migrations/0004_client_code_lookup';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describeOn('sqlite', SQLITE_ONLY, 'migration 0004 client code lookup', () => {
  it('makes the case-blind client code lookup an index seek, on a vault that already has people', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openEncrypted(join(dir, 'doorway.db'), randomBytes(32), { create: true });
    tune(db);
    migrate(db, [migration0001, migration0002, migration0003]);
    db.prepare("INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')").run();
    const add = db.prepare("INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by) VALUES (?, 't', 1, 't', 1)");
    for (let i = 0; i < 200; i++) add.run(`KT-${String(i).padStart(4, '0')}`);

    // The query the records repository sends (records/people.ts assertCodeFree), as Kysely compiles it.
    const { sql, parameters } = sqliteData(db)
      .selectFrom('people')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['client_code']), '=', 'kt-0042'))
      .where('deleted_at', 'is', null)
      .compile();
    const plan = () => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan()).toMatch(/SCAN people/);

    expect(migrate(db, [migration0001, migration0002, migration0003, migration0004])).toBe(4);
    expect(schemaVersion(db)).toBe(4);
    expect(plan()).toMatch(/SEARCH people USING INDEX people_client_code_lower/);
    expect(db.prepare(sql).pluck().get(...parameters)).toBe(43);
    db.close();
  });
});
