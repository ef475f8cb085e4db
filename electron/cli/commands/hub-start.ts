import { join } from 'node:path';
import { createHubServer, DEFAULT_HUB_PORT, startHubServer } from '../../core/hub/server';
import { defineCommand } from '../command';
import { EXIT, line } from '../io';
import { portNumber, SERVER_DIR_FLAG } from './hub-server-shared';

const NAME = 'hub start';

export const hubStartCommand = defineCommand({
  name: NAME,
  summary: "Run the clinic hub's own PostgreSQL on this computer (made on first use), until Ctrl+C or hub stop.",
  flags: {
    'data-dir': { ...SERVER_DIR_FLAG, required: true },
    port: { type: 'string', placeholder: 'N', description: `The port workstations connect to (default ${DEFAULT_HUB_PORT}; kept for the next start).` },
  },
  notes: [
    'It listens on this computer and its addresses on the clinic network only, lets workstations in over TLS only,',
    "and checks every login's password (SCRAM-SHA-256). Workstations trust its certificate by the fingerprint shown here,",
    'which comes with each pairing code (hub pair). Run it as an ordinary user: PostgreSQL refuses the system administrator.',
  ],
  async run(values, { io, options }) {
    const dir = values['data-dir'];
    const port = values.port === undefined ? undefined : portNumber(values.port, NAME);
    const runAs = options.hubServerRunAs;
    const made = await createHubServer({ dataDir: dir, port, runAs });
    const server = await startHubServer({ dataDir: dir, port, runAs });
    if (made) {
      line(io.stdout, `Made a new clinic hub server in ${dir}.`);
      line(io.stdout, `To set up the clinic on it: hub init --pg-url postgres://${server.owner}:PASSWORD@127.0.0.1:${server.port}/${server.database}`);
      line(io.stdout, `with PASSWORD from ${join(dir, 'owner.password')} (readable only by this account).`);
    }
    const where = server.addresses.length ? server.addresses.map((a) => `${a}:${server.port}`).join(', ') : `127.0.0.1:${server.port} (this computer only: no clinic network was found)`;
    line(io.stdout, `The clinic hub's server is running at ${where}, database ${server.database}.`);
    line(io.stdout, `Certificate fingerprint (SHA-256): ${server.fingerprint}`);
    line(io.stdout, `Workstations join with a pairing code: hub pair --data-dir ${dir}`);
    line(io.stdout, `To stop it: Ctrl+C here, or hub stop --data-dir ${dir}`);
    // Stopped cleanly on Ctrl+C or a service manager's TERM; hub stop from elsewhere ends it the same way.
    const stop = () => {
      server.stop().catch((e: unknown) => line(io.stderr, e instanceof Error ? e.message : String(e)));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const code = await server.exited;
      if (code !== 0) {
        line(io.stderr, `The clinic hub's server stopped unexpectedly (exit ${code ?? 'unknown'}). What it said is in ${dir}/server.log; starting it again runs its recovery.`);
        return EXIT.failed;
      }
      line(io.stdout, "The clinic hub's server has stopped. Everything saved is kept.");
      return EXIT.ok;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
});
