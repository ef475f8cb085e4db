import { existsSync, rmSync } from 'node:fs';
import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Data } from '../data/engine';
import type { Database } from '../data/schema';
import { sqliteData, sqliteEngine } from '../data/sqlite';
import { openClinical, openEncrypted, tune, tuneClinical, type Db } from '../db/database';
import { clinicalMigrations } from '../db/clinical-migrations';
import { migrate } from '../db/migrate';
import { DoorwayError } from '../errors';
import { insertMany } from '../records/bulk';

/**
 * Every table of the record, in an order that keeps foreign keys satisfied, with its primary key (the
 * copy reads in key order, a chunk at a time). The monthly figures come last and in this order: the
 * contacts' triggers build them while the contacts are copied, so they are emptied and copied as the
 * hub holds them, person_month before month_stats (its trigger adds to month_stats rows that exist).
 */
const TABLES: readonly { name: keyof Database; key: readonly string[] }[] = [
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

export interface SnapshotFiles {
  /** The main records file to write (SQLCipher, the data key). */
  db: string;
  /** The clinical records file to write (SQLCipher, the clinical key). */
  clinical: string;
}

type Row = Record<string, unknown>;

/** One table of the hub, a chunk at a time in key order, inside the snapshot's transaction. */
async function* readTable(hub: Data, table: string, key: readonly string[]): AsyncGenerator<Row[]> {
  const keys = sql.join(key.map((k) => sql.ref(k)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`WHERE (${keys}) > (${sql.join(after.map((v) => sql.val(v)))})` : sql``;
    const result: QueryResult<Row> = await sql<Row>`SELECT * FROM ${sql.table(table)} ${where} ORDER BY ${keys} LIMIT ${CHUNK}`.execute(hub);
    const rows: Row[] = result.rows;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < CHUNK) return;
    const last: Row = rows[rows.length - 1]!;
    after = key.map((k) => last[k]);
  }
}

/**
 * A hub's whole record written into two fresh SQLCipher files under the clinic's keys: the same files
 * one computer keeps, so a hub's backup is the same bundle (backup/create.ts), restores into a hub or
 * opens as a single-computer vault on a laptop. The hub is read in one REPEATABLE READ, read-only
 * transaction: every table as of one instant, while workstations go on writing. The files are written
 * in one transaction over both (data/sqlite-pair.ts), with the search index made as the app makes it,
 * then checkpointed so they can be copied as they are. Returns the rows copied per table.
 */
export async function writeHubSnapshot(
  hub: Kysely<Database>,
  files: SnapshotFiles,
  keys: { dataKey: Buffer; clinicalKey: Buffer },
  opts: { nativeBinding?: string } = {},
): Promise<Record<string, number>> {
  if (existsSync(files.db) || existsSync(files.clinical)) {
    throw new DoorwayError('CONFLICT', 'The files for this copy of the hub already exist. Nothing was changed.');
  }
  let main: Db | null = null;
  let clinical: Db | null = null;
  try {
    clinical = openClinical(files.clinical, keys.clinicalKey, { create: true, ...opts });
    tuneClinical(clinical);
    migrate(clinical, clinicalMigrations, 'clinical');
    main = openEncrypted(files.db, keys.dataKey, { create: true, ...opts });
    tune(main);
    migrate(main);
    const copy = sqliteData(main, clinical);
    const counts: Record<string, number> = {};
    await hub
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (from) => {
        await copy.transaction().execute(async (to) => {
          // What the schema steps seed (the starting catalog, the absence threshold) comes from the hub instead.
          await to.deleteFrom('catalog_items').execute();
          await to.deleteFrom('settings').execute();
          for (const { name, key } of TABLES) {
            if (name === 'person_month') {
              await to.deleteFrom('person_month').execute();
              await to.deleteFrom('month_stats').execute();
            }
            counts[name] = 0;
            for await (const rows of readTable(from, name, key)) {
              await insertMany(to, `snapshot:${name}`, rows, (part) => to.insertInto(name).values(part as never));
              counts[name] += rows.length;
              if (name === 'people') {
                for (const p of rows) {
                  if (p.deleted_at !== null) continue;
                  await sqliteEngine.peopleSearch.index(to, { id: Number(p.id), clientCode: String(p.client_code), name: p.name as string | null, preferredName: p.preferred_name as string | null });
                }
              }
            }
          }
          // This file's clinical content lives in its clinical store (vault/vault.ts, hasClinicalStore).
          await to.insertInto('settings').values({ key: 'vault.clinicalStore', value: 'true' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: 'true' })).execute();
        });
      });
    clinical.pragma('clinical.wal_checkpoint(TRUNCATE)');
    main.pragma('wal_checkpoint(TRUNCATE)');
    return counts;
  } catch (e) {
    main?.close();
    clinical?.close();
    main = clinical = null;
    for (const f of [files.db, files.clinical]) for (const s of ['', '-wal', '-shm']) rmSync(`${f}${s}`, { force: true });
    throw e;
  } finally {
    main?.close();
    clinical?.close();
  }
}
