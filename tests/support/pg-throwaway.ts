import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { postgresData, postgresPool } from '../../electron/core/data/postgres';
import type { Database } from '../../electron/core/data/schema';

const run = promisify(execFile);
const script = join(__dirname, '..', '..', 'scripts', 'pg-test-server.sh');

/**
 * A PostgreSQL server of the test's own (scripts/pg-test-server.sh), for tests that take the hub
 * away and bring it back: the shared server of DOORWAY_TEST_PG_URL must never be stopped.
 */
export interface ThrowawayPg {
  /** The server's admin URL (its `postgres` database). */
  url: string;
  port: number;
  /** A new database on it; `close` ends this side's connections (the server keeps the database). */
  database(name: string): Promise<{ url: string; data: Kysely<Database>; close(): Promise<void> }>;
  /** kill -9 of the server: the hub is gone at once. */
  crash(): Promise<void>;
  /** Starts it again on the same port after a crash (PostgreSQL's crash recovery runs). */
  resume(): Promise<void>;
  /** Stops it and removes its folder; safe to call more than once. */
  stop(): Promise<void>;
}

export async function startThrowawayPg(): Promise<ThrowawayPg> {
  // As root the server runs as `postgres`, which must be able to enter the folder's parent.
  const parent = await mkdtemp(join(tmpdir(), 'doorway-pg-'));
  await chmod(parent, 0o755);
  const dir = join(parent, 'pg');
  let url = '';
  let port = 0;
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 4 && !url; attempt++) {
    port = 54400 + randomInt(0, 500);
    try {
      url = (await run('bash', [script, 'start', dir, String(port)])).stdout.trim();
    } catch (e) {
      lastError = e;
      // A port in use: clear the half-made folder and try another.
      await run('bash', [script, 'stop', dir]).catch(() => undefined);
    }
  }
  if (!url) {
    await rm(parent, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL: ${String(lastError)}`);
  }
  let stopped = false;
  return {
    url,
    port,
    async database(name) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const u = new URL(url);
      u.pathname = `/${name}`;
      const pool = postgresPool({ connectionString: u.toString(), max: 2 });
      const data = postgresData(pool);
      return { url: u.toString(), data, close: () => data.destroy() };
    },
    async crash() {
      await run('bash', [script, 'crash', dir]);
    },
    async resume() {
      await run('bash', [script, 'resume', dir, String(port)]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('bash', [script, 'stop', dir]).catch(() => undefined);
      await rm(parent, { recursive: true, force: true });
    },
  };
}
