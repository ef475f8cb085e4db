import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openEncrypted, tune } from '../../../electron/core/db/database';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { migration0001 } from '../../../electron/core/db/migrations/0001_initial';
import { migration0002 } from '../../../electron/core/db/migrations/0002_relationship_record';
import { DEFAULT_CATALOG } from '../../../electron/core/records/catalog';
import { removeDir, tempDir } from '../../support/vault';
import { describeOn } from '../../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's own schema steps on one computer's files; PostgreSQL's are the pg_* migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function v1Db() {
  const dir = tempDir();
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'doorway.db'), randomBytes(32), { create: true });
  tune(db);
  migrate(db, [migration0001]);
  db.prepare("INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')").run();
  return db;
}

const addPerson = (db: ReturnType<typeof v1Db>, code: string, deleted = false) =>
  db
    .prepare('INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by, deleted_at) VALUES (?, ?, 1, ?, 1, ?)')
    .run(code, 't', 't', deleted ? 't' : null);

describeOn('sqlite', SQLITE_ONLY, 'migration 0002 relationship record', () => {
  it('upgrades a version 1 database, keeping its staff, and seeds the supplies and services catalog', () => {
    const db = v1Db();
    expect(migrate(db, [migration0001, migration0002])).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT username FROM staff_users').pluck().all()).toEqual(['river']);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'people_search_%' AND name NOT LIKE 'people_prefix_%' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'audit_events',
      'catalog_items',
      'contact_services',
      'contact_supplies',
      'contacts',
      'people',
      'people_prefix',
      'people_search',
      'person_entries',
      'record_history',
      'settings',
      'staff_users',
    ]);
    expect(db.prepare('SELECT label FROM catalog_items ORDER BY sort_order').pluck().all()).toEqual(DEFAULT_CATALOG.map((c) => c.label));
    db.close();
  });

  it('a client code is unique among living records only (case-insensitive)', () => {
    const db = v1Db();
    migrate(db, [migration0001, migration0002]);
    addPerson(db, 'MA0712', true);
    addPerson(db, 'MA0712');
    expect(() => addPerson(db, 'ma0712')).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses unknown entry kinds, phases and non-positive quantities', () => {
    const db = v1Db();
    migrate(db, [migration0001, migration0002]);
    addPerson(db, 'MA0712');
    expect(() => db.prepare("INSERT INTO person_entries (person_id, kind, occurred_on, data, created_at, created_by, updated_at, updated_by) VALUES (1, 'grade', 'd', '{}', 't', 1, 't', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE people SET phase = 'relapse'").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, created_by, updated_at, updated_by) VALUES (1, 't', 't', 'drop_in', 1, 1, 't', 1)").run();
    expect(() => db.prepare('INSERT INTO contact_supplies (contact_id, item_id, quantity) VALUES (1, 9, 0)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, created_by, updated_at, updated_by) VALUES (99, 1, 1, 1, 1, 1, 1, 1)').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('the trigram index finds fragments of three characters or more', () => {
    const db = v1Db();
    migrate(db, [migration0001, migration0002]);
    db.prepare("INSERT INTO people_search (rowid, client_code, name, preferred_name) VALUES (7, 'MA0712', 'Margaret Okafor', 'Maggie')").run();
    expect(db.prepare('SELECT rowid FROM people_search WHERE people_search MATCH ?').pluck().all('"kaf"')).toEqual([7]);
    expect(db.prepare('SELECT rowid FROM people_search WHERE people_search MATCH ?').pluck().all('"a07"')).toEqual([7]);
    db.close();
  });
});
