import type { Kysely } from 'kysely';

/**
 * One forward-only schema step on PostgreSQL (a clinic hub), numbered as the same step on SQLite
 * (../0001_initial.ts and so on): the same tables and columns, so the same domain code runs on both.
 * Each lives in its own file and has its own test.
 */
export interface PgMigration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
