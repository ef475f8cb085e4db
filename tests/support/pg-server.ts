import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { postgresData, postgresPool } from '../../electron/core/data/postgres';
import type { Database } from '../../electron/core/data/schema';
import type { PgMigration } from '../../electron/core/db/migrations/pg/types';
import { hubLoginName } from '../../electron/core/hub/roles';
import { ROLES } from '../../shared/roles';

/**
 * The real PostgreSQL the tests use (never a mock, never PGlite): `.ci/run` starts one with
 * scripts/pg-test-server.sh and exports its URL. Each test gets a database of its own on it.
 */
export const PG_URL = process.env.DOORWAY_TEST_PG_URL ?? '';

if (!PG_URL && process.env.CI) throw new Error('DOORWAY_TEST_PG_URL is not set: CI must start PostgreSQL (scripts/pg-test-server.sh) before the tests.');

export interface PgTestDatabase {
  url: string;
  pool: pg.Pool;
  data: Kysely<Database>;
  /** Closes every connection and drops the database. */
  drop(): Promise<void>;
}

const opened: PgTestDatabase[] = [];

function urlFor(name: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the test server. */
export async function freshPgDatabase(): Promise<PgTestDatabase> {
  const name = `doorway_t_${randomBytes(6).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = urlFor(name);
  const pool = postgresPool({ connectionString: url, max: 8 });
  const data = postgresData(pool);
  const db: PgTestDatabase = {
    url,
    pool,
    data,
    async drop() {
      // A clinic hub's login roles (hub/roles.ts) belong to the server, not to the database: they go with it.
      await data.destroy();
      await asAdmin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        for (const role of ROLES) await c.query(`DROP ROLE IF EXISTS "${hubLoginName(name, role)}"`);
        // The gate, and the pairing and workstation logins (hub/roles.ts, hub/pairing.ts).
        const more = await c.query<{ rolname: string }>(`SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY rolname DESC`, [`${name}\\_%`]);
        for (const r of more.rows) await c.query(`DROP ROLE IF EXISTS "${r.rolname}"`);
      });
    },
  };
  opened.push(db);
  return db;
}

/** For afterEach: drops every database the test made. */
export async function dropPgDatabases(): Promise<void> {
  for (const db of opened.splice(0)) await db.drop();
}

/** Applies the given steps up to `version` (for a step's own test), without the runner's bookkeeping. */
export async function applySteps(data: Kysely<Database>, steps: readonly PgMigration[], version: number): Promise<void> {
  await data.transaction().execute(async (trx) => {
    for (const step of steps.filter((s) => s.version <= version)) await step.up(trx as unknown as Kysely<unknown>);
  });
}

/** A plain Kysely over the same pool, for checks that read tables outside the typed schema. */
export function untyped(db: PgTestDatabase): Kysely<unknown> {
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool: db.pool }) });
}

export { sql };
