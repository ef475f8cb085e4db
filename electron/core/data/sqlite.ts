import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Db } from '../db/database';
import { searchTerms } from './search-terms';
import { clinicalClosed, registerEngine, type Data, type Engine, type MonthStats, type PeopleSearchIndex, type WriteLocks } from './engine';
import type { Database } from './schema';
import { PairTransaction, type StorePair } from './sqlite-pair';

/** Statements kept prepared per connection: preparing is a measurable share of a short query. */
const STATEMENT_CACHE = 200;

type Statement = ReturnType<Db['prepare']>;

/** Prepared statements of one connection, reused, the oldest dropped first. */
function statementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = db.prepare(sql);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
}

/** Kysely writes schema-qualified tables as "clinical"."table": those queries go to the clinical store. */
const CLINICAL_TABLE = /"clinical"\./;

function run(stmt: Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes), rows: [] };
}

/**
 * The two stores as one Kysely connection. A query naming a `clinical.` table runs on the clinical
 * connection, any other on the main one; a transaction spans both and commits them in the order that
 * keeps them consistent (sqlite-pair.ts). Both connections are keyed and tuned by db/database.ts and
 * closed by the vault session, never by Kysely.
 */
class PairConnection implements DatabaseConnection {
  private readonly mainStatement: (sql: string) => Statement;
  private readonly clinicalStatement: ((sql: string) => Statement) | null;
  private tx: PairTransaction | null = null;

  constructor(private readonly pair: StorePair) {
    this.mainStatement = statementCache(pair.main);
    this.clinicalStatement = pair.clinical ? statementCache(pair.clinical) : null;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiled;
    if (!CLINICAL_TABLE.test(sql)) return Promise.resolve(run(this.mainStatement(sql), parameters) as QueryResult<R>);
    if (!this.clinicalStatement) return Promise.reject(clinicalClosed());
    const stmt = this.clinicalStatement(sql);
    // Only a change makes the clinical store part of the transaction (and worth a commit of its own);
    // a read before that sees what is committed, and a read after it sees the transaction's own changes.
    if (!stmt.readonly) {
      if (!this.tx) return Promise.reject(new Error('a change to the clinical store must run inside a transaction'));
      this.tx.clinical();
    }
    return Promise.resolve(run(stmt, parameters) as QueryResult<R>);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used by Doorway');
  }

  begin(): void {
    if (this.tx) throw new Error('a transaction is already open on the records');
    this.tx = new PairTransaction(this.pair);
    this.tx.begin();
  }

  commit(): void {
    const tx = this.tx!;
    this.tx = null;
    tx.commit();
  }

  rollback(): void {
    const tx = this.tx;
    this.tx = null;
    tx?.rollback();
  }
}

class PairDriver implements Driver {
  private readonly connection: PairConnection;

  constructor(pair: StorePair) {
    this.connection = new PairConnection(pair);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as PairConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as PairConnection).commit();
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as PairConnection).rollback();
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** The engine of "this computer only": SQLite's SQL, over the pair of encrypted files. */
class PairDialect implements Dialect {
  constructor(private readonly pair: StorePair) {}
  createDriver() {
    return new PairDriver(this.pair);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/** Typed, async queries over the open encrypted files; `clinical` is null for a front-desk session. */
export function sqliteData(main: Db, clinical: Db | null = null): Kysely<Database> {
  return registerEngine(new Kysely<Database>({ dialect: new PairDialect({ main, clinical }) }), sqliteEngine);
}

/**
 * People search on SQLite: two contentless FTS5 indexes kept beside `people` (migration 0002), a
 * trigram one for three letters or more and a prefix one for one or two.
 */
export const sqlitePeopleSearch: PeopleSearchIndex = {
  async index(data, p) {
    for (const table of ['people_search', 'people_prefix'] as const) {
      await sqlRun(data, `INSERT INTO ${table} (rowid, client_code, name, preferred_name) VALUES (?, ?, ?, ?)`, [p.id, p.clientCode, p.name ?? '', p.preferredName ?? '']);
    }
  },
  async remove(data, id) {
    await sqlRun(data, 'DELETE FROM people_search WHERE rowid = ?', [id]);
    await sqlRun(data, 'DELETE FROM people_prefix WHERE rowid = ?', [id]);
  },
  async rebuild(data) {
    for (const table of ['people_search', 'people_prefix'] as const) {
      await sqlRun(data, `DELETE FROM ${table}`, []);
      await sqlRun(data, `INSERT INTO ${table} (rowid, client_code, name, preferred_name) SELECT id, client_code, coalesce(name, ''), coalesce(preferred_name, '') FROM people WHERE deleted_at IS NULL`, []);
    }
  },
  async match(data, query, limit) {
    const parsed = searchTerms(query);
    if (!parsed) return [];
    const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
    const long = parsed.mode === 'anywhere';
    const table = long ? 'people_search' : 'people_prefix';
    const match = long ? parsed.terms.map(quote).join(' AND ') : parsed.terms.map((t) => `${quote(t)}*`).join(' AND ');
    const rows = await sqlAll<{ id: number }>(
      data,
      `SELECT p.id FROM ${table} s JOIN people p ON p.id = s.rowid
       WHERE ${table} MATCH ? AND p.deleted_at IS NULL
       ORDER BY (p.client_code = ? COLLATE NOCASE) DESC, p.last_contact_at DESC LIMIT ?`,
      [match, query.trim(), limit],
    );
    return rows.map((r) => r.id);
  },
};


async function sqlRun(data: Data, sql: string, params: unknown[]): Promise<void> {
  await data.executeQuery(CompiledQuery.raw(sql, params));
}

async function sqlAll<R>(data: Data, sql: string, params: unknown[]): Promise<R[]> {
  return (await data.executeQuery<R>(CompiledQuery.raw(sql, params))).rows;
}

/** SQLite's month from a calendar day is substr(day, 1, 7); the threshold is read from settings as stored. */
export const sqliteMonthStats: MonthStats = {
  async rebuild(data) {
    await sqlRun(data, 'DELETE FROM person_month', []);
    await sqlRun(data, 'DELETE FROM month_stats', []);
    await sqlRun(
      data,
      `INSERT INTO month_stats (month, contacts, returns, people)
         SELECT substr(local_day, 1, 7), count(*),
           coalesce(sum(prev_gap_days > (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'absenceThresholdDays')), 0), 0
         FROM contacts WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1`,
      [],
    );
    await sqlRun(
      data,
      `INSERT INTO person_month (person_id, month, contacts)
         SELECT person_id, substr(local_day, 1, 7), count(*) FROM contacts
         WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1, 2`,
      [],
    );
  },
};

/** One writer at a time already: every write transaction holds the file's write lock from BEGIN IMMEDIATE. */
const sqliteLocks: WriteLocks = {
  async auditChain() {},
  async person() {},
};

export const sqliteEngine: Engine = { name: 'sqlite', peopleSearch: sqlitePeopleSearch, monthStats: sqliteMonthStats, locks: sqliteLocks };
