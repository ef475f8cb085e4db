import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { advanceAnchor, anchorPath, auditHead } from '../audit/anchor';
import { sqliteData } from '../data/sqlite';
import { openEncrypted, type Db } from '../db/database';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { because } from './because';
import { hasClinicalStore } from '../vault/vault';
import type { BackupHooks, Maker, ProgressFn, VaultAccess } from './access';
import { APP_VERSION } from './app-version';
import { destinationProblem, explainWriteError, fsyncDir, nodeBackupFs, type BackupFs } from './files';
import { bundleName, CLINICAL_PART, DB_PART, KEYSLOTS_PART, MANIFEST_FILE, OWNER_FILE, partialName, type Manifest, type Part } from './format';
import { sha256InWorker } from './hash-worker';
import { sealPrivate, signManifest } from './seal';
import { pinPair, quietFileState, sameFileState, type FileState, type PairSnapshot } from './snapshot';
import { markVerified, verifyBundle, type VerifiedBundle } from './verify';

export interface CreateOptions {
  access: VaultAccess;
  dest: string;
  maker: Maker;
  now: () => Date;
  fs?: BackupFs;
  hooks?: BackupHooks;
  onProgress?: ProgressFn;
}

export interface CreatedBundle {
  dir: string;
  name: string;
  manifest: Manifest;
  verified: VerifiedBundle;
  verifiedAt: string;
}

/** Reports how far the copies got by watching the new files grow (the kernel does the copying). */
function watchGrowth(paths: string[], total: number, onProgress?: ProgressFn): () => void {
  if (!onProgress) return () => undefined;
  onProgress('copy', 0, total);
  const sizeOf = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0; // Not there yet.
    }
  };
  const timer = setInterval(() => onProgress('copy', Math.min(paths.reduce((s, p) => s + sizeOf(p), 0), total), total), 250);
  return () => {
    clearInterval(timer);
    onProgress('copy', total, total);
  };
}

/**
 * Copies one pinned (or otherwise unchanging) file into the bundle while its fingerprint is taken in a
 * worker; the check after writing re-reads the copy and proves the copy and the fingerprint agree.
 */
function copyPart(fs: BackupFs, name: Part['name'], from: string, to: string, bytes: number): Promise<Part> {
  const copied = fs.copyFile(from, to);
  const fingerprint = sha256InWorker(from);
  // Neither may be left unobserved if the other fails first.
  copied.catch(() => undefined);
  fingerprint.catch(() => undefined);
  return Promise.all([copied, fingerprint]).then(([, got]) => {
    if (got.bytes !== bytes) throw new Error(`${name} changed size while it was being copied`);
    return { name, bytes, sha256: got.sha256 };
  });
}

const clinicalNotQuiet = () => new DoorwayError('CONFLICT', msg('backup.create.clinicalNotQuiet'));

const clinicalChanged = () => new DoorwayError('CONFLICT', msg('backup.create.clinicalChanged'));

/**
 * Writes one bundle: under a temporary name, every file fsynced, then renamed into place, so a crash
 * or a full drive never leaves something that looks like a backup. Then checks it completely and
 * only then writes the sealed "verified" mark. A failure removes the temporary folder and leaves
 * earlier bundles untouched.
 *
 * A vault with a clinical store gets both files in the bundle, each exactly as it is on disk (so each
 * stays encrypted under its own key), each with its fingerprint in the manifest:
 *   - with the clinical key (a clinical role, the recovery code): both files are pinned in the same
 *     instant (snapshot.ts pinPair), the clinical rows counted, and both checked page by page after
 *     writing, each with its own key;
 *   - without it (a front-desk session, whose daily schedule and backup on quit still run): the
 *     clinical file cannot be checkpointed or read, but nothing can be writing it either. Such a
 *     session opens no clinical connection, so in WAL mode the file only changes when a connection
 *     elsewhere (the command line) checkpoints into it. The file is therefore copied as it is when its
 *     log is empty, and its state (size, times, inode) is compared before the main file is pinned and
 *     after the copy: any change, or any log appearing, and the attempt is refused calmly and retried
 *     later. Its size, fingerprint and "not plaintext" are checked now; its page-by-page check is left
 *     for the next check with the clinical key (an administrator's verify or drill), and the manifest
 *     (`clinical.copy: 'asIs'`) and the verified mark (`clinical: 'notChecked'`) say so. A refusal
 *     would leave a clinic whose administrators rarely sign in without backups on most days.
 */
export async function createBundle(opts: CreateOptions): Promise<CreatedBundle> {
  const { access, dest } = opts;
  const { paths } = access;
  const fs = opts.fs ?? nodeBackupFs;
  const step = async (name: string) => opts.hooks?.step?.(name);
  const problem = destinationProblem(dest);
  if (problem) throw problem;

  const clinicalStore = hasClinicalStore(access.db);
  const clinicalKey = clinicalStore ? (access.clinicalKey ?? null) : null;
  if (clinicalStore && !existsSync(paths.clinical)) {
    throw new DoorwayError('DATABASE_MISSING', msg('backup.create.clinicalMissing'));
  }

  const createdAt = opts.now().toISOString();
  const bundleId = randomUUID();
  const name = bundleName(createdAt, bundleId);
  const partial = join(dest, partialName(name));
  const finalDir = join(dest, name);
  let needed = statSync(paths.db).size + (clinicalStore ? statSync(paths.clinical).size : 0);

  let schemaVersion: number;
  let clinicalSchemaVersion: number | null = null;
  let seqs: PairSnapshot['seqs'] = { main: 0, clinical: null };
  try {
    mkdirSync(partial, { mode: 0o700 });
    await fs.writeFile(join(partial, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: createdAt }));
    await step('started');

    opts.onProgress?.('prepare', 0, 0);
    // Read just before the copy is pinned, so the copy holds this event (and perhaps a few newer ones).
    const head = await auditHead(sqliteData(access.db));
    try {
      await advanceAnchor(anchorPath(paths.dir), { data: sqliteData(access.db), dataKey: access.dataKey, vaultId: access.vaultId });
    } catch {
      // The data folder's anchor is brought up to date again when the session ends; the backup goes on.
    }
    // The clinical file: a connection of this backup's own to checkpoint it (with the key), or its state before anything is copied (without).
    let clinicalDb: Db | null = null;
    let quietBefore: FileState | null = null;
    if (clinicalStore) {
      if (clinicalKey) clinicalDb = openEncrypted(paths.clinical, clinicalKey, { nativeBinding: access.nativeBinding });
      else if (!(quietBefore = quietFileState(paths.clinical))) throw clinicalNotQuiet();
    }
    const parts: Part[] = [];
    let keyslots: Buffer;
    try {
      const pair = await pinPair(
        { db: access.db, path: paths.db, key: access.dataKey },
        clinicalDb && clinicalKey ? { db: clinicalDb, path: paths.clinical, key: clinicalKey } : null,
        { nativeBinding: access.nativeBinding },
      );
      try {
        schemaVersion = pair.main.schemaVersion;
        seqs = pair.seqs;
        clinicalSchemaVersion = pair.clinical?.schemaVersion ?? null;
        const clinicalBytes = pair.clinical ? pair.clinical.bytes : quietBefore ? Number(quietBefore.size) : 0;
        needed = pair.main.bytes + clinicalBytes;
        // Read at the same moment as the pinned records, so the two belong together.
        keyslots = readFileSync(paths.keyslots);
        const mainTo = join(partial, DB_PART);
        const clinicalTo = join(partial, CLINICAL_PART);
        const stopWatching = watchGrowth(clinicalStore ? [mainTo, clinicalTo] : [mainTo], needed, opts.onProgress);
        try {
          // The pinned files cannot change, so their fingerprints are taken (in workers) while the kernel
          // copies them. The rows are counted once, in the copies, by the check after writing: the
          // fingerprints prove the copies hold exactly the pinned bytes, so counting here too would
          // decrypt every page twice while staff wait.
          const copies = [copyPart(fs, DB_PART, paths.db, mainTo, pair.main.bytes)];
          if (clinicalStore) copies.push(copyPart(fs, CLINICAL_PART, paths.clinical, clinicalTo, clinicalBytes));
          // Every copy settles before a failure is reported: the folder is removed after a failure, and
          // a copy still writing into it would keep the drive busy.
          const settled = await Promise.allSettled(copies);
          const failed = settled.find((r) => r.status === 'rejected');
          if (failed) throw failed.reason;
          parts.push(...settled.map((r) => (r as PromiseFulfilledResult<Part>).value));
        } finally {
          stopWatching();
        }
        for (const part of parts) {
          if (statSync(join(partial, part.name)).size !== part.bytes) {
            throw new DoorwayError('BACKUP_DESTINATION', msg('backup.create.sizeMismatch', { dest }));
          }
        }
      } finally {
        pair.release();
      }
    } finally {
      clinicalDb?.close();
    }
    if (quietBefore && !sameFileState(quietBefore, quietFileState(paths.clinical))) throw clinicalChanged();
    await step('copied');

    await fs.writeFile(join(partial, KEYSLOTS_PART), keyslots);
    const keyslotsPart: Part = { name: KEYSLOTS_PART, bytes: keyslots.length, sha256: createHash('sha256').update(keyslots).digest('hex') };
    const [dbPart, ...clinicalPart] = parts;
    const manifest = signManifest(access.dataKey, {
      format: 'doorway-backup',
      version: 1,
      bundleId,
      createdAt,
      appVersion: APP_VERSION,
      schemaVersion,
      vaultId: access.vaultId,
      parts: [dbPart!, keyslotsPart, ...clinicalPart],
      ...(clinicalStore
        ? {
            clinical:
              clinicalSchemaVersion !== null && seqs.clinical !== null
                ? { copy: 'pinned' as const, schemaVersion: clinicalSchemaVersion, mainSeq: seqs.main, clinicalSeq: seqs.clinical }
                : { copy: 'asIs' as const, mainSeq: seqs.main },
          }
        : {}),
      private: sealPrivate(access.dataKey, bundleId, { madeBy: opts.maker }),
      ...(head ? { auditHead: head } : {}),
    });
    await fs.writeFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await step('manifest');

    rmSync(join(partial, OWNER_FILE));
    fsyncDir(partial);
    renameSync(partial, finalDir);
    fsyncDir(dest);
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw explainWriteError(e, dest, needed) ?? e;
  }
  await step('renamed');

  let verified: VerifiedBundle;
  try {
    verified = await verifyBundle(finalDir, {
      dataKey: access.dataKey,
      clinicalKey,
      vaultId: access.vaultId,
      nativeBinding: access.nativeBinding,
      onProgress: opts.onProgress,
    });
  } catch (e) {
    if (!(e instanceof DoorwayError)) throw e;
    throw new DoorwayError('BACKUP_INVALID', because('backup.create.notVerified', e.said, { name }));
  }
  const verifiedAt = opts.now().toISOString();
  try {
    markVerified(verified, access.dataKey, verifiedAt);
  } catch (e) {
    throw explainWriteError(e, dest, 4096) ?? e;
  }
  opts.onProgress?.('done', 1, 1);
  return { dir: finalDir, name, manifest: verified.manifest, verified, verifiedAt };
}
