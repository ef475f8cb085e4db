import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Maker, ProgressFn } from '../backup/access';
import { createBundle, type CreatedBundle } from '../backup/create';
import { auditBackup, type Asker } from '../backup/use-cases';
import type { Database } from '../data/schema';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { writeKeyslots } from '../vault/keyslots';
import { openVaultDb, vaultPaths } from '../vault/vault';
import { readHubKeyslots } from './init';
import { writeHubSnapshot } from './snapshot';

export interface HubBackupOptions {
  dest: string;
  /** The clinic's keys, from the key slot of the administrator asking (or the recovery code). */
  dataKey: Buffer;
  clinicalKey: Buffer;
  maker: Maker;
  now: () => Date;
  nativeBinding?: string;
  onProgress?: ProgressFn;
}

/**
 * A hub's backup is the same bundle as one computer's (DESIGN.md, Clinic hub): the record, as of one
 * instant, written into fresh SQLCipher files under the clinic's keys (snapshot.ts), with the hub's
 * key slots beside them, then bundled, fingerprinted and checked page by page exactly as on one
 * computer (backup/create.ts). So it restores into a hub, or onto a laptop as a single-computer vault
 * that the same passwords and recovery code open. The files are made in a private temporary folder,
 * encrypted from their first page, and removed afterwards.
 */
export async function backupHub(hub: Kysely<Database>, opts: HubBackupOptions): Promise<CreatedBundle> {
  const slots = await readHubKeyslots(hub);
  if (!slots) throw new DoorwayError('NO_VAULT', msg('hub.backup.nothingToBackUp'));
  const work = mkdtempSync(join(tmpdir(), 'doorway-hub-backup-'));
  try {
    const paths = vaultPaths(join(work, 'vault'));
    mkdirSync(paths.dir, { mode: 0o700 });
    const native = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
    await writeHubSnapshot(hub, { db: paths.db, clinical: paths.clinical }, { dataKey: opts.dataKey, clinicalKey: opts.clinicalKey }, native);
    writeKeyslots(paths.keyslots, slots);
    const db = openVaultDb(paths, opts.dataKey, native);
    try {
      return await createBundle({
        access: { paths, db, dataKey: opts.dataKey, clinicalKey: opts.clinicalKey, vaultId: slots.vaultId, ...native },
        dest: opts.dest,
        maker: opts.maker,
        now: opts.now,
        onProgress: opts.onProgress,
      });
    } finally {
      db.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A hub backup as the Backups screen and `backup create` make one: written, checked, and its outcome audited on the hub. */
export async function makeHubBackup(hub: Kysely<Database>, asker: Asker, opts: HubBackupOptions): Promise<CreatedBundle> {
  try {
    const made = await backupHub(hub, opts);
    await auditBackup(hub, asker, 'backup.create', { ok: true, bundle: made.name, rows: made.verified.rows, hub: true });
    return made;
  } catch (e) {
    await auditBackup(hub, asker, 'backup.create', { ok: false, reason: e instanceof DoorwayError ? e.message : 'unexpected', hub: true });
    throw e;
  }
}
