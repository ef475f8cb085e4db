import { describe } from 'vitest';
import { ENGINE, onPostgres } from './engine';
import { PG_URL } from './pg-server';

export * from './pg-server';

function skippedWith(reason: string): typeof describe {
  return ((name: string, ...rest: unknown[]) => {
    console.warn(`skipped "${name}": ${reason}`);
    return (describe.skip as (n: string, ...r: unknown[]) => void)(name, ...rest);
  }) as typeof describe;
}

/** Why a test of the clinic hub itself is skipped on the SQLite run. */
export const HUB_TESTS_ON_POSTGRES = `a test of the clinic hub itself, run once, with DOORWAY_TEST_ENGINE=postgres (project integration-postgres); this run is ${ENGINE}`;

/**
 * `describe` for tests of the clinic hub itself (pg-*.test.ts, the pg_* schema steps): they run in the
 * postgres project (tests/support/engine.ts), once; on the SQLite run, and without a server (a
 * developer's machine), they are skipped with the reason printed.
 */
export const describePg: typeof describe = !onPostgres
  ? skippedWith(HUB_TESTS_ON_POSTGRES)
  : PG_URL
    ? describe
    : skippedWith('no PostgreSQL (start one with scripts/pg-test-server.sh start DIR and set DOORWAY_TEST_PG_URL)');
