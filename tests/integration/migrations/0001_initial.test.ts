import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openEncrypted, tune } from '../../../electron/core/db/database';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { migration0001 } from '../../../electron/core/db/migrations/0001_initial';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function freshDb() {
  const dir = tempDir();
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'doorway.db'), randomBytes(32), { create: true });
  tune(db);
  return db;
}

describeOn('sqlite', SQLITE_ONLY, 'migration 0001 initial', () => {
  it('creates settings, staff users and the audit trail at version 1', () => {
    const db = freshDb();
    expect(migrate(db, [migration0001])).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['audit_events', 'settings', 'staff_users']);
    db.close();
  });

  it('refuses an unknown role and a duplicate username (any case)', () => {
    const db = freshDb();
    migrate(db, [migration0001]);
    const insert = db.prepare('INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('sam', 'Sam', 'clinician', 'slot-1', '2026-11-21T00:00:00Z');
    expect(() => insert.run('kim', 'Kim', 'superuser', 'slot-2', '2026-11-21T00:00:00Z')).toThrow(/CHECK/);
    expect(() => insert.run('SAM', 'Sam again', 'clinician', 'slot-3', '2026-11-21T00:00:00Z')).toThrow(/UNIQUE/);
    db.close();
  });

  it('makes audit events append-only', () => {
    const db = freshDb();
    migrate(db, [migration0001]);
    db.prepare("INSERT INTO audit_events (at, action, prev_hash, hash) VALUES ('t', 'session.signIn', 'a', 'b')").run();
    expect(() => db.prepare("UPDATE audit_events SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('is all or nothing: a failing later step leaves version 0 and no tables', () => {
    const db = freshDb();
    const broken = { version: 2, name: 'broken', up: () => { throw new Error('boom'); } };
    expect(() => migrate(db, [migration0001, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    db.close();
  });
});
