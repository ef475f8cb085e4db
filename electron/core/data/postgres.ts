import { Kysely, PostgresDialect, sql, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import pg from 'pg';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { pinnedTlsOptions } from '../hub/tls';
import { clinicalClosed, registerEngine, type Data, type Engine, type MonthStats, type PeopleSearchIndex, type WriteLocks } from './engine';
import type { Database } from './schema';
import { searchTerms } from './search-terms';

/**
 * A clinic hub's records on PostgreSQL (DESIGN.md, "The data layer and its two engines"): the same
 * Kysely queries as on SQLite, through `pg`. Rows must read as they do on SQLite, so counts and sums
 * (bigint and numeric on PostgreSQL, strings in `pg` by default) are numbers here; a clinic's counts
 * never come near 2^53.
 */
const INT8 = 20;
const NUMERIC = 1700;

function typeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format);
}

export interface PostgresTarget {
  connectionString: string;
  /** Connections kept open; a workstation needs few. */
  max?: number;
  ssl?: pg.PoolConfig['ssl'];
  /** The hub's certificate fingerprint this computer paired with: TLS to that certificate only (hub/tls.ts), instead of `ssl`. */
  pinnedFingerprint?: string;
}

export function postgresPool(target: PostgresTarget): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: target.max ?? 4,
    ...(target.pinnedFingerprint ? pinnedTlsOptions(target.connectionString, target.pinnedFingerprint) : { ssl: target.ssl }),
    types: { getTypeParser: typeParser } as pg.CustomTypesConfig,
  });
  // An idle connection the hub dropped (it restarted, the network went) is discarded by the pool; the
  // next call makes a new one, or says the hub can't be reached (hubError). Never a crash of the app.
  pool.on('error', () => undefined);
  // Likewise a connection in use when the hub goes away: its next query fails (said as HUB_UNREACHABLE)
  // and the pool drops it when it comes back, rather than the lost socket taking the app down.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * PostgreSQL's refusals, in the words the app uses for the same thing on one computer: a login role
 * without a grant on the clinical schema gets exactly what a front-desk session gets on SQLite.
 */
/**
 * The hub is out of reach: the server stopped or restarted, the network dropped, or it refuses new
 * connections while it recovers. `pg` makes new connections as they are needed, so the next call after
 * the hub is back simply works.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

export const hubUnreachable = () =>
  new DoorwayError(
    'HUB_UNREACHABLE',
    msg('data.hub.unreachable'),
  );

/** Lost while the hub was confirming a save: it may have been kept, and saying "not saved" could make staff enter it twice. */
export const hubLostAtCommit = () =>
  new DoorwayError(
    'HUB_UNREACHABLE',
    msg('data.hub.lostAtCommit'),
    { uncertain: true },
  );

export function hubError(e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : '';
  if ((typeof code === 'string' && UNREACHABLE_CODES.has(code)) || /Connection terminated|terminating connection|not queryable|the database system is (starting up|shutting down|in recovery mode)/i.test(message)) {
    return hubUnreachable();
  }
  if (code === '28P01') {
    // A role login's password changes with the clinic's keys (hub/rotation.ts): a session on the old one must sign in again.
    return new DoorwayError('NOT_SIGNED_IN', msg('data.hub.loginChanged'));
  }
  if (code === '42501') {
    if (/\bclinical\b/.test(message)) return clinicalClosed();
    return new DoorwayError('FORBIDDEN', msg('data.hub.roleForbids'));
  }
  return e;
}

class TranslatingConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (e) {
      throw hubError(e);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const innerOf = (c: DatabaseConnection) => (c instanceof TranslatingConnection ? c.inner : c);

async function translated<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw hubError(e);
  }
}

/** Kysely's PostgreSQL dialect, with every query's refusal put in the app's words (hubError). */
class HubDialect extends PostgresDialect {
  override createDriver(): Driver {
    const d = super.createDriver();
    return {
      init: (o) => d.init(o),
      acquireConnection: async (o) => {
        try {
          return new TranslatingConnection(await d.acquireConnection(o));
        } catch (e) {
          throw hubError(e);
        }
      },
      // Kysely's own steps run on the connection it made (it marks a broken one to be discarded there).
      beginTransaction: (c, s) => translated(() => d.beginTransaction(innerOf(c), s)),
      commitTransaction: (c) =>
        translated(() => d.commitTransaction(innerOf(c))).catch((e: unknown) => {
          throw e instanceof DoorwayError && e.code === 'HUB_UNREACHABLE' ? hubLostAtCommit() : e;
        }),
      // A rollback on a connection the hub already dropped has nothing left to undo.
      rollbackTransaction: (c) =>
        translated(() => d.rollbackTransaction(innerOf(c))).catch((e: unknown) => {
          if (!(e instanceof DoorwayError && e.code === 'HUB_UNREACHABLE')) throw e;
        }),
      savepoint: (c, name, compile) => translated(() => d.savepoint!(innerOf(c), name, compile)),
      rollbackToSavepoint: (c, name, compile) => translated(() => d.rollbackToSavepoint!(innerOf(c), name, compile)),
      releaseSavepoint: (c, name, compile) => translated(() => d.releaseSavepoint!(innerOf(c), name, compile)),
      // The pool takes back the connection it gave, not the wrapper.
      releaseConnection: (c, o) => d.releaseConnection(innerOf(c), o),
      destroy: (o) => d.destroy(o),
    };
  }
}

export function postgresData(pool: pg.Pool): Kysely<Database> {
  return registerEngine(new Kysely<Database>({ dialect: new HubDialect({ pool }) }), postgresEngine);
}

/**
 * People search on PostgreSQL, with the same terms as SQLite (search-terms.ts), over hub.people_search:
 * each living person's code and names lower-cased once, read in one pass (a clinic's people are tens of
 * thousands). Each term must be found: anywhere, or at the start of a word. No extension to install.
 */
export const postgresPeopleSearch: PeopleSearchIndex = {
  async index(data, p) {
    // Lower-cased by PostgreSQL, as the rebuild and the schema step do, so every row folds alike.
    await sql`INSERT INTO hub.people_search (person_id, text) VALUES (${p.id}, lower(${p.clientCode} || ' ' || ${p.name ?? ''} || ' ' || ${p.preferredName ?? ''}))
              ON CONFLICT (person_id) DO UPDATE SET text = excluded.text`.execute(data);
  },
  async remove(data, personId) {
    await sql`DELETE FROM hub.people_search WHERE person_id = ${personId}`.execute(data);
  },
  async rebuild(data) {
    await sql`DELETE FROM hub.people_search`.execute(data);
    await sql`INSERT INTO hub.people_search (person_id, text)
              SELECT id, lower(client_code || ' ' || coalesce(name, '') || ' ' || coalesce(preferred_name, '')) FROM people WHERE deleted_at IS NULL`.execute(data);
  },
  async match(data, query, limit) {
    const parsed = searchTerms(query);
    if (!parsed) return [];
    // Terms hold only letters, digits and dashes: nothing LIKE or a regular expression treats specially.
    const conditions = parsed.terms.map((term) =>
      parsed.mode === 'anywhere' ? sql`s.text LIKE '%' || lower(${term}) || '%'` : sql`s.text ~ ('\\m' || lower(${term}))`,
    );
    const rows = await sql<{ id: number }>`
      SELECT p.id FROM hub.people_search s JOIN people p ON p.id = s.person_id
      WHERE p.deleted_at IS NULL AND ${sql.join(conditions, sql` AND `)}
      ORDER BY (lower(p.client_code) = lower(${query.trim()})) DESC, p.last_contact_at DESC NULLS LAST
      LIMIT ${limit}`.execute(data);
    return rows.rows.map((r) => r.id);
  },
};

/**
 * The monthly figures recounted from the contacts. The two tables are locked first: a contact saved
 * meanwhile on another workstation waits, then adds itself to the fresh figures (its trigger runs
 * after this commit), so nothing is counted twice or lost.
 */
export const postgresMonthStats: MonthStats = {
  async rebuild(data: Data) {
    await sql`LOCK TABLE month_stats, person_month IN EXCLUSIVE MODE`.execute(data);
    await sql`DELETE FROM person_month`.execute(data);
    await sql`DELETE FROM month_stats`.execute(data);
    await sql`
      INSERT INTO month_stats (month, contacts, returns, people)
        SELECT substr(local_day, 1, 7), count(*), coalesce(sum(CASE WHEN prev_gap_days > absence_threshold_days() THEN 1 ELSE 0 END), 0), 0
        FROM contacts WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1`.execute(data);
    await sql`
      INSERT INTO person_month (person_id, month, contacts)
        SELECT person_id, substr(local_day, 1, 7), count(*) FROM contacts
        WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1, 2`.execute(data);
  },
};

/** Any fixed number, distinct from the schema steps' lock (db/pg-migrate.ts): the audit chain's. */
const AUDIT_CHAIN_LOCK = 0x61756474; // "audt"

/**
 * Several workstations write at once. Under READ COMMITTED each statement sees what committed before
 * it, so once a lock is granted, everything read after it includes the change that held it.
 */
const postgresLocks: WriteLocks = {
  async auditChain(data) {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(data);
  },
  async person(data, personId) {
    await sql`SELECT 1 FROM people WHERE id = ${personId} FOR UPDATE`.execute(data);
  },
};

export const postgresEngine: Engine = { name: 'postgres', peopleSearch: postgresPeopleSearch, monthStats: postgresMonthStats, locks: postgresLocks };
