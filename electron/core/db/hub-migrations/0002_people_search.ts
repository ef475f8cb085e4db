import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * The hub's people search (data/postgres.ts), the twin of one computer's FTS5 index tables: each living
 * person's client code and names, lower-cased once when they change, so a search reads one short
 * column per person instead of folding three on every query. No extension needed.
 */
export const hubMigration0002: PgMigration = {
  version: 2,
  name: 'people_search',
  async up(db) {
    await sql`
      CREATE TABLE hub.people_search (
        person_id integer PRIMARY KEY REFERENCES people(id),
        text      text NOT NULL
      );
      INSERT INTO hub.people_search (person_id, text)
        SELECT id, lower(client_code || ' ' || coalesce(name, '') || ' ' || coalesce(preferred_name, '')) FROM people WHERE deleted_at IS NULL;
    `.execute(db);
  },
};
