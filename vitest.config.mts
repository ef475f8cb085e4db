import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The integration suite runs twice, the same files on each engine (tests/support/engine.ts):
 * `integration` on one computer's encrypted SQLite, `integration-postgres` on a clinic hub on the
 * test PostgreSQL (DOORWAY_TEST_PG_URL; without one its tests skip and say why, and under CI a missing
 * server fails: tests/support/pg-server.ts).
 */
const integration: NonNullable<TestProjectInlineConfiguration['test']> = {
  include: ['tests/integration/**/*.test.ts'],
  environment: 'node',
  setupFiles: ['tests/support/engine-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Each file opens real encrypted databases; two cores are all this machine has.
  maxWorkers: 2,
};

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', env: { DOORWAY_TEST_ENGINE: 'sqlite' }, sequence: { groupOrder: 0 } } },
      { test: { ...integration, name: 'integration', env: { DOORWAY_TEST_ENGINE: 'sqlite' }, sequence: { groupOrder: 1 } } },
      { test: { ...integration, name: 'integration-postgres', env: { DOORWAY_TEST_ENGINE: 'postgres' }, sequence: { groupOrder: 2 } } },
    ],
  },
});
