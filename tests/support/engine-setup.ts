import { afterEach, beforeEach } from 'vitest';
import { NO_PG_SERVER, NO_PG_SERVER_REASON, onPostgres } from './engine';
import { dropPgDatabases } from './pg-server';
import { openedCores } from './vault';

/**
 * Set-up file of every integration test (vitest.config.mts). On PostgreSQL: without a server, each
 * test skips and says why; after each test, the cores `setUpVault` made are closed (their sessions'
 * connections go) and every database the test made is dropped, whatever the file's own hooks did.
 * Setup files' hooks run outermost: this afterEach runs after the file's own.
 */
if (NO_PG_SERVER) console.warn(`skipped: ${NO_PG_SERVER_REASON}`);

beforeEach((ctx) => {
  if (NO_PG_SERVER) ctx.skip(NO_PG_SERVER_REASON);
});

afterEach(async () => {
  if (!onPostgres) return;
  const cores = openedCores.splice(0);
  for (const core of cores) core.close();
  // A lock on a hub writes its event and then closes the session's connections.
  if (cores.length) await new Promise((r) => setTimeout(r, 100));
  await dropPgDatabases();
});
