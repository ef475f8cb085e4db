import { randomBytes, randomUUID } from 'node:crypto';
import { ROTATION_STAGES, type RotationStage } from '../../../shared/contract/users';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { recordAudit, type AuditActor } from '../audit/audit';
import { openEncrypted, type Db } from '../db/database';
import { DoorwayError, SIGN_IN_FAILED_MESSAGE } from '../errors';
import { isSealedSlot, PENDING_SUFFIX, readKeyslots, readPendingKeyslots, writeKeyslots, type KeyslotFile, type SealedSlot } from './keyslots';
import { openVaultDb, resealSlot, type Unlocked, type VaultOptions, type VaultPaths } from './vault';

/**
 * Key rotation: a new random data key for the records file, sealed to every remaining key slot and
 * the recovery slot, so a removed staff member who kept a copy of the old key (or of an old key file)
 * cannot open what is written from now on.
 *
 * Crash safety. At every moment the data folder holds one records file that opens with a key some
 * slot can reach:
 *   1. the next generation of slots is written whole to keyslots.json.pending (the old one stays);
 *   2. the records file is copied (after a full WAL checkpoint) to doorway.db.rotating, and the copy
 *      is re-encrypted with `PRAGMA rekey` and checked page by page;
 *   3. the copy replaces doorway.db with one atomic rename: the commit point of the records file;
 *   4. keyslots.json becomes the next generation (the old one is kept as keyslots.json.prev), and the
 *      pending file goes.
 * Sign-in after an interruption tries the old key first, then the pending one (`openUnlocked`): if the
 * old key still opens the records, the rotation never committed and its leftovers are removed; if only
 * the new key does, step 4 is finished.
 *
 * Why a copy and not `PRAGMA rekey` in place: in place, the re-encryption runs in a rollback journal,
 * and SQLite3 Multiple Ciphers 2.3.5 (the driver's version) does not reliably roll back an interrupted
 * rekey's journal, which we reproduced by killing a rekey part-way. The copy is never opened after a
 * crash, so its journal never needs a rollback.
 */

export const SCRATCH_SUFFIX = '.rotating';

export interface RotationRecipient {
  slotId: string;
  /** As recorded in the records file (slot-keys.ts), not as keyslots.json says. */
  publicKey: string;
  /** Who the slot belongs to, for messages. */
  label: string;
}

export interface RotateInput {
  paths: VaultPaths;
  /** The open records file, under the current key. Rotation closes it. */
  db: Db;
  dataKey: Buffer;
  /** Every slot that keeps access: enabled staff and the recovery slot. Other slots are dropped. */
  recipients: RotationRecipient[];
  opts: VaultOptions;
  /** Called at each stage; awaited, so the window can show it. */
  progress: (stage: RotationStage, step: number, steps: number) => Promise<void>;
  /** Writes the audit event into the re-encrypted records file (one transaction). */
  recordAudit: (db: Db, details: { rotationId: string; slots: number; removedSlots: number }) => void;
  log?: (message: string, error?: unknown) => void;
}

export type RotationOutcome =
  | { ok: true; db: Db; dataKey: Buffer; rotationId: string; slots: number; removedSlots: number }
  /** `db` is the records file open again under the old key, or null if it could not be reopened. */
  | { ok: false; db: Db | null; dataKey: Buffer; error: unknown };

/** Test-only: `DOORWAY_TEST_CRASH_AT=rotation:N` kills the process at step N, as a power cut would. */
function crashPoint(step: number): void {
  if (process.env.DOORWAY_TEST_CRASH_AT === `rotation:${step}`) process.kill(process.pid, 'SIGKILL');
}

const scratchPath = (p: VaultPaths) => `${p.db}${SCRATCH_SUFFIX}`;
const pendingPath = (p: VaultPaths) => `${p.keyslots}${PENDING_SUFFIX}`;

function removeScratch(p: VaultPaths): void {
  const s = scratchPath(p);
  for (const f of [s, `${s}-journal`, `${s}-wal`, `${s}-shm`]) rmSync(f, { force: true });
}

function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be fsynced on every platform; the rename is atomic regardless.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function assertRoomFor(p: VaultPaths): void {
  const needed = statSync(p.db).size + (existsSync(`${p.db}-wal`) ? statSync(`${p.db}-wal`).size : 0);
  const fs = statfsSync(p.dir);
  // The copy, its rollback journal during the re-encryption, and some room to spare.
  if (fs.bavail * fs.bsize < needed * 2 + 32 * 2 ** 20) {
    throw new DoorwayError(
      'CONFLICT',
      `Changing the key needs about ${Math.ceil((needed * 2) / 2 ** 20)} MB of free space beside the records, and the disk has less. ` +
        'Nothing was changed. Free some space, then try again.',
    );
  }
}

/** The next generation of slots: every recipient's slot with the new key sealed to it. */
function nextGeneration(current: KeyslotFile, recipients: RotationRecipient[], newKey: Buffer): KeyslotFile {
  const slots: SealedSlot[] = [];
  for (const r of recipients) {
    const slot = current.slots.find((s) => s.id === r.slotId);
    if (!slot || !isSealedSlot(slot)) {
      throw new DoorwayError(
        'CONFLICT',
        slot?.kind === 'recovery'
          ? 'The recovery slot was made by an earlier version of Doorway and cannot take a new key yet. Nothing was changed. ' +
            'Use the recovery code once (Emergency access, or Forgot password) so Doorway updates it, then change the key.'
          : `${r.label} has a key slot from an earlier version of Doorway, or none. Nothing was changed. ` +
            `Ask ${r.label} to sign in once, or reset their password, then change the key.`,
      );
    }
    if (slot.publicKey !== r.publicKey) {
      throw new DoorwayError(
        'KEYSLOTS_DAMAGED',
        `The key file (keyslots.json) does not match the records for ${r.label}, so the key was not changed. Nothing was changed. ` +
          `Reset the password of ${r.label} (or, for the recovery slot, use the recovery code once), then try again.`,
      );
    }
    slots.push(resealSlot(current.vaultId, slot, newKey));
  }
  if (!slots.some((s) => s.kind === 'recovery')) throw new Error('rotation without the recovery slot');
  return { ...current, slots };
}

export async function rotateDataKey(input: RotateInput): Promise<RotationOutcome> {
  const { paths, opts } = input;
  const steps = ROTATION_STAGES.length - 1;
  const rotationId = randomUUID();
  const newKey = randomBytes(32);
  let db: Db | null = input.db;
  let committed = false;
  let next: KeyslotFile;
  let removedSlots: number;
  try {
    await input.progress('preparing', 1, steps);
    const current = readKeyslots(paths.keyslots);
    next = nextGeneration(current, input.recipients, newKey);
    removedSlots = current.slots.length - next.slots.length;
    assertRoomFor(paths);
    removeScratch(paths);
    crashPoint(1);
    writeKeyslots(pendingPath(paths), next, { keepPrevious: false });
    crashPoint(2);

    await input.progress('copying', 2, steps);
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (!checkpoint || checkpoint.busy !== 0) throw new Error('the records file is busy; its journal could not be folded in');
    copyFileSync(paths.db, scratchPath(paths));
    chmodSync(scratchPath(paths), 0o600);
    crashPoint(3);

    await input.progress('reencrypting', 3, steps);
    const scratch = openEncrypted(scratchPath(paths), input.dataKey, { nativeBinding: opts.nativeBinding });
    try {
      // Rekeying needs a rollback journal; WAL is restored afterwards so the file is as before.
      scratch.pragma('journal_mode=DELETE');
      scratch.pragma(`rekey="x'${newKey.toString('hex')}'"`);
      crashPoint(4);
      scratch.pragma('journal_mode=WAL');

      await input.progress('checking', 4, steps);
      const check = scratch.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the re-encrypted copy did not pass its check: ${String(check)}`);
    } finally {
      scratch.close();
    }
    fsyncPath(scratchPath(paths));
    crashPoint(5);

    await input.progress('switching', 5, steps);
    db.close();
    db = null;
    crashPoint(6);
    renameSync(scratchPath(paths), paths.db);
    committed = true;
    fsyncPath(dirname(paths.db));
    crashPoint(7);
  } catch (error) {
    if (committed) throw error;
    removeScratch(paths);
    rmSync(pendingPath(paths), { force: true });
    newKey.fill(0);
    if (!db) {
      try {
        db = openVaultDb(paths, input.dataKey, opts);
      } catch {
        db = null;
      }
    }
    return { ok: false, db, dataKey: input.dataKey, error };
  }

  // Past the commit point: the records file now opens only with the new key.
  const reopened = openVaultDb(paths, newKey, opts);
  reopened.transaction(() => input.recordAudit(reopened, { rotationId, slots: input.recipients.length, removedSlots }))();
  crashPoint(8);

  await input.progress('saving', 6, steps);
  try {
    writeKeyslots(paths.keyslots, next);
    crashPoint(9);
    rmSync(pendingPath(paths), { force: true });
    crashPoint(10);
  } catch (e) {
    // The pending file still holds the new slots; the next sign-in finishes this step (openUnlocked).
    input.log?.('key rotation: the new key slots are committed at the next sign-in', e);
  }
  input.dataKey.fill(0);
  await input.progress('done', steps, steps);
  return { ok: true, db: reopened, dataKey: newKey, rotationId, slots: input.recipients.length, removedSlots };
}

export type Settled = 'none' | 'completed' | 'abandoned';

export interface OpenedVault {
  db: Db;
  dataKey: Buffer;
  file: KeyslotFile;
  settled: Settled;
}

/**
 * Opens the records file after a slot was unlocked, finishing or undoing a rotation that a crash
 * interrupted. The old key is always tried first: it opens the records only if the rotation never
 * reached its commit point, and a failed attempt with the wrong key changes nothing on disk.
 */
export function openUnlocked(p: VaultPaths, unlocked: Unlocked, opts: VaultOptions = {}): OpenedVault {
  const pendingFile = readPendingKeyslots(p.keyslots);
  if (!pendingFile) {
    const db = openVaultDb(p, unlocked.dataKey, opts);
    removeScratch(p);
    return { db, dataKey: unlocked.dataKey, file: unlocked.file, settled: 'none' };
  }
  try {
    const db = openVaultDb(p, unlocked.dataKey, opts);
    // keyslots.json already holds the new generation when only removing the pending file was left to do.
    const alreadyCommitted = unlocked.pending?.dataKey.equals(unlocked.dataKey) ?? false;
    removeScratch(p);
    rmSync(pendingPath(p), { force: true });
    if (unlocked.pending && !alreadyCommitted) unlocked.pending.dataKey.fill(0);
    return { db, dataKey: unlocked.dataKey, file: unlocked.file, settled: alreadyCommitted ? 'completed' : 'abandoned' };
  } catch (e) {
    if (!(e instanceof DoorwayError) || e.code !== 'DATABASE_DAMAGED') throw e;
    if (!unlocked.pending) {
      // This slot is not in the new generation: it belonged to someone the rotation removed.
      unlocked.dataKey.fill(0);
      throw new DoorwayError('SIGN_IN_FAILED', SIGN_IN_FAILED_MESSAGE);
    }
  }
  const db = openVaultDb(p, unlocked.pending.dataKey, opts);
  writeKeyslots(p.keyslots, pendingFile);
  rmSync(pendingPath(p), { force: true });
  removeScratch(p);
  unlocked.dataKey.fill(0);
  return { db, dataKey: unlocked.pending.dataKey, file: pendingFile, settled: 'completed' };
}

/**
 * Records what settling did (call inside the sign-in's transaction): an interrupted rotation that never
 * took effect, or one finished at this sign-in whose own event was not written before the interruption.
 */
export function recordSettlement(db: Db, settled: Settled, at: string, actor: AuditActor): void {
  if (settled === 'abandoned') {
    recordAudit(db, { at, actor, action: 'vault.rotateKeyInterrupted', details: { keptKey: 'previous' } });
  } else if (settled === 'completed') {
    // Nothing else can write between the swap and the rotation's own event, so it is the last one if it was written.
    const last = db.prepare('SELECT action FROM audit_events ORDER BY id DESC LIMIT 1').pluck().get();
    if (last !== 'vault.rotateKey') recordAudit(db, { at, actor, action: 'vault.rotateKey', details: { finishedAtSignIn: true } });
  }
}
