import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { msg } from '../../../shared/messages';
import { restoreBundle } from '../backup/restore';
import type { ProgressFn } from '../backup/access';
import type { Database } from '../data/schema';
import { sqliteData } from '../data/sqlite';
import { readKeyslots } from '../vault/keyslots';
import { openClinicalStore, openVaultDb, vaultPaths } from '../vault/vault';
import { moveVaultOntoHub } from './init';
import type { MovedCounts } from './move';

export interface HubRestoreOptions {
  bundleDir: string;
  /** The bundle's keys, opened with its own key slots (a password of the time it was made, or the recovery code). */
  dataKey: Buffer;
  clinicalKey: Buffer;
  actor: { id: number | null; username: string | null };
  now: () => Date;
  nativeBinding?: string;
  onProgress?: ProgressFn;
}

/**
 * A backup restored onto a clinic hub (the same bundle one computer restores: DESIGN.md, Clinic hub).
 * The bundle is checked in full and restored, exactly as on one computer, into a private temporary
 * folder; from there its records, key slots and keys go onto the hub in one transaction, counted
 * table by table on both sides (hub/move.ts), with the role logins and grants made anew. Only into a
 * database that holds no clinic yet: a hub in use is never overwritten (the old one is kept aside by
 * whoever runs the server). Every password of the time of the backup, and the recovery code, open it.
 */
export async function restoreBundleOntoHub(owner: Kysely<Database>, opts: HubRestoreOptions): Promise<MovedCounts> {
  const temp = mkdtempSync(join(tmpdir(), 'doorway-hub-restore-'));
  try {
    const paths = vaultPaths(join(temp, 'vault'));
    const native = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
    const restored = await restoreBundle({
      bundleDir: opts.bundleDir,
      paths,
      dataKey: opts.dataKey,
      clinicalKey: opts.clinicalKey,
      currentKey: null,
      actor: opts.actor,
      via: 'commandLine',
      now: opts.now,
      onProgress: opts.onProgress,
      recordInAudit: false,
      ...native,
    });
    const main = openVaultDb(paths, opts.dataKey, native);
    try {
      const { clinical } = openClinicalStore(paths, opts.clinicalKey, main, native);
      try {
        const file = readKeyslots(paths.keyslots);
        return await moveVaultOntoHub(owner, sqliteData(main, clinical), { file, dataKey: opts.dataKey, clinicalKey: opts.clinicalKey }, opts.actor, opts.now().toISOString(), {
          action: 'backup.restore',
          details: { ok: true, bundle: restored.restoredBundle, hub: true },
          refusal: msg('hub.restore.notEmpty'),
        });
      } finally {
        clinical.close();
      }
    } finally {
      main.close();
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
