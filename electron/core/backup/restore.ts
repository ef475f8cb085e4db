import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { recordAudit, type AuditActor } from '../audit/audit';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
import { readKeyslots } from '../vault/keyslots';
import { openVaultDb, type VaultPaths } from '../vault/vault';
import type { BackupHooks, ProgressFn } from './access';
import { fsyncDir, fsyncFile } from './files';
import { assertRecordsNotInUse } from './in-use';
import { acquireSwapLock, STAGING_PREFIX, SWAP_JOURNAL, swapVault, undoableRestore } from './swap';
import { verifyBundle, type VerifiedBundle } from './verify';

export interface RestoreOptions {
  bundleDir: string;
  paths: VaultPaths;
  /** The key the bundle was made with. */
  dataKey: Buffer;
  /** The bundle's clinical key, to check its clinical part page by page before anything changes (see verifyBundle). */
  clinicalKey?: Buffer | null;
  /** The current vault's id when the bundle must come from it (the app); left out on an empty data folder. */
  vaultId?: string;
  /** The current vault's key, to make sure nobody else has the records open; null when it cannot be known. */
  currentKey: Buffer | null;
  actor: AuditActor;
  via: 'app' | 'commandLine';
  now: () => Date;
  nativeBinding?: string;
  hooks?: BackupHooks;
  onProgress?: ProgressFn;
  /** Runs once the bundle has passed its check, before anything in the data folder changes (the app ends its session here). */
  beforeChange?: () => void;
  /** A restore drill leaves the copy exactly as the bundle holds it, to compare it with the manifest. */
  recordInAudit?: boolean;
  /** A restore drill checks the restored records itself (see verifyBundle's `checkRecords`). */
  checkRecords?: boolean;
}

export interface RestoreResult {
  restoredBundle: string;
  restoredBundleCreatedAt: string;
  /** Null when the data folder held no vault. */
  setAsideAs: string | null;
  /** Whether the restored vault has its clinical records file (false for a bundle from before the clinical store). */
  clinical: boolean;
}

/** Copies a part while fingerprinting it, so the staged copy is proved to be the verified one. */
async function stageCopy(from: string, to: string, onBytes: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    createReadStream(from, { highWaterMark: 1 << 20 }),
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        onBytes(chunk.length);
        done(null, chunk);
      },
    }),
    createWriteStream(to, { flags: 'wx', mode: 0o600 }),
  );
  await fsyncFile(to);
  return hash.digest('hex');
}

function currentVaultId(paths: VaultPaths): string | null {
  if (!existsSync(paths.keyslots)) return null;
  try {
    return readKeyslots(paths.keyslots).vaultId;
  } catch {
    // A damaged key file is one of the reasons to restore.
    return null;
  }
}

/**
 * Verify → stage → swap. The bundle is checked completely first (its clinical part page by page when
 * the clinical key is given); then its parts are copied into the
 * data folder and fingerprinted again; then the current vault is set aside (for undo) and the
 * bundle's files take its place, crash-safely (swap.ts). The bundle's key slots come with it, so the
 * passwords (and recovery code) of that time open the restored vault.
 */
export async function restoreBundle(opts: RestoreOptions): Promise<RestoreResult> {
  const { paths } = opts;
  const step = (s: string) => opts.hooks?.step?.(s);
  const verified: VerifiedBundle = await verifyBundle(opts.bundleDir, {
    dataKey: opts.dataKey,
    clinicalKey: opts.clinicalKey,
    vaultId: opts.vaultId,
    nativeBinding: opts.nativeBinding,
    onProgress: opts.onProgress,
    checkRecords: opts.checkRecords,
  });
  if (verified.manifest.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new DoorwayError(
      'BACKUP_INVALID',
      msg('backup.restore.newerSchema', { name: verified.name, schema: verified.manifest.schemaVersion, latest: LATEST_SCHEMA_VERSION }),
    );
  }
  const present = currentVaultId(paths);
  if (present && present !== verified.manifest.vaultId) {
    throw new DoorwayError('BACKUP_INVALID', msg('backup.restore.otherVault', { name: verified.name, dir: paths.dir }));
  }
  step('verified');

  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const release = acquireSwapLock(paths.dir);
  const staging = `${STAGING_PREFIX}${randomUUID().slice(0, 8)}`;
  const stagingDir = join(paths.dir, staging);
  try {
    mkdirSync(stagingDir, { mode: 0o700 });
    const total = verified.manifest.parts.reduce((s, p) => s + p.bytes, 0);
    let done = 0;
    opts.onProgress?.('copy', 0, total);
    // Every part the bundle holds: the records, the key slots and, from a vault with a clinical store,
    // the clinical records. A bundle without a clinical part stages none, so the swap sets the current
    // clinical.db aside with the rest and the restored vault has none (split again at a clinical sign-in).
    for (const part of verified.manifest.parts) {
      const name = part.name;
      const digest = await stageCopy(join(opts.bundleDir, name), join(stagingDir, name), (n) => {
        done += n;
        opts.onProgress?.('copy', done, total);
      });
      if (digest !== part.sha256) {
        throw new DoorwayError('BACKUP_INVALID', msg('backup.restore.changedWhileRestoring', { name: verified.name }));
      }
    }
    fsyncDir(stagingDir);
    step('staged');
    // Only now, with everything ready, does the current vault close: staff keep working during the copy.
    opts.beforeChange?.();
    // The clinical file is only ever open beside the main one (its connection opens after it and closes
    // before it), so the main file's lock answers for both.
    if (opts.currentKey) assertRecordsNotInUse(paths.db, opts.currentKey, opts.nativeBinding);
    opts.onProgress?.('place', 0, 1);
    const createdAt = verified.manifest.createdAt;
    const { asideDir } = swapVault(paths.dir, {
      incomingDir: staging,
      now: opts.now(),
      step,
      info: { setAsideAt: opts.now().toISOString(), reason: 'restore', restoredBundle: verified.name, restoredBundleCreatedAt: createdAt },
    });
    opts.onProgress?.('done', 1, 1);
    if (opts.recordInAudit !== false) recordInRestoredVault(paths, opts, {
      action: 'backup.restore',
      details: { bundle: verified.name, bundleCreatedAt: createdAt, setAsideAs: asideDir, via: opts.via },
    });
    const clinical = verified.clinical !== null;
    return { restoredBundle: verified.name, restoredBundleCreatedAt: createdAt, setAsideAs: asideDir, clinical };
  } finally {
    // Once the journal exists the staged files belong to the swap, which the next open finishes.
    if (!existsSync(join(paths.dir, SWAP_JOURNAL))) rmSync(stagingDir, { recursive: true, force: true });
    release();
  }
}

/** The restored vault's own audit trail says it was restored, by whom; it opens with the bundle's key. */
function recordInRestoredVault(
  paths: VaultPaths,
  opts: { dataKey: Buffer; actor: AuditActor; now: () => Date; nativeBinding?: string },
  event: { action: 'backup.restore' | 'backup.undoRestore'; details: Record<string, unknown> },
): boolean {
  try {
    const db = openVaultDb(paths, opts.dataKey, { nativeBinding: opts.nativeBinding });
    try {
      db.transaction(() => recordAudit(db, { at: opts.now().toISOString(), actor: opts.actor, ...event }))();
      return true;
    } finally {
      db.close();
    }
  } catch {
    // Another key (the vault brought back by an undo was made with a different one): its own trail has no entry.
    return false;
  }
}

export interface UndoOptions {
  paths: VaultPaths;
  /** The key of the vault now in place (the restored one), to check nobody has it open and to record the undo in it. */
  dataKey: Buffer;
  actor: AuditActor;
  now: () => Date;
  nativeBinding?: string;
  hooks?: BackupHooks;
  beforeChange?: () => void;
}

/** Puts back the vault the latest restore set aside; the restored one is set aside in turn, so nothing is lost. */
export function undoRestore(opts: UndoOptions): { setAsideAs: string | null; broughtBack: string } {
  const target = undoableRestore(opts.paths.dir);
  if (!target) throw new DoorwayError('NOT_FOUND', msg('backup.restore.nothingToUndo'));
  // Recorded in the vault being set aside, before it moves: the app is signed in to it.
  recordInRestoredVault(opts.paths, opts, {
    action: 'backup.undoRestore',
    details: { broughtBack: target.name, restoredBundle: target.info.restoredBundle },
  });
  opts.beforeChange?.();
  assertRecordsNotInUse(opts.paths.db, opts.dataKey, opts.nativeBinding);
  const release = acquireSwapLock(opts.paths.dir);
  try {
    const { asideDir } = swapVault(opts.paths.dir, {
      incomingDir: target.name,
      now: opts.now(),
      step: (s) => opts.hooks?.step?.(s),
      info: { setAsideAt: opts.now().toISOString(), reason: 'undo', restoredBundle: target.name, restoredBundleCreatedAt: null },
    });
    recordInRestoredVault(opts.paths, opts, {
      action: 'backup.undoRestore',
      details: { broughtBack: target.name, setAsideAs: asideDir },
    });
    return { setAsideAs: asideDir, broughtBack: target.name };
  } finally {
    release();
  }
}
