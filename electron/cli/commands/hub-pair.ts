import { Kysely, PostgresDialect } from 'kysely';
import { postgresPool } from '../../core/data/postgres';
import { DoorwayError } from '../../core/errors';
import { lanNetworks } from '../../core/hub/network';
import { createPairing, type HubAddress } from '../../core/hub/pairing';
import { hubOwnerUrl, hubServerInfo, runningHubServer } from '../../core/hub/server';
import { fetchServerCertificate } from '../../core/hub/tls';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { msg } from '../../../shared/messages';
import { EXIT, line } from '../io';
import { postgresUrl } from './hub-shared';
import { SERVER_DIR_FLAG } from './hub-server-shared';

const NAME = 'hub pair';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The owner's address and what the code tells workstations: from the hub's own server folder, or from --pg-url. */
async function whereFrom(values: { 'data-dir'?: string; 'pg-url'?: string; host?: string }): Promise<{ ownerUrl: string; address: HubAddress }> {
  if (values['data-dir'] && values['pg-url']) throw new UsageError('Give either --data-dir DIR or --pg-url URL, not both. Nothing was changed.', NAME);
  if (values['data-dir']) {
    const info = hubServerInfo(values['data-dir']);
    if (!runningHubServer(values['data-dir'])) {
      throw new DoorwayError('HUB_UNREACHABLE', msg('cli.hubServerNotRunning', { folder: values['data-dir'] }));
    }
    const host = values.host ?? info.addresses[0];
    if (!host) throw new UsageError('This computer has no address on a clinic network that workstations could reach; give the one they use with --host. Nothing was changed.', NAME);
    return { ownerUrl: hubOwnerUrl(values['data-dir']), address: { host, port: info.port, database: info.database, fingerprint: info.fingerprint } };
  }
  if (!values['pg-url']) throw new UsageError('Missing --data-dir DIR (the hub server on this computer) or --pg-url URL (as the database owner).', NAME);
  const url = postgresUrl(values['pg-url'], '--pg-url', NAME);
  const port = Number(url.port || 5432);
  // A server the clinic runs itself: the certificate it presents now is the one workstations will trust,
  // so this is best run on the server itself (over loopback).
  const cert = await fetchServerCertificate(url.hostname.replace(/^\[|\]$/g, ''), port).catch((e: unknown) => {
    throw e instanceof DoorwayError ? new DoorwayError(e.code, msg('cli.pairingNeedsTls', { message: e.message })) : e;
  });
  const host = values.host ?? (LOOPBACK.has(url.hostname) ? lanNetworks()[0]?.address : url.hostname);
  if (!host) throw new UsageError('This computer has no address on a clinic network that workstations could reach; give the one they use with --host. Nothing was changed.', NAME);
  return { ownerUrl: url.toString(), address: { host, port, database: decodeURIComponent(url.pathname.slice(1)), fingerprint: cert.fingerprint256 } };
}

export const hubPairCommand = defineCommand({
  name: NAME,
  summary: 'Make a one-time pairing code that lets one workstation join the clinic hub (as the database owner).',
  flags: {
    'data-dir': { ...SERVER_DIR_FLAG, description: "The hub server's folder on this computer (hub start); its owner's login is used." },
    'pg-url': { type: 'string', placeholder: 'URL', env: 'DOORWAY_PG_URL', description: "Or: postgres://OWNER:PASSWORD@HOST:PORT/DATABASE, as the database's owner." },
    host: { type: 'string', placeholder: 'HOST', description: "The hub's address as workstations reach it (default: this computer's address on the clinic network)." },
    minutes: { type: 'string', placeholder: 'N', description: 'How long the code works, in minutes (default 15).' },
  },
  notes: [
    "The code carries the hub's address and its certificate's fingerprint: a workstation that enters it connects only to",
    'this hub, over TLS, and gets a login of its own that may only read what signing in needs. Each code pairs one computer.',
  ],
  async run(values, { io }) {
    const minutes = values.minutes === undefined ? 15 : Number(values.minutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw new UsageError('--minutes: give a whole number of minutes from 1 to 1440. Nothing was changed.', NAME);
    const { ownerUrl, address } = await whereFrom(values);
    const pool = postgresPool({ connectionString: ownerUrl, max: 1 });
    const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      const made = await createPairing(owner, { ...address, now: new Date(), validMinutes: minutes });
      line(io.stdout, `Pairing code for one workstation, good for ${minutes} minute${minutes === 1 ? '' : 's'} (until ${made.expiresAt.slice(11, 16)} UTC):`);
      line(io.stdout);
      line(io.stdout, `  ${made.code}`);
      line(io.stdout);
      line(io.stdout, `Hub: ${address.host}:${address.port}/${address.database}`);
      line(io.stdout, `Certificate fingerprint (SHA-256): ${address.fingerprint}`);
      line(io.stdout, 'On the workstation, enter the code where Doorway asks to join a clinic hub. Once used it works no more.');
      return EXIT.ok;
    } finally {
      await owner.destroy();
    }
  },
});
