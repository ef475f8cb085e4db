import { existsSync, rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../data/schema';
import { sqliteData, sqliteEngine } from '../data/sqlite';
import { openClinical, openEncrypted, tune, tuneClinical, type Db } from '../db/database';
import { clinicalMigrations } from '../db/clinical-migrations';
import { migrate } from '../db/migrate';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { copyRecordTables } from './tables';

export interface SnapshotFiles {
  /** The main records file to write (SQLCipher, the data key). */
  db: string;
  /** The clinical records file to write (SQLCipher, the clinical key). */
  clinical: string;
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
    throw new DoorwayError('CONFLICT', msg('hub.snapshot.filesExist'));
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
          Object.assign(counts, await copyRecordTables(from, to));
          await sqliteEngine.peopleSearch.rebuild(to);
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
