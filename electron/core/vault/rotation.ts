import { randomBytes, randomUUID } from 'node:crypto';
import { ROTATION_STAGES, type RotationStage, type VaultKey } from '../../../shared/contract/users';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { recordAudit, type AuditActor } from '../audit/audit';
import { openClinical, openEncrypted, type Db } from '../db/database';
import { DoorwayError, SIGN_IN_FAILED } from '../errors';
import { msg } from '../../../shared/messages';
import { isSealedSlot, PENDING_SUFFIX, readKeyslots, readPendingKeyslots, writeKeyslots, type KeyslotFile, type SealedSlot, type Slot } from './keyslots';
import { openClinicalStore, openVaultDb, resealSlot, withClinicalSeal, type Unlocked, type VaultOptions, type VaultPaths } from './vault';

/**
 * Key rotation: a new random key for one store, sealed to every slot that keeps access to it, so a
 * removed staff member who kept a copy of the old key (or of an old key file) cannot open what is
 * written from now on. The vault has two keys (DESIGN.md, Vault): `main` opens doorway.db and goes to
 * every active account and the recovery slot; `clinical` opens clinical.db and goes to the roles that
 * may read clinical content and the recovery slot. One run changes one key; changing both is two
 * complete runs, the clinical key first (vault/session.ts), each with its own audit event.
 *
 * Crash safety. At every moment the data folder holds, for each store, one file that opens with a key
 * some slot can reach:
 *   1. the next generation of slots is written whole to keyslots.json.pending (the old one stays);
 *   2. the store's file is copied (after a full WAL checkpoint) to <file>.rotating, and the copy is
 *      re-encrypted with `PRAGMA rekey` and checked page by page;
 *   3. the copy replaces the file with one atomic rename: the commit point of that store;
 *   4. keyslots.json becomes the next generation (the old one is kept as keyslots.json.prev), and the
 *      pending file goes.
 * Sign-in after an interruption tries the old key first, then the pending one (`openUnlocked`): if the
 * old key still opens the store, the rotation never committed and its leftovers are removed; if only
 * the new key does, step 4 is finished.
 *
 * Which store a pending generation is for is read from the two key files, so that any slot can tell,
 * including a front-desk slot that holds no clinical key: a main rotation seals a new data key to the
 * recovery slot (a new sealed box, whatever the key), a clinical one leaves that box exactly as it was.
 *
 * Why a copy and not `PRAGMA rekey` in place: in place, the re-encryption runs in a rollback journal,
 * and SQLite3 Multiple Ciphers 2.3.5 (the driver's version) does not reliably roll back an interrupted
 * rekey's journal, which we reproduced by killing a rekey part-way. The copy is never opened after a
 * crash, so its journal never needs a rollback. The clinical file is ATTACHed in the session
 * (db/database.ts, openClinical); its copy is opened on its own, as a main database, to be rekeyed.
 */

export const SCRATCH_SUFFIX = '.rotating';

export type { VaultKey };

export interface RotationRecipient {
  slotId: string;
  /** As recorded in the records file (slot-keys.ts), not as keyslots.json says. */
  publicKey: string;
  /** Who the slot belongs to, for messages: a staff member's name (the recovery slot's is for logs and the audit trail only). */
  label: string;
  /** The recovery slot: its messages say so in words of their own rather than through `label`. */
  recovery?: true;
}

export interface RotationDetails {
  key: VaultKey;
  rotationId: string;
  /** Slots holding the new key. */
  slots: number;
  /** Slots that held the old key and do not get the new one. */
  removedSlots: number;
}

export interface RotateInput {
  which: VaultKey;
  paths: VaultPaths;
  /** The session's open connection to that store, under the current key. Rotation closes it. */
  db: Db;
  /** The store's current key. Zeroed once the new one is in place. */
  key: Buffer;
  /**
   * The main store's connection: the audit trail lives there, and a clinical store is opened against
   * it. For a main rotation, the same connection as `db` (the event then goes into the re-encrypted file).
   */
  main: Db;
  /** Every slot that keeps access to this key. Main: other slots are dropped; clinical: other slots lose their clinical seal. */
  recipients: RotationRecipient[];
  opts: VaultOptions;
  /** Called at each stage; awaited, so the window can show it. */
  progress: (stage: RotationStage, step: number, steps: number) => Promise<void>;
  /** Writes the audit event into the main store (one transaction). */
  recordAudit: (db: Db, details: RotationDetails) => void;
  log?: (message: string, error?: unknown) => void;
}

export type RotationOutcome =
  | { ok: true; db: Db; key: Buffer; rotationId: string; slots: number; removedSlots: number }
  /** `db` is the store open again under the old key, or null if it could not be reopened. */
  | { ok: false; db: Db | null; key: Buffer; error: unknown };

/** How each store is reached: its file, its WAL checkpoint on the session's connection, and how the session opens it. */
const STORES: Record<VaultKey, { file(p: VaultPaths): string; checkpoint(db: Db): unknown; open(p: VaultPaths, key: Buffer, main: Db, opts: VaultOptions): Db; crashTag: string }> = {
  main: {
    file: (p) => p.db,
    checkpoint: (db) => db.pragma('wal_checkpoint(TRUNCATE)'),
    open: (p, key, _main, opts) => openVaultDb(p, key, opts),
    crashTag: 'rotation',
  },
  clinical: {
    file: (p) => p.clinical,
    checkpoint: (db) => db.pragma('clinical.wal_checkpoint(TRUNCATE)'),
    open: (p, key, main, opts) => openClinicalStore(p, key, main, opts).clinical,
    crashTag: 'rotation-clinical',
  },
};

/**
 * Test-only: `DOORWAY_TEST_CRASH_AT=rotation:N` (main) or `rotation-clinical:N` kills the process at
 * step N of that key's rotation, as a power cut would.
 */
function crashPoint(which: VaultKey, step: number): void {
  if (process.env.DOORWAY_TEST_CRASH_AT === `${STORES[which].crashTag}:${step}`) process.kill(process.pid, 'SIGKILL');
}

const scratchPath = (p: VaultPaths, which: VaultKey) => `${STORES[which].file(p)}${SCRATCH_SUFFIX}`;
const pendingPath = (p: VaultPaths) => `${p.keyslots}${PENDING_SUFFIX}`;

function removeScratch(p: VaultPaths, which: VaultKey): void {
  const s = scratchPath(p, which);
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

function assertRoomFor(p: VaultPaths, which: VaultKey): void {
  const file = STORES[which].file(p);
  const needed = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  const fs = statfsSync(p.dir);
  // The copy, its rollback journal during the re-encryption, and some room to spare.
  if (fs.bavail * fs.bsize < needed * 2 + 32 * 2 ** 20) {
    throw new DoorwayError('CONFLICT', msg('access.vault.key.needsSpace', { megabytes: Math.ceil((needed * 2) / 2 ** 20) }));
  }
}

/** The recipient's slot, if it can take a new key: sealed, and with the public key the records hold. */
function recipientSlot(current: KeyslotFile, r: RotationRecipient): SealedSlot {
  const slot = current.slots.find((s) => s.id === r.slotId);
  if (!slot || !isSealedSlot(slot)) {
    throw new DoorwayError(
      'CONFLICT',
      slot?.kind === 'recovery' ? msg('access.vault.key.oldRecoverySlot') : msg('access.vault.key.oldSlot', { name: r.label }),
    );
  }
  if (slot.publicKey !== r.publicKey) {
    throw new DoorwayError(
      'KEYSLOTS_DAMAGED',
      r.recovery ? msg('access.vault.key.recoverySlotMismatch') : msg('access.vault.key.slotMismatch', { name: r.label }),
    );
  }
  return slot;
}

/**
 * The next generation of slots. Main: every recipient's slot with the new data key sealed to it (its
 * clinical seal, if any, unchanged), and no other slot. Clinical: every slot as it is, with the new
 * clinical key sealed to each recipient's slot and no clinical seal on any other.
 */
function nextGeneration(current: KeyslotFile, recipients: RotationRecipient[], newKey: Buffer, which: VaultKey): { file: KeyslotFile; removed: number } {
  const sealed = recipients.map((r) => recipientSlot(current, r));
  if (!sealed.some((s) => s.kind === 'recovery')) throw new Error('rotation without the recovery slot');
  if (which === 'main') {
    const slots = sealed.map((s) => resealSlot(current.vaultId, s, newKey));
    return { file: { ...current, slots }, removed: current.slots.length - slots.length };
  }
  const holders = new Set(sealed.map((s) => s.id));
  let removed = 0;
  const slots = current.slots.map((s): Slot => {
    if (holders.has(s.id)) return withClinicalSeal(current.vaultId, s as SealedSlot, newKey);
    if (!s.clinicalSealed || !isSealedSlot(s)) return s;
    removed++;
    return withClinicalSeal(current.vaultId, s, null);
  });
  return { file: { ...current, slots }, removed };
}

const UNSETTLED = msg('access.vault.key.unsettled');

/**
 * What a rotation of this key would refuse, checked without changing anything: slots that cannot take
 * the key, and the free space. Lets a change of both keys refuse before the first one starts.
 */
export function checkRotation(paths: VaultPaths, which: VaultKey, recipients: RotationRecipient[]): void {
  if (readPendingKeyslots(paths.keyslots)) throw new DoorwayError('CONFLICT', UNSETTLED);
  const current = readKeyslots(paths.keyslots);
  for (const r of recipients) recipientSlot(current, r);
  assertRoomFor(paths, which);
}

export async function rotateStoreKey(input: RotateInput): Promise<RotationOutcome> {
  const { paths, opts, which } = input;
  const store = STORES[which];
  const file = store.file(paths);
  const scratch = scratchPath(paths, which);
  const steps = ROTATION_STAGES.length - 1;
  const rotationId = randomUUID();
  const newKey = randomBytes(32);
  let db: Db | null = input.db;
  let wrotePending = false;
  let committed = false;
  let next: KeyslotFile;
  let removedSlots: number;
  try {
    await input.progress('preparing', 1, steps);
    if (readPendingKeyslots(paths.keyslots)) throw new DoorwayError('CONFLICT', UNSETTLED);
    const current = readKeyslots(paths.keyslots);
    ({ file: next, removed: removedSlots } = nextGeneration(current, input.recipients, newKey, which));
    assertRoomFor(paths, which);
    removeScratch(paths, which);
    crashPoint(which, 1);
    wrotePending = true;
    writeKeyslots(pendingPath(paths), next, { keepPrevious: false });
    crashPoint(which, 2);

    await input.progress('copying', 2, steps);
    const [checkpoint] = store.checkpoint(db) as { busy: number }[];
    if (!checkpoint || checkpoint.busy !== 0) throw new Error('the records file is busy; its journal could not be folded in');
    copyFileSync(file, scratch);
    chmodSync(scratch, 0o600);
    crashPoint(which, 3);

    await input.progress('reencrypting', 3, steps);
    // Opened on its own as a main database (also the clinical copy): the same SQLCipher 4 file either way.
    const copy = openEncrypted(scratch, input.key, { nativeBinding: opts.nativeBinding });
    try {
      // Rekeying needs a rollback journal; WAL is restored afterwards so the file is as before.
      copy.pragma('journal_mode=DELETE');
      copy.pragma(`rekey="x'${newKey.toString('hex')}'"`);
      crashPoint(which, 4);
      copy.pragma('journal_mode=WAL');

      await input.progress('checking', 4, steps);
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the re-encrypted copy did not pass its check: ${String(check)}`);
    } finally {
      copy.close();
    }
    fsyncPath(scratch);
    crashPoint(which, 5);

    await input.progress('switching', 5, steps);
    db.close();
    db = null;
    crashPoint(which, 6);
    renameSync(scratch, file);
    committed = true;
    fsyncPath(dirname(file));
    crashPoint(which, 7);
  } catch (error) {
    if (committed) throw error;
    removeScratch(paths, which);
    // Only a pending generation this run wrote: one an earlier, unsettled rotation left is not ours to drop.
    if (wrotePending) rmSync(pendingPath(paths), { force: true });
    newKey.fill(0);
    if (!db) {
      try {
        db = store.open(paths, input.key, input.main, opts);
      } catch {
        db = null;
      }
    }
    return { ok: false, db, key: input.key, error };
  }

  // Past the commit point: the store's file now opens only with the new key.
  const reopened = store.open(paths, newKey, input.main, opts);
  const auditDb = which === 'main' ? reopened : input.main;
  const details: RotationDetails = { key: which, rotationId, slots: input.recipients.length, removedSlots };
  auditDb.transaction(() => input.recordAudit(auditDb, details))();
  crashPoint(which, 8);

  await input.progress('saving', 6, steps);
  try {
    writeKeyslots(paths.keyslots, next);
    crashPoint(which, 9);
    rmSync(pendingPath(paths), { force: true });
    crashPoint(which, 10);
  } catch (e) {
    // The pending file still holds the new slots; the next sign-in finishes this step (openUnlocked).
    input.log?.('key rotation: the new key slots are committed at the next sign-in', e);
  }
  input.key.fill(0);
  await input.progress('done', steps, steps);
  return { ok: true, db: reopened, key: newKey, rotationId, slots: input.recipients.length, removedSlots };
}

/**
 * What settling an interrupted rotation did at this opening: nothing to settle (`none`), or a main
 * (`completed`, `abandoned`) or clinical (`clinicalCompleted`, `clinicalAbandoned`) rotation finished
 * or undone.
 */
export type Settled = 'none' | 'completed' | 'abandoned' | 'clinicalCompleted' | 'clinicalAbandoned';

export interface OpenedVault {
  db: Db;
  dataKey: Buffer;
  /**
   * The clinical key this slot holds, after settling (the new one when a clinical rotation was finished
   * here; `unlocked.clinicalKey` is updated to match), or null.
   */
  clinicalKey: Buffer | null;
  file: KeyslotFile;
  settled: Settled;
}

/**
 * What a pending generation changes, read from the two key files alone (see the top of this file):
 * nothing left but removing it (`committed`: keyslots.json already is that generation), or one key.
 */
function pendingChange(current: KeyslotFile, pending: KeyslotFile): 'committed' | VaultKey {
  if (JSON.stringify(current.slots) === JSON.stringify(pending.slots)) return 'committed';
  const before = current.slots.find((s) => s.kind === 'recovery');
  const after = pending.slots.find((s) => s.kind === 'recovery');
  const sameDataKeySeal = before?.id === after?.id && before?.sealed !== undefined && JSON.stringify(before.sealed) === JSON.stringify(after?.sealed);
  return sameDataKeySeal ? 'clinical' : 'main';
}

/** Whether this key opens clinical.db. A failed attempt with the wrong key changes nothing on disk. */
function opensClinical(p: VaultPaths, key: Buffer, opts: VaultOptions): boolean {
  try {
    openClinical(p.clinical, key, { nativeBinding: opts.nativeBinding }).close();
    return true;
  } catch (e) {
    if (e instanceof DoorwayError && (e.code === 'DATABASE_DAMAGED' || e.code === 'DATABASE_MISSING')) return false;
    throw e;
  }
}

/**
 * keyslots.json with the clinical seals of the pending generation: each slot takes its seal (or its
 * lack of one) from there while it still has the same key pair. A slot made again since (a front-desk
 * colleague who changed their password while the change waited) keeps what it has.
 */
function withPendingClinicalSeals(current: KeyslotFile, pending: KeyslotFile): KeyslotFile {
  const next = new Map(pending.slots.map((s) => [s.id, s]));
  const slots = current.slots.map((s): Slot => {
    const n = next.get(s.id);
    if (!n || n.publicKey !== s.publicKey) return s;
    const { clinicalSealed: _old, ...rest } = s;
    return n.clinicalSealed ? { ...rest, clinicalSealed: n.clinicalSealed } : rest;
  });
  return { ...current, slots };
}

/**
 * A pending clinical rotation: the main store opens with the slot's key as always. The old clinical key
 * is tried first; if it opens clinical.db the rotation never committed. If only the pending one does,
 * the new seals go into keyslots.json. A slot with no clinical key (front desk) cannot tell, and leaves
 * it for the next sign-in of someone who holds the key, unless the scratch copy is still there: then
 * clinical.db was never replaced, and the change can be undone by anyone.
 */
function settleClinical(p: VaultPaths, unlocked: Unlocked, pendingFile: KeyslotFile, opts: VaultOptions): OpenedVault {
  const db = openVaultDb(p, unlocked.dataKey, opts);
  const oldKey = unlocked.clinicalKey;
  const newKey = unlocked.pending?.clinicalKey ?? null;
  // A clinical rotation seals the same data key again: the slot's own copy stays in use.
  unlocked.pending?.dataKey.fill(0);
  let settled: Settled = 'none';
  let file = unlocked.file;
  try {
    if (oldKey && opensClinical(p, oldKey, opts)) {
      settled = 'clinicalAbandoned';
    } else if (newKey && opensClinical(p, newKey, opts)) {
      file = withPendingClinicalSeals(readKeyslots(p.keyslots), pendingFile);
      writeKeyslots(p.keyslots, file);
      settled = 'clinicalCompleted';
    } else if (existsSync(scratchPath(p, 'clinical'))) {
      settled = 'clinicalAbandoned';
    }
  } catch (e) {
    db.close();
    throw e;
  }
  if (settled === 'none') {
    newKey?.fill(0);
    return { db, dataKey: unlocked.dataKey, clinicalKey: oldKey, file, settled };
  }
  removeScratch(p, 'clinical');
  rmSync(pendingPath(p), { force: true });
  if (settled === 'clinicalCompleted') {
    oldKey?.fill(0);
    // The sign-in that called this opens clinical.db with the slot's key: now the new one.
    unlocked.clinicalKey = newKey;
  } else {
    newKey?.fill(0);
  }
  return { db, dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey, file, settled };
}

/**
 * Opens the records file after a slot was unlocked, finishing or undoing a rotation that a crash
 * interrupted. The old key is always tried first: it opens the store only if the rotation never
 * reached its commit point, and a failed attempt with the wrong key changes nothing on disk.
 */
export function openUnlocked(p: VaultPaths, unlocked: Unlocked, opts: VaultOptions = {}): OpenedVault {
  const pendingFile = readPendingKeyslots(p.keyslots);
  const change = pendingFile ? pendingChange(unlocked.file, pendingFile) : null;
  if (pendingFile && change === 'clinical') return settleClinical(p, unlocked, pendingFile, opts);
  const dropPending = () => {
    unlocked.pending?.dataKey.fill(0);
    unlocked.pending?.clinicalKey?.fill(0);
  };
  if (!pendingFile || change === 'committed') {
    const db = openVaultDb(p, unlocked.dataKey, opts);
    removeScratch(p, 'main');
    removeScratch(p, 'clinical');
    // keyslots.json already holds the new generation when only removing the pending file was left to do.
    if (pendingFile) rmSync(pendingPath(p), { force: true });
    dropPending();
    return { db, dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey, file: unlocked.file, settled: 'none' };
  }
  try {
    const db = openVaultDb(p, unlocked.dataKey, opts);
    removeScratch(p, 'main');
    rmSync(pendingPath(p), { force: true });
    dropPending();
    return { db, dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey, file: unlocked.file, settled: 'abandoned' };
  } catch (e) {
    if (!(e instanceof DoorwayError) || e.code !== 'DATABASE_DAMAGED') throw e;
    if (!unlocked.pending) {
      // This slot is not in the new generation: it belonged to someone the rotation removed.
      unlocked.dataKey.fill(0);
      unlocked.clinicalKey?.fill(0);
      throw new DoorwayError('SIGN_IN_FAILED', SIGN_IN_FAILED);
    }
  }
  const db = openVaultDb(p, unlocked.pending.dataKey, opts);
  writeKeyslots(p.keyslots, pendingFile);
  rmSync(pendingPath(p), { force: true });
  removeScratch(p, 'main');
  unlocked.dataKey.fill(0);
  // A main rotation seals the same clinical key again: the pending generation's copy is used from here on.
  if (unlocked.clinicalKey !== unlocked.pending.clinicalKey) unlocked.clinicalKey?.fill(0);
  unlocked.clinicalKey = unlocked.pending.clinicalKey;
  return { db, dataKey: unlocked.pending.dataKey, clinicalKey: unlocked.clinicalKey, file: pendingFile, settled: 'completed' };
}

/** The key a `vault.rotateKey` event is about (events from before the clinical key name none: main). */
function rotatedKeyOf(row: { action: string; details: string } | undefined): VaultKey | null {
  if (row?.action !== 'vault.rotateKey') return null;
  try {
    return (JSON.parse(row.details) as { key?: VaultKey }).key ?? 'main';
  } catch {
    return 'main';
  }
}

/**
 * Records what settling did (call inside the sign-in's transaction): an interrupted rotation that never
 * took effect, or one finished at this sign-in whose own event was not written before the interruption.
 */
export function recordSettlement(db: Db, settled: Settled, at: string, actor: AuditActor): void {
  if (settled === 'none') return;
  const key: VaultKey = settled === 'clinicalCompleted' || settled === 'clinicalAbandoned' ? 'clinical' : 'main';
  if (settled === 'abandoned' || settled === 'clinicalAbandoned') {
    recordAudit(db, { at, actor, action: 'vault.rotateKeyInterrupted', details: { keptKey: 'previous', key } });
    return;
  }
  // Nothing else can write between the swap and the rotation's own event, so it is the last one if it was written.
  const last = db.prepare('SELECT action, details FROM audit_events ORDER BY id DESC LIMIT 1').get() as { action: string; details: string } | undefined;
  if (rotatedKeyOf(last) !== key) recordAudit(db, { at, actor, action: 'vault.rotateKey', details: { key, finishedAtSignIn: true } });
}
