/**
 * Development browser preview: the real renderer against the real core, without Electron. Never part
 * of the packaged app. Usage: `npm run preview -- [--port N] [--data-dir DIR] [--url-file FILE] [--hub URL]`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventNames } from '../../shared/contract';
import { createDoorway } from '../core';
import { parsePreviewArgs } from './args';
import { EventStream } from './event-stream';
import { whenParentExits } from './parent-watch';
import { createPreviewServer } from './server';

const log = (message: string, error?: unknown) => console.error(`[preview] ${message}`, error ?? '');

async function main(): Promise<void> {
  const parsed = parsePreviewArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(2);
  }
  const { port, urlFile } = parsed.args;

  const rendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built yet (${rendererDir}). Run: npm run build:renderer`);
    process.exit(1);
  }

  let dataDir = parsed.args.dataDir;
  if (!dataDir) {
    dataDir = await mkdtemp(join(tmpdir(), 'doorway-preview-'));
    console.log(`Data folder for this run: ${dataDir}`);
  }

  const hub = parsed.args.hub ? { connectionString: parsed.args.hub, max: 4 } : undefined;
  if (hub) console.log(`Working on the clinic hub at ${new URL(hub.connectionString).host}`);
  // Tests run as root, which PostgreSQL refuses: their hub server (made from the first-run wizard) runs as `postgres`.
  const hubServerRunAs = process.env.DOORWAY_HUB_SERVER_RUN_AS === 'postgres' ? 'postgres' : undefined;
  const { core, router } = createDoorway({ dataDir, log, hub, hubServerRunAs });
  await core.hub.startServerIfHere();
  const events = new EventStream();
  for (const name of eventNames) core.on(name, (payload) => events.publish(name, payload));
  core.startIdleTimer();

  const secret = randomBytes(32).toString('base64url');
  const server = createPreviewServer({ router, events, secret, rendererDir, log });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}/#secret=${secret}`;

  if (urlFile) {
    // Write then rename, so a waiting test runner never reads half a URL.
    await writeFile(`${urlFile}.tmp`, `${url}\n`, { mode: 0o600 });
    await rename(`${urlFile}.tmp`, urlFile);
  }
  console.log(`Doorway preview: ${url}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    try {
      core.close();
    } catch (e) {
      log('closing the vault failed', e);
    }
    events.closeAll();
    server.closeAllConnections();
    void core
      .stopHubServer()
      .catch((e: unknown) => log("the clinic hub's server did not stop cleanly", e))
      .finally(() => server.close(() => process.exit(0)));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
  whenParentExits(() => {
    console.log('The command that started the preview has stopped; stopping the preview too.');
    shutdown();
  });
  console.log('Stop the preview with Ctrl+C (or by stopping `npm run preview`).');
}

main().catch((e: unknown) => {
  console.error('The preview could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
