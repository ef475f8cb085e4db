import { sql } from 'kysely';
import type { PgMigration } from '../../migrations/pg/types';

/** The clinical fields of unsaved work (SQLite: ../0002_draft_texts.ts). */
export const pgClinicalMigration0002: PgMigration = {
  version: 2,
  name: 'draft_texts',
  async up(db) {
    await sql`
      CREATE TABLE clinical.draft_texts (
        draft_id integer PRIMARY KEY,
        fields   text NOT NULL
      );
    `.execute(db);
  },
};
