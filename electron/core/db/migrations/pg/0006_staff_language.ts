import { sql } from 'kysely';
import type { PgMigration } from './types';

/** Each staff member's own language (SQLite: ../0006_staff_language.ts); a hub's grants on it are hub step 8. */
export const pgMigration0006: PgMigration = {
  version: 6,
  name: 'staff_language',
  async up(db) {
    await sql`ALTER TABLE staff_users ADD COLUMN language text CHECK (language IS NULL OR language IN ('en', 'es'))`.execute(db);
  },
};
