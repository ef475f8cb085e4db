import { sql, type Kysely, type Transaction } from 'kysely';
import { postgresPeopleSearch } from '../data/postgres';
import type { Database } from '../data/schema';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { copyRecordTables, RECORD_TABLES } from './tables';

/** Settings that describe one computer's two files, not the record: they stay behind. */
const THIS_COMPUTER_ONLY = new Set(['vault.clinicalStore', 'clinical.commitSeq']);

/** The tables whose ids are identities on the hub: their counters must continue after the moved rows. */
const IDENTITIES = RECORD_TABLES.filter((t) => t.key.length === 1 && t.key[0] === 'id').map((t) => t.name);

export interface MovedCounts {
  /** Rows per table, as counted on the hub after the move: equal to the single computer's, or nothing was moved. */
  rows: Record<string, number>;
}

/**
 * "Move this computer's records to the hub": a single computer's record (both stores, opened with its
 * keys) copied into a hub that holds nothing yet, in one transaction on the hub. Every table is then
 * counted on both sides; any difference and the hub is left as it was. The computer's files are only
 * read (the caller opens them with nothing else using them: backup/in-use.ts): the old vault stays as
 * it is until an administrator removes it.
 */
export async function moveVaultToHub(source: Kysely<Database>, hub: Kysely<Database>): Promise<MovedCounts> {
  return hub.transaction().execute((to) => moveRecordsIn(source, to));
}

/** The move, inside the hub's transaction that makes the clinic's record (hub/move-vault.ts). */
export async function moveRecordsIn(source: Kysely<Database>, to: Transaction<Database>): Promise<MovedCounts> {
  // Read outside a transaction: the vault is open only here (the command line, with the app closed), and
  // a write transaction on one computer's stores would change their files, which this promises not to.
  const from = source;
  const held = await sql<{ n: number }>`SELECT (SELECT count(*) FROM staff_users) + (SELECT count(*) FROM people) + (SELECT count(*) FROM audit_events) AS n`.execute(to);
  if (held.rows[0]!.n > 0) {
    throw new DoorwayError('CONFLICT', msg('hub.move.hubHoldsRecords'));
  }
  // The monthly figures come over as this computer holds them, so the triggers that keep them rest
  // while a million contacts arrive: for this transaction only, with the hub empty and its tables
  // locked, and on again before it commits.
  await sql`ALTER TABLE contacts DISABLE TRIGGER USER`.execute(to);
  await sql`ALTER TABLE person_month DISABLE TRIGGER USER`.execute(to);
  const expected = await copyRecordTables(from, to, (table, row) => table !== 'settings' || !THIS_COMPUTER_ONLY.has(String(row.key)));
  await postgresPeopleSearch.rebuild(to);
  await sql`ALTER TABLE contacts ENABLE TRIGGER USER`.execute(to);
  await sql`ALTER TABLE person_month ENABLE TRIGGER USER`.execute(to);
  for (const table of IDENTITIES) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false) FROM ${sql.table(table)}`.execute(to);
  }
  const rows: Record<string, number> = {};
  for (const { name } of RECORD_TABLES) {
    rows[name] = (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(to)).rows[0]!.n;
    if (rows[name] !== expected[name]) {
      throw new DoorwayError('CONFLICT', msg('hub.move.countsDiffer', { table: name, onHub: rows[name]!, here: expected[name]! }));
    }
  }
  return { rows };
}
