import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { advanceAnchor, anchorPath, auditHead } from '../audit/anchor';
import { DoorwayError } from '../errors';
import type { BackupHooks, Maker, ProgressFn, VaultAccess } from './access';
import { APP_VERSION } from './app-version';
import { destinationProblem, explainWriteError, fsyncDir, nodeBackupFs, type BackupFs } from './files';
import { bundleName, DB_PART, KEYSLOTS_PART, MANIFEST_FILE, OWNER_FILE, partialName, type Manifest, type Part } from './format';
import { sha256InWorker } from './hash-worker';
import { sealPrivate, signManifest } from './seal';
import { pinSnapshot } from './snapshot';
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

/** Reports how far a copy got by watching the new file grow (the kernel does the copying). */
function watchGrowth(path: string, total: number, onProgress?: ProgressFn): () => void {
  if (!onProgress) return () => undefined;
  onProgress('copy', 0, total);
  const timer = setInterval(() => {
    try {
      onProgress('copy', Math.min(statSync(path).size, total), total);
    } catch {
      // Not there yet.
    }
  }, 250);
  return () => {
    clearInterval(timer);
    onProgress('copy', total, total);
  };
}

/**
 * Writes one bundle: under a temporary name, every file fsynced, then renamed into place, so a crash
 * or a full drive never leaves something that looks like a backup. Then checks it completely and
 * only then writes the sealed "verified" mark. A failure removes the temporary folder and leaves
 * earlier bundles untouched.
 */
export async function createBundle(opts: CreateOptions): Promise<CreatedBundle> {
  const { access, dest } = opts;
  const fs = opts.fs ?? nodeBackupFs;
  const step = async (name: string) => opts.hooks?.step?.(name);
  const problem = destinationProblem(dest);
  if (problem) throw problem;

  const createdAt = opts.now().toISOString();
  const bundleId = randomUUID();
  const name = bundleName(createdAt, bundleId);
  const partial = join(dest, partialName(name));
  const finalDir = join(dest, name);
  let needed = statSync(access.paths.db).size;

  try {
    mkdirSync(partial, { mode: 0o700 });
    await fs.writeFile(join(partial, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: createdAt }));
    await step('started');

    opts.onProgress?.('prepare', 0, 0);
    // Read just before the copy is pinned, so the copy holds this event (and perhaps a few newer ones).
    const head = auditHead(access.db);
    try {
      advanceAnchor(anchorPath(access.paths.dir), access);
    } catch {
      // The data folder's anchor is brought up to date again when the session ends; the backup goes on.
    }
    const snapshot = await pinSnapshot(access.db, access.paths.db, access.dataKey, { nativeBinding: access.nativeBinding });
    let dbPart: Part;
    let keyslots: Buffer;
    let counts: Record<string, number>;
    try {
      needed = snapshot.bytes;
      // Read at the same moment as the pinned records, so the two belong together.
      keyslots = readFileSync(access.paths.keyslots);
      const copyTo = join(partial, DB_PART);
      const stopWatching = watchGrowth(copyTo, snapshot.bytes, opts.onProgress);
      try {
        // The pinned file cannot change, so its fingerprint is taken (in a worker) while the kernel
        // copies it and this thread counts the rows; the check after writing re-reads the copy and
        // proves the copy and the fingerprint agree.
        const copied = fs.copyFile(access.paths.db, copyTo);
        const fingerprint = sha256InWorker(access.paths.db);
        // Neither may be left unobserved if the other fails first.
        copied.catch(() => undefined);
        fingerprint.catch(() => undefined);
        counts = snapshot.countRows();
        const [, { sha256, bytes }] = await Promise.all([copied, fingerprint]);
        if (bytes !== snapshot.bytes) throw new Error('the records file changed size while it was pinned');
        dbPart = { name: DB_PART, bytes: snapshot.bytes, sha256 };
      } finally {
        stopWatching();
      }
      if (statSync(copyTo).size !== snapshot.bytes) {
        throw new DoorwayError('BACKUP_DESTINATION', `The copy in ${dest} came out a different size from the records. Nothing from this attempt was kept.`);
      }
    } finally {
      snapshot.release();
    }
    await step('copied');

    await fs.writeFile(join(partial, KEYSLOTS_PART), keyslots);
    const keyslotsPart: Part = { name: KEYSLOTS_PART, bytes: keyslots.length, sha256: createHash('sha256').update(keyslots).digest('hex') };
    const manifest = signManifest(access.dataKey, {
      format: 'doorway-backup',
      version: 1,
      bundleId,
      createdAt,
      appVersion: APP_VERSION,
      schemaVersion: snapshot.schemaVersion,
      vaultId: access.vaultId,
      parts: [dbPart, keyslotsPart],
      private: sealPrivate(access.dataKey, bundleId, { madeBy: opts.maker, rowCounts: counts }),
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
      vaultId: access.vaultId,
      nativeBinding: access.nativeBinding,
      onProgress: opts.onProgress,
    });
  } catch (e) {
    if (!(e instanceof DoorwayError)) throw e;
    throw new DoorwayError(
      'BACKUP_INVALID',
      `The new backup "${name}" did not pass its check right after it was written, so it is marked as not verified and never counts ` +
        `as a good backup. Earlier backups are untouched. What the check found: ${e.message}`,
    );
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
