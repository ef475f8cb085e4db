import { sql } from 'kysely';
import type { PgMigration } from './types';

/**
 * Client codes are compared as lower(client_code) = lower(typed) (SQLite: ../0004_client_code_lookup.ts).
 * PostgreSQL has no NOCASE, so step 2 already made the unique index on lower(client_code), which
 * serves this lookup; this step records that with the lookup index SQLite has, under the same name,
 * so both engines hold the same indexes.
 */
export const pgMigration0004: PgMigration = {
  version: 4,
  name: 'client_code_lookup',
  async up(db) {
    await sql`CREATE INDEX people_client_code_lower ON people (lower(client_code)) WHERE deleted_at IS NULL`.execute(db);
  },
};
