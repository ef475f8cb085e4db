import { describe } from 'vitest';
import { PG_URL } from './pg-server';

export * from './pg-server';

/** `describe` for tests that need the server; without one (a developer's machine), skipped with the reason printed. */
export const describePg: typeof describe = PG_URL
  ? describe
  : (((name: string, ...rest: unknown[]) => {
      console.warn(`skipped "${name}": no PostgreSQL (start one with scripts/pg-test-server.sh start DIR and set DOORWAY_TEST_PG_URL)`);
      return (describe.skip as (n: string, ...r: unknown[]) => void)(name, ...rest);
    }) as typeof describe);
