import { sql, type QueryResult, type RawBuilder } from 'kysely';
import type { Data } from '../data/engine';
import { insertMany } from '../records/bulk';
import type { Database } from '../data/schema';

/**
 * Every table of the record, in an order that keeps foreign keys satisfied, with its primary key (the
 * copies between the engines read in key order, a chunk at a time). The monthly figures come last and
 * in this order: the contacts' triggers build them while the contacts are copied, so they are emptied
 * and copied as the source holds them, person_month before month_stats (its trigger adds to
 * month_stats rows that exist).
 */
export const RECORD_TABLES: readonly { name: keyof Database; key: readonly string[] }[] = [
  { name: 'settings', key: ['key'] },
  { name: 'staff_users', key: ['id'] },
  { name: 'catalog_items', key: ['id'] },
  { name: 'people', key: ['id'] },
  { name: 'contacts', key: ['id'] },
  { name: 'contact_services', key: ['contact_id', 'item_id'] },
  { name: 'contact_supplies', key: ['contact_id', 'item_id'] },
  { name: 'person_entries', key: ['id'] },
  { name: 'record_history', key: ['id'] },
  { name: 'outreach_attempts', key: ['id'] },
  { name: 'audit_events', key: ['id'] },
  { name: 'drafts', key: ['id'] },
  { name: 'clinical.contact_notes', key: ['contact_id'] },
  { name: 'clinical.entry_texts', key: ['entry_id'] },
  { name: 'clinical.history_details', key: ['history_id'] },
  { name: 'clinical.draft_texts', key: ['draft_id'] },
  { name: 'person_month', key: ['person_id', 'month'] },
  { name: 'month_stats', key: ['month'] },
];

const CHUNK = 5_000;

export type Row = Record<string, unknown>;

/** One table, a chunk at a time in key order (the same SQL on both engines), inside the caller's transaction. */
export async function* readTable(from: Data, table: string, key: readonly string[]): AsyncGenerator<Row[]> {
  const keys = sql.join(key.map((k) => sql.ref(k)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`WHERE (${keys}) > (${sql.join(after.map((v) => sql.val(v)))})` : sql``;
    const result: QueryResult<Row> = await sql<Row>`SELECT * FROM ${sql.table(table)} ${where} ORDER BY ${keys} LIMIT ${CHUNK}`.execute(from);
    const rows: Row[] = result.rows;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < CHUNK) return;
    const last: Row = rows[rows.length - 1]!;
    after = key.map((k) => last[k]);
  }
}


/**
 * Every table of the record from one engine into the other, inside the caller's transactions: what the
 * target's schema steps seeded (the starting catalog, the absence threshold) gives way to the source's,
 * and the monthly figures are copied as the source holds them. `keep` may leave rows out (settings that
 * describe one computer's files). Returns the rows written per table.
 */
export async function copyRecordTables(from: Data, to: Data, keep: (table: keyof Database, row: Row) => boolean = () => true): Promise<Record<string, number>> {
  await to.deleteFrom('catalog_items').execute();
  await to.deleteFrom('settings').execute();
  const written: Record<string, number> = {};
  for (const { name, key } of RECORD_TABLES) {
    if (name === 'person_month') {
      await to.deleteFrom('person_month').execute();
      await to.deleteFrom('month_stats').execute();
    }
    written[name] = 0;
    for await (const chunk of readTable(from, name, key)) {
      const rows = chunk.filter((r) => keep(name, r));
      if (rows.length) await insertMany(to, `copy:${name}`, rows, (part) => to.insertInto(name).values(part as never));
      written[name] += rows.length;
    }
  }
  return written;
}
