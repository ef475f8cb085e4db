import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * What only a clinic hub has (no SQLite twin: one computer keeps these in files beside its records):
 *   - the clinic's key slots, the same document as one computer's keyslots.json, so the keys that
 *     encrypt a hub's backups open the same way (a staff member's password, or the recovery code);
 *   - each Doorway role's PostgreSQL login, its password sealed so that only keys of that role open it.
 */
export const hubMigration0001: PgMigration = {
  version: 1,
  name: 'hub',
  async up(db) {
    await sql`
      CREATE SCHEMA IF NOT EXISTS hub;
      CREATE TABLE hub.keyslots (
        id         integer PRIMARY KEY CHECK (id = 1),
        file       text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE TABLE hub.logins (
        role   text PRIMARY KEY CHECK (role IN ('administrator', 'clinician', 'front_desk')),
        login  text NOT NULL,
        sealed text NOT NULL
      );
    `.execute(db);
  },
};
