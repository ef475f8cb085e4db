/*
 * Kept apart from engine.ts (which uses vitest) so the test children that import tests/support/vault.ts
 * (rotation, clinical, backup crashes) load no test runner.
 */

/**
 * Which engine the integration suite runs on: `DOORWAY_TEST_ENGINE=sqlite` (the default: one computer's
 * encrypted files) or `postgres` (a clinic hub on the test server, DOORWAY_TEST_PG_URL). Read here and
 * nowhere else; vitest.config.mts runs the same files once per engine (projects `integration` and
 * `integration-postgres`).
 */
export type TestEngine = 'sqlite' | 'postgres';

function readEngine(): TestEngine {
  const v = (process.env.DOORWAY_TEST_ENGINE ?? '').trim().toLowerCase();
  if (v === '' || v === 'sqlite') return 'sqlite';
  if (v === 'postgres' || v === 'postgresql' || v === 'pg') return 'postgres';
  throw new Error(`DOORWAY_TEST_ENGINE=${v}: use sqlite (the default) or postgres.`);
}

export const ENGINE: TestEngine = readEngine();
export const onPostgres = ENGINE === 'postgres';
export const onSqlite = ENGINE === 'sqlite';
