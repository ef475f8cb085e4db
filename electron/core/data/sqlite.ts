import { CompiledQuery, Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Db } from '../db/database';
import type { Data, Engine, PeopleSearchIndex } from './engine';
import type { Database } from './schema';

/** Statements kept prepared per connection: preparing is a measurable share of a short query. */
const STATEMENT_CACHE = 200;

/**
 * The encrypted SQLite connection as Kysely's SQLite dialect sees it. The connection is keyed and
 * tuned by db/database.ts before this wraps it, and it is closed by the vault session, never by
 * Kysely. Prepared statements are reused, the oldest dropped first.
 */
function asKyselyDatabase(db: Db): SqliteDatabase {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  return {
    close: () => {},
    prepare(sql) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Typed, async queries over the open encrypted file (the engine of "this computer only"). */
export function sqliteData(db: Db): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: asKyselyDatabase(db) }) });
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
  async match(data, query, limit) {
    // Only letters, digits and dashes reach the FTS5 query syntax.
    const terms = query
      .trim()
      .split(/\s+/)
      .map((t) => t.replace(/[^\p{L}\p{N}-]/gu, ''))
      .filter(Boolean);
    if (terms.length === 0) return [];
    const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
    const long = terms.every((t) => t.length >= 3);
    const table = long ? 'people_search' : 'people_prefix';
    const match = long
      ? terms.map(quote).join(' AND ')
      : terms
          .flatMap((t) => t.split('-').filter(Boolean))
          .map((t) => `${quote(t)}*`)
          .join(' AND ');
    if (!match) return [];
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

export const sqliteEngine: Engine = { name: 'sqlite', peopleSearch: sqlitePeopleSearch };
