import { describe, it } from 'vitest';
import { ENGINE, onPostgres, type TestEngine } from './engine-choice';
import { PG_URL } from './pg-server';

export { ENGINE, onPostgres, onSqlite, type TestEngine } from './engine-choice';

/** On PostgreSQL without a server to run on (a developer's machine): every test skips, saying why. */
export const NO_PG_SERVER = onPostgres && !PG_URL;
export const NO_PG_SERVER_REASON =
  'no PostgreSQL for the postgres engine (start one with scripts/pg-test-server.sh start DIR and set DOORWAY_TEST_PG_URL)';

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/**
 * `describe` for a block that runs on one engine only; on the other it is skipped and the reason is
 * printed (as describePg does for tests that need a server). Every integration file either runs on
 * both engines or says here why not.
 */
export function describeOn(engine: TestEngine, reason: string, name: string, fn: () => void): void {
  if (engine === ENGINE) {
    describe(name, fn);
    return;
  }
  warnOnce(`skipped on ${ENGINE} "${name}": ${engine} only: ${reason}`);
  describe.skip(name, fn);
}

/** One test that runs on one engine only; elsewhere skipped with the reason printed. */
export function itOn(engine: TestEngine, reason: string, name: string, fn: () => unknown, timeout?: number): void {
  if (engine === ENGINE) {
    it(name, fn, timeout);
    return;
  }
  warnOnce(`skipped on ${ENGINE} "${name}": ${engine} only: ${reason}`);
  it.skip(name, fn, timeout);
}

/**
 * A part of a test that checks what only one engine has (one computer's files, the command line on a
 * data folder): run there, and elsewhere left out with the reason printed once.
 */
export async function onlyOn(engine: TestEngine, reason: string, fn: () => unknown): Promise<void> {
  if (engine === ENGINE) {
    await fn();
    return;
  }
  warnOnce(`left out on ${ENGINE}: ${engine} only: ${reason}`);
}

/**
 * A product difference on PostgreSQL that a test has to allow for until it is fixed where it lives:
 * says so (printed once) and returns true on PostgreSQL, so the test keeps checking everything else.
 */
export function knownPgBug(description: string): boolean {
  if (!onPostgres) return false;
  warnOnce(`known product bug on postgres: ${description}`);
  return true;
}
