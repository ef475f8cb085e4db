import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { THROTTLE_FILE } from '../../electron/core/session/sign-in';
import { createDoorway, invoke, type Doorway, type Router } from '../../electron/core';
import type { Db } from '../../electron/core/db/database';
import type { Database } from '../../electron/core/data/schema';
import { RECORD_TABLES, readTable } from '../../electron/core/hub/tables';
import { initHub } from '../../electron/core/hub/init';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { ENGINE, type TestEngine } from './engine-choice';
import { freshPgDatabase, type PgTestDatabase } from './pg-server';

/** Cheaper scrypt for tests only; the benchmark measures the production cost. */
export const TEST_KDF = { N: 2 ** 12 } as const;

export const ADMIN = { username: 'river', displayName: 'River Stone', password: 'calm harbour light 42' } as const;

export function tempDir(prefix = 'doorway-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * SHA-256 of every file in a folder (recursively), to prove a refused operation changed nothing. The
 * sign-in counters are left out: counting a refused attempt is their whole job (session/throttle.ts),
 * and they hold no records or keys.
 */
export function hashDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === THROTTLE_FILE) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export interface ReadyVault {
  core: Doorway;
  router: Router;
  /** The recovery code the clinic was made with (shown once at set-up). */
  recoveryCode: string;
  /** On PostgreSQL (DOORWAY_TEST_ENGINE=postgres): the clinic's own database on the test server. */
  hub: PgTestDatabase | null;
}

/** Cores made by `setUpVault` on PostgreSQL, closed before their databases are dropped (tests/support/pg-setup.ts). */
export const openedCores: Doorway[] = [];

/**
 * A real clinic, ready, with the administrator (ADMIN) signed in. On SQLite (the default engine) a
 * vault made through the router, as the first-run wizard makes it; with DOORWAY_TEST_ENGINE=postgres
 * a clinic hub on a fresh database of the test server (`initHub`, as `hub init` makes it), and a core
 * on it (a workstation whose data folder is `dataDir`) signed in as the administrator through the
 * router. Either way the same shape; the hub's database is dropped after the test. `engine` picks one
 * whatever the run's (a single computer's vault to move onto a hub is always SQLite).
 */
export async function setUpVault(dataDir: string, opts: { clinicName?: string; engine?: TestEngine } = {}): Promise<ReadyVault> {
  const clinicName = opts.clinicName ?? 'Harbour Street Clinic';
  if ((opts.engine ?? ENGINE) === 'postgres') {
    const hub = await freshPgDatabase();
    const made = await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName, peopleWord: 'participant' }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
    const doorway = createDoorway({ dataDir, kdfCost: TEST_KDF, hub: { connectionString: hub.url, max: 2 } });
    openedCores.push(doorway.core);
    const signedIn = await invoke(doorway.router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    return { ...doorway, recoveryCode: made.recoveryCode, hub };
  }
  const doorway = createDoorway({ dataDir, kdfCost: TEST_KDF });
  const code = await doorway.router('setup.recoveryCode', {});
  if (!code.ok) throw new Error(code.error.message);
  const { recoveryCode, confirmGroups } = code.value as { recoveryCode: string; confirmGroups: number[] };
  const groups = recoveryCode.split('-');
  const created = await doorway.router('setup.create', {
    clinicName,
    peopleWord: 'participant',
    admin: { ...ADMIN },
    confirmation: confirmGroups.map((g) => groups[g - 1]),
  });
  if (!created.ok) throw new Error(created.error.message);
  return { ...doorway, recoveryCode, hub: null };
}

/**
 * Another core on the same clinic (a restart of the app, or a second workstation): on SQLite a core
 * on the same data folder, on PostgreSQL a workstation on the same hub with a data folder of its own
 * (`dataDir`, by default the vault's). Not signed in.
 */
export function reopen(v: { core: Doorway; hub: PgTestDatabase | null }, opts: { dataDir?: string; kdfCost?: typeof TEST_KDF | null; now?: () => Date } = {}) {
  const kdf = opts.kdfCost === null ? {} : { kdfCost: opts.kdfCost ?? TEST_KDF };
  const made = createDoorway({ dataDir: opts.dataDir ?? v.core.paths.dir, ...kdf, ...(opts.now ? { now: opts.now } : {}), ...(v.hub ? { hub: { connectionString: v.hub.url, max: 2 } } : {}) });
  if (v.hub) openedCores.push(made.core);
  return made;
}

/**
 * Closes a core (quitting the app: locked, audited) and, on PostgreSQL, waits until the lock's event
 * is on the hub and the session's connections are gone, so what follows sees the record as it stays.
 */
export async function closeCore(v: { core: Doorway; hub: PgTestDatabase | null }): Promise<void> {
  v.core.close();
  await settled(v.hub);
}

/** On a hub, after a lock: waits until the lock's event is written and the session's connections are closed. */
export async function settled(hub: PgTestDatabase | null): Promise<void> {
  if (!hub) return;
  for (let i = 0; i < 200; i++) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`.execute(hub.data);
    if (r.rows[0]!.n === 0) return;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error('the closed core still has connections to the hub');
}

/**
 * Everything stored for a clinic, to prove a refused call changed nothing, signed in or not: the
 * data folder's files (hashDir) and, on PostgreSQL, every row of the hub's record (read as its owner).
 */
export async function storedPrint(v: { core: Doorway; hub: PgTestDatabase | null }, dir = v.core.paths.dir): Promise<{ files: Record<string, string>; hub: string | null }> {
  return { files: hashDir(dir), hub: v.hub ? await contentHash(v.hub.data) : null };
}

/** The signed-in session's records on either engine: typed Kysely queries (the core's own data layer). */
export function dataOf(core: Doorway): Kysely<Database> {
  return core.vault.open().data;
}

/**
 * Rows of one SQL statement through the core's data layer, on either engine; `?` marks each parameter.
 * For plain SQL that reads the same on SQLite and PostgreSQL (counts are numbers on both), on the main
 * tables: on one computer a clinical table is reached through Kysely's builder (dataOf), which sends
 * the query to the clinical store.
 */
export async function rowsOf<T = Record<string, unknown>>(core: Doorway, text: string, ...params: unknown[]): Promise<T[]> {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`rowsOf: ${parts.length - 1} placeholders, ${params.length} values`);
  const query = sql.join(
    parts.flatMap((p, i) => (i < params.length ? [sql.raw(p), sql.val(params[i])] : [sql.raw(p)])),
    sql``,
  );
  return (await sql<T>`${query}`.execute(dataOf(core))).rows;
}

/** The first column of the first row, as `.pluck().get()` gives it on SQLite. */
export async function valueOf<T = unknown>(core: Doorway, text: string, ...params: unknown[]): Promise<T> {
  const [row] = await rowsOf<Record<string, unknown>>(core, text, ...params);
  return (row ? Object.values(row)[0] : undefined) as T;
}

/** The first column of every row, as `.pluck().all()` gives it on SQLite. */
export async function columnOf<T = unknown>(core: Doorway, text: string, ...params: unknown[]): Promise<T[]> {
  return (await rowsOf<Record<string, unknown>>(core, text, ...params)).map((r) => Object.values(r)[0] as T);
}

/** `count(*)` of a table of the record, on either engine. */
export async function countRows(core: Doorway, table: keyof Database): Promise<number> {
  return Number(await valueOf(core, `SELECT count(*) AS n FROM ${table}`));
}

/**
 * A hash of every row of every table of the record (data/schema.ts), read through the signed-in
 * session's data layer in primary-key order: proves a refused call wrote nothing, on either engine.
 * The clinical tables are included when the session may read them (its role has the clinical key).
 * With `exceptAudit`, the audit trail is left out (calls that may record the attempt itself). Given a
 * hub's database (its owner's connection) instead of a core, every table, clinical ones included.
 */
export async function contentHash(from: Doorway | Kysely<Database>, opts: { exceptAudit?: boolean } = {}): Promise<string> {
  const h = createHash('sha256');
  const core = 'vault' in from ? from : null;
  const data = core ? dataOf(core) : (from as Kysely<Database>);
  const clinical = core ? core.vault.clinicalKey !== null : true;
  for (const { name, key } of RECORD_TABLES) {
    if (opts.exceptAudit && name === 'audit_events') continue;
    if (!clinical && name.startsWith('clinical.')) continue;
    h.update(name);
    for await (const chunk of readTable(data, name, key)) for (const row of chunk) h.update(JSON.stringify(Object.values(row)));
  }
  return h.digest('hex');
}

/**
 * A hash of every row of every table: proves a refused call wrote nothing, whatever table it aimed at.
 * With `exceptAudit`, the audit trail is left out, for calls that may record the attempt itself
 * (a failed sign-in, a refused backup) and must change nothing else.
 */
export function dbContentHash(db: Db, opts: { exceptAudit?: boolean } = {}): string {
  const h = createHash('sha256');
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
         AND name NOT LIKE 'people_search%' AND name NOT LIKE 'people_prefix%' ${opts.exceptAudit ? "AND name <> 'audit_events'" : ''} ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  for (const t of tables) {
    h.update(t);
    for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}
