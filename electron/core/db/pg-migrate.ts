import { sql, type Kysely } from 'kysely';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { pgClinicalMigrations } from './clinical-migrations/pg';
import { hubMigrations } from './hub-migrations';
import { pgMigrations } from './migrations/pg';
import type { PgMigration } from './migrations/pg/types';

/** Any fixed number: the advisory lock that lets one workstation at a time bring the hub's schema up to date. */
const MIGRATION_LOCK = 0x646f6f72; // "door"

export interface PgSchemaVersions {
  main: number;
  clinical: number;
  /** The hub's own tables (key slots, role logins): hub-migrations/. */
  hub: number;
}

const STORES: readonly (readonly [store: keyof PgSchemaVersions, steps: readonly PgMigration[]])[] = [
  ['main', pgMigrations],
  ['clinical', pgClinicalMigrations],
  ['hub', hubMigrations],
];

/**
 * Brings a hub's schema up to date: both stores' pending steps in one transaction (PostgreSQL's DDL is
 * transactional, so all apply or none do), under an advisory lock, since several workstations may
 * start at the same moment: one migrates, the others wait and then find nothing to do. Refuses,
 * before anything is written, a hub made by a newer Doorway.
 */
export async function migratePostgres(db: Kysely<unknown>): Promise<PgSchemaVersions> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_versions (store text PRIMARY KEY, version integer NOT NULL)`.execute(trx);
    const result: PgSchemaVersions = { main: 0, clinical: 0, hub: 0 };
    for (const [store, steps] of STORES) {
      const row = await sql<{ version: number }>`SELECT version FROM schema_versions WHERE store = ${store}`.execute(trx);
      const current = row.rows[0]?.version ?? 0;
      const latest = steps.length ? steps[steps.length - 1]!.version : 0;
      if (current > latest) {
        throw new DoorwayError('SCHEMA_TOO_NEW', msg('db.hubSchemaTooNew', { current, latest }));
      }
      for (const step of steps.filter((m) => m.version > current)) {
        await step.up(trx);
        await sql`INSERT INTO schema_versions (store, version) VALUES (${store}, ${step.version})
                  ON CONFLICT (store) DO UPDATE SET version = excluded.version`.execute(trx);
      }
      result[store] = latest;
    }
    return result;
  });
}

/** The hub's schema versions as stored (0 for a database Doorway has not set up). */
export async function pgSchemaVersions(db: Kysely<unknown>): Promise<PgSchemaVersions> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_versions')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return { main: 0, clinical: 0, hub: 0 };
  const rows = await sql<{ store: keyof PgSchemaVersions; version: number }>`SELECT store, version FROM schema_versions`.execute(db);
  const result: PgSchemaVersions = { main: 0, clinical: 0, hub: 0 };
  for (const r of rows.rows) result[r.store] = r.version;
  return result;
}
