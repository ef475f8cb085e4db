import type { Compilable, CompiledQuery } from 'kysely';
import type { Data } from '../data/engine';

/**
 * Many rows in multi-row INSERTs, for bulk loads (demo data) that would otherwise run one statement a
 * row. A statement carries at most BULK_ROWS rows and BULK_PARAMETERS values: SQLite binds at most
 * 32,766 parameters per statement, PostgreSQL 65,535.
 */
export const BULK_ROWS = 500;
const BULK_PARAMETERS = 30_000;

/** The compiled statement of each shape (table and columns, number of rows), per open transaction. */
const compiledShapes = new WeakMap<Data, Map<string, CompiledQuery>>();

/** A row's values in the order Kysely writes its columns: the order of its keys (no undefined values). */
function parametersOf(rows: readonly Record<string, unknown>[]): unknown[] {
  const out: unknown[] = [];
  for (const r of rows) for (const k in r) out.push(r[k]);
  return out;
}

/**
 * Inserts `rows` (all with the same keys in the same order, none undefined) with `build`, the Kysely
 * insert of some of them, and returns what the statements return (`returning`), in statement order.
 * Each full-size statement is compiled by Kysely once per transaction and then run with the next rows'
 * values: building and compiling a query per few hundred rows is a measurable share of a bulk load.
 */
export async function insertMany<R extends Record<string, unknown>, O>(
  data: Data,
  shape: string,
  rows: readonly R[],
  build: (part: R[]) => Compilable<O>,
): Promise<O[]> {
  if (rows.length === 0) return [];
  const width = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.min(BULK_ROWS, Math.floor(BULK_PARAMETERS / Math.max(1, width))));
  let shapes = compiledShapes.get(data);
  if (!shapes) compiledShapes.set(data, (shapes = new Map()));
  const out: O[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    const parameters = parametersOf(part);
    const key = `${shape}:${part.length}`;
    let compiled = shapes.get(key);
    if (!compiled) {
      compiled = build(part).compile();
      const same = compiled.parameters.length === parameters.length && compiled.parameters.every((p, j) => p === parameters[j]);
      if (!same) throw new Error(`bulk insert ${shape}: the rows do not all have the same columns in the same order`);
      // Only full statements are kept: the last, shorter one of each call differs from call to call.
      if (part.length === size) shapes.set(key, compiled);
    }
    const result = await data.executeQuery<O>({ ...compiled, parameters });
    out.push(...result.rows);
  }
  return out;
}

/**
 * The ids of rows inserted by `insertMany(..., returning('id'))`, in the order of the rows given. Both
 * engines number the rows of one multi-row INSERT in the order of its VALUES (SQLite's rowid, a
 * PostgreSQL identity); the order RETURNING lists them in is not promised, so they are sorted.
 */
export function idsInOrder(rows: readonly { id: number }[]): number[] {
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
