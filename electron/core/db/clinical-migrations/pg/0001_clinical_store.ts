import { sql } from 'kysely';
import type { PgMigration } from '../../migrations/pg/types';

/**
 * The clinical schema (SQLite: ../0001_clinical_store.ts, a separately keyed file). On a hub it is a
 * schema that the front-desk login role has no grant on. One transaction covers both schemas, so the
 * commit count and undo log that tie two SQLite files together have no twin here.
 */
export const pgClinicalMigration0001: PgMigration = {
  version: 1,
  name: 'clinical_store',
  async up(db) {
    await sql`
      CREATE SCHEMA IF NOT EXISTS clinical;
      CREATE TABLE clinical.contact_notes (
        contact_id integer PRIMARY KEY,
        note       text NOT NULL
      );
      CREATE TABLE clinical.entry_texts (
        entry_id integer PRIMARY KEY,
        data     text NOT NULL
      );
      CREATE TABLE clinical.history_details (
        history_id integer PRIMARY KEY,
        previous   text NOT NULL
      );
    `.execute(db);
  },
};
