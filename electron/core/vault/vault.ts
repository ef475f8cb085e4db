import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecoveryCode } from '../../../shared/recovery-code';
import type { ClinicSettings } from '../../../shared/contract/schemas';
import { openClinical, openEncrypted, tune, tuneClinical, type Db } from '../db/database';
import { clinicalMigrations, LATEST_CLINICAL_VERSION } from '../db/clinical-migrations';
import { recoverClinical, type ClinicalRecovery } from '../data/sqlite-pair';
import { assertNotNewer, migrate } from '../db/migrate';
import { DoorwayError, SIGN_IN_FAILED } from '../errors';
import { msg } from '../../../shared/messages';
import { readStored, writeStored, writeStoredIn } from '../settings/settings';
import { sqliteData } from '../data/sqlite';
import { deriveKey, newKdfParams, type KdfParams } from './kdf';
import {
  isSealedSlot,
  KEYSLOTS_FILE,
  readKeyslots,
  readPendingKeyslots,
  slotAad,
  slotPrivateKeyAad,
  usernameLookup,
  writeKeyslots,
  type KeyslotFile,
  type SealedSlot,
  type Slot,
} from './keyslots';
import { newSlotKeyPair, openSealedKey, sealKey, type Sealed } from './seal';
import { writeFirstRecords } from './first-records';
import { unwrapKey, wrapKey } from './wrap';

export interface VaultPaths {
  dir: string;
  /** The main store: people, contacts without their notes, catalog, staff, audit. */
  db: string;
  /** The clinical store, under its own key (DESIGN.md, Vault: two stores, two keys). */
  clinical: string;
  keyslots: string;
}

export const MAIN_DB_FILE = 'doorway.db';
export const CLINICAL_DB_FILE = 'clinical.db';

export const vaultPaths = (dir: string): VaultPaths => ({
  dir,
  db: join(dir, MAIN_DB_FILE),
  clinical: join(dir, CLINICAL_DB_FILE),
  keyslots: join(dir, KEYSLOTS_FILE),
});

/** Cost overrides for tests; production always uses the defaults in kdf.ts. */
export type KdfCost = Partial<Pick<KdfParams, 'N' | 'r' | 'p'>>;

export interface VaultOptions {
  nativeBinding?: string;
  kdfCost?: KdfCost;
}

/**
 * Whether the folder holds a vault. Callers that are about to use the folder go through
 * data-folder.ts instead, which first finishes a restore that an interruption left half-done.
 */
export const vaultExists = (p: VaultPaths): boolean => existsSync(p.keyslots);

/** Associated data of a slot's sealed data key. */
export const sealAad = (vaultId: string, slot: Pick<Slot, 'id' | 'kind'>): string => `doorway-seal:${vaultId}:${slot.id}:${slot.kind}`;
/** Associated data of a slot's sealed clinical key: never confusable with the main key's seal. */
export const clinicalSealAad = (vaultId: string, slot: Pick<Slot, 'id' | 'kind'>): string => `doorway-seal:clinical:${vaultId}:${slot.id}:${slot.kind}`;

/** The clinical key sealed to a slot's public key, or nothing (a front-desk slot, or a vault without a clinical store yet). */
export function clinicalSealFor(vaultId: string, slot: Pick<Slot, 'id' | 'kind'>, publicKey: Buffer, clinicalKey: Buffer | null): Pick<Slot, 'clinicalSealed'> {
  return clinicalKey ? { clinicalSealed: sealKey(clinicalKey, publicKey, clinicalSealAad(vaultId, slot)) } : {};
}

/**
 * A sealed slot: a fresh key pair whose private key the secret protects, the data key sealed to it,
 * and the clinical key too when `clinicalKey` is given (roles that may read clinical content, and the
 * recovery slot).
 */
export async function makeSlot(
  vaultId: string,
  kind: Slot['kind'],
  secret: string,
  dataKey: Buffer,
  lookup: string | null,
  opts: VaultOptions,
  id: string = randomUUID(),
  clinicalKey: Buffer | null = null,
): Promise<SealedSlot> {
  const kdf = newKdfParams(opts.kdfCost);
  const kek = await deriveKey(secret, kdf);
  const pair = newSlotKeyPair();
  try {
    const wrapped = wrapKey(pair.privateKey, kek, slotPrivateKeyAad(vaultId, { id, kind }));
    return {
      id,
      kind,
      lookup,
      kdf,
      ...wrapped,
      publicKey: pair.publicKey.toString('base64'),
      sealed: sealKey(dataKey, pair.publicKey, sealAad(vaultId, { id, kind })),
      ...clinicalSealFor(vaultId, { id, kind }, pair.publicKey, clinicalKey),
      createdAt: new Date().toISOString(),
    };
  } finally {
    kek.fill(0);
    pair.privateKey.fill(0);
  }
}

/** The same slot (same secret, same key pair) with another data key sealed to it: key rotation's re-wrap. */
export function resealSlot(vaultId: string, slot: SealedSlot, dataKey: Buffer): SealedSlot {
  return { ...slot, sealed: sealKey(dataKey, Buffer.from(slot.publicKey, 'base64'), sealAad(vaultId, slot)) };
}

/**
 * The same slot with the clinical key sealed to it (a role that may read clinical content) or without
 * it (`null`: a front-desk role). Needs only the slot's public key, never its password.
 */
export function withClinicalSeal(vaultId: string, slot: SealedSlot, clinicalKey: Buffer | null): SealedSlot {
  const { clinicalSealed: _dropped, ...rest } = slot;
  return { ...rest, ...clinicalSealFor(vaultId, slot, Buffer.from(slot.publicKey, 'base64'), clinicalKey) };
}

export interface CreateVaultInput {
  settings: ClinicSettings;
  admin: { username: string; displayName: string; password: string };
  recoveryCode: string;
  now: string;
}

export interface OpenVault {
  vaultId: string;
  dataKey: Buffer;
  clinicalKey: Buffer;
  db: Db;
  clinical: Db;
}

/**
 * Creates the database under a temporary name, writes the key slots, then renames the database into
 * place; an interrupted first run leaves either nothing usable or a vault that `openVaultDb` finishes.
 */
export async function createVault(p: VaultPaths, input: CreateVaultInput, opts: VaultOptions = {}): Promise<OpenVault> {
  if (vaultExists(p)) throw new DoorwayError('VAULT_EXISTS', msg('access.vault.exists'));
  if (existsSync(p.db)) {
    throw new DoorwayError('VAULT_EXISTS', msg('access.vault.recordsWithoutKeyFile'));
  }
  const recovery = parseRecoveryCode(input.recoveryCode);
  if (!recovery.ok) throw new DoorwayError('RECOVERY_CODE_INVALID', recovery.said);

  mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  const vaultId = randomUUID();
  const dataKey = randomBytes(32);
  const clinicalKey = randomBytes(32);
  const adminSlotId = randomUUID();
  const partial = `${p.db}.partial`;
  const clinicalPartial = `${p.clinical}.partial`;
  for (const f of [partial, clinicalPartial]) for (const suffix of ['', '-wal', '-shm']) rmSync(`${f}${suffix}`, { force: true });

  const [adminSlot, recoverySlot] = await Promise.all([
    makeSlot(vaultId, 'password', input.admin.password, dataKey, usernameLookup(vaultId, input.admin.username), opts, adminSlotId, clinicalKey),
    makeSlot(vaultId, 'recovery', recovery.canonical, dataKey, null, opts, undefined, clinicalKey),
  ]);

  // The clinical store first: an empty, keyed file with its schema, renamed into place with the main one.
  const clinical = openClinical(clinicalPartial, clinicalKey, { create: true, nativeBinding: opts.nativeBinding });
  try {
    tuneClinical(clinical);
    migrate(clinical, clinicalMigrations, 'clinical');
    clinical.pragma('clinical.wal_checkpoint(TRUNCATE)');
  } finally {
    clinical.close();
  }

  const db = openEncrypted(partial, dataKey, { create: true, nativeBinding: opts.nativeBinding });
  try {
    tune(db);
    migrate(db);
    await sqliteData(db)
      .transaction()
      .execute(async (trx) => {
        await writeFirstRecords(trx, { settings: input.settings, vaultId, admin: input.admin, adminSlot, recoverySlot, now: input.now });
        await writeStoredIn(trx, CLINICAL_STORE_SETTING, true);
      });
  } finally {
    db.close();
  }

  const file: KeyslotFile = {
    format: 'doorway-keyslots',
    version: 2,
    vaultId,
    createdAt: input.now,
    slots: [adminSlot, recoverySlot],
  };
  writeKeyslots(p.keyslots, file);
  renameSync(clinicalPartial, p.clinical);
  renameSync(partial, p.db);
  const main = openVaultDb(p, dataKey, opts);
  try {
    return { vaultId, dataKey, clinicalKey, db: main, clinical: openClinicalStore(p, clinicalKey, main, opts).clinical };
  } catch (e) {
    main.close();
    throw e;
  }
}

/** Set in the main store once its clinical content lives in the clinical store (a new vault, or after the split). */
const CLINICAL_STORE_SETTING = 'vault.clinicalStore';

export function markClinicalStore(db: Db): void {
  writeStored(db, CLINICAL_STORE_SETTING, true);
}

/** Whether clinical content has its own store yet (vaults from before it move at a clinical sign-in: clinical-split.ts). */
export function hasClinicalStore(db: Db): boolean {
  return readStored(db, CLINICAL_STORE_SETTING) === true;
}

/**
 * Opens the clinical store beside the open main one: refuses a newer schema untouched, migrates, then
 * puts right a transaction whose main half a crash cut off (data/sqlite-pair.ts).
 */
export function openClinicalStore(p: VaultPaths, clinicalKey: Buffer, main: Db, opts: VaultOptions = {}): { clinical: Db; recovery: ClinicalRecovery } {
  const partial = `${p.clinical}.partial`;
  if (!existsSync(p.clinical) && existsSync(partial) && !existsSync(`${partial}-wal`)) renameSync(partial, p.clinical);
  const clinical = openClinical(p.clinical, clinicalKey, { nativeBinding: opts.nativeBinding });
  try {
    assertNotNewer(clinical, LATEST_CLINICAL_VERSION, 'clinical');
    tuneClinical(clinical);
    migrate(clinical, clinicalMigrations, 'clinical');
    return { clinical, recovery: recoverClinical({ main, clinical }) };
  } catch (e) {
    clinical.close();
    throw e;
  }
}

/** Opens the database with the data key: refuses a newer schema untouched, then migrates. */
export function openVaultDb(p: VaultPaths, dataKey: Buffer, opts: VaultOptions = {}): Db {
  const partial = `${p.db}.partial`;
  if (!existsSync(p.db) && existsSync(partial) && !existsSync(`${partial}-wal`)) {
    // First run was interrupted after the key slots were written: finish it.
    renameSync(partial, p.db);
  }
  const db = openEncrypted(p.db, dataKey, { nativeBinding: opts.nativeBinding });
  try {
    assertNotNewer(db);
    tune(db);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export interface Unlocked {
  file: KeyslotFile;
  slot: Slot;
  dataKey: Buffer;
  /** The clinical key, when this slot holds it (a role that may read clinical content, or the recovery slot). */
  clinicalKey: Buffer | null;
  /**
   * The same slot's data key in the next generation, while a key rotation is unfinished (a crash or
   * power loss part-way): the records file opens with one of the two keys (rotation.ts settles which).
   */
  pending?: { file: KeyslotFile; dataKey: Buffer; clinicalKey: Buffer | null };
}

/** Same cost for unknown users as for known ones, so the answer time does not reveal who exists. */
async function burnEquivalentTime(opts: VaultOptions): Promise<void> {
  (await deriveKey('not a real password', newKdfParams(opts.kdfCost))).fill(0);
}

function unseal(vaultId: string, slot: SealedSlot, privateKey: Buffer): Buffer | null {
  return openSealedKey(slot.sealed, privateKey, Buffer.from(slot.publicKey, 'base64'), sealAad(vaultId, slot));
}

function unsealClinical(vaultId: string, slot: SealedSlot, privateKey: Buffer): Buffer | null {
  return slot.clinicalSealed ? openSealedKey(slot.clinicalSealed, privateKey, Buffer.from(slot.publicKey, 'base64'), clinicalSealAad(vaultId, slot)) : null;
}

/**
 * Something else sealed to a slot's public key (a clinic hub seals its administrators' login to each
 * administrator's slot: hub/admin-login.ts), opened while the slot's private key is open; the private
 * key itself never leaves this module.
 */
export type AlsoOpen = (slot: SealedSlot, open: (sealed: Sealed, aad: string) => Buffer | null) => void;

/**
 * Opens one slot with its secret: the data key, plus the pending generation's data key when a rotation
 * is unfinished. Null when the secret is wrong.
 */
async function openSlot(pendingFile: KeyslotFile | null, file: KeyslotFile, slot: Slot, secret: string, alsoOpen?: AlsoOpen): Promise<Unlocked | null> {
  const kek = await deriveKey(secret, slot.kdf);
  try {
    if (!isSealedSlot(slot)) {
      const dataKey = unwrapKey(slot, kek, slotAad(file.vaultId, slot));
      return dataKey ? { file, slot, dataKey, clinicalKey: null } : null;
    }
    const privateKey = unwrapKey(slot, kek, slotPrivateKeyAad(file.vaultId, slot));
    if (!privateKey) return null;
    try {
      const dataKey = unseal(file.vaultId, slot, privateKey);
      if (!dataKey) return null;
      const unlocked: Unlocked = { file, slot, dataKey, clinicalKey: unsealClinical(file.vaultId, slot, privateKey) };
      alsoOpen?.(slot, (sealed, aad) => openSealedKey(sealed, privateKey, Buffer.from(slot.publicKey, 'base64'), aad));
      const next = pendingFile;
      const nextSlot = next?.vaultId === file.vaultId ? next.slots.find((s) => s.id === slot.id) : undefined;
      if (next && nextSlot && isSealedSlot(nextSlot) && nextSlot.publicKey === slot.publicKey) {
        const nextKey = unseal(file.vaultId, nextSlot, privateKey);
        if (nextKey) unlocked.pending = { file: next, dataKey: nextKey, clinicalKey: unsealClinical(file.vaultId, nextSlot, privateKey) };
      }
      return unlocked;
    } finally {
      privateKey.fill(0);
    }
  } finally {
    kek.fill(0);
  }
}

export async function unlockWithPassword(p: VaultPaths, username: string, password: string, opts: VaultOptions = {}): Promise<Unlocked> {
  return unlockSlotsWithPassword(readKeyslots(p.keyslots), readPendingKeyslots(p.keyslots), username, password, opts);
}

/** The same, for key slots held elsewhere than a data folder (a clinic hub keeps them in hub.keyslots). */
export async function unlockSlotsWithPassword(file: KeyslotFile, pending: KeyslotFile | null, username: string, password: string, opts: VaultOptions = {}, alsoOpen?: AlsoOpen): Promise<Unlocked> {
  const lookup = usernameLookup(file.vaultId, username);
  const slot = file.slots.find((s) => s.kind === 'password' && s.lookup === lookup);
  if (!slot) {
    await burnEquivalentTime(opts);
    throw new DoorwayError('SIGN_IN_FAILED', SIGN_IN_FAILED);
  }
  const unlocked = await openSlot(pending, file, slot, password, alsoOpen);
  if (!unlocked) throw new DoorwayError('SIGN_IN_FAILED', SIGN_IN_FAILED);
  return unlocked;
}

export async function unlockWithRecovery(p: VaultPaths, code: string): Promise<Unlocked> {
  return unlockSlotsWithRecovery(readKeyslots(p.keyslots), readPendingKeyslots(p.keyslots), code);
}

/** The same, for key slots held elsewhere than a data folder (a clinic hub keeps them in hub.keyslots). */
export async function unlockSlotsWithRecovery(file: KeyslotFile, pending: KeyslotFile | null, code: string, alsoOpen?: AlsoOpen): Promise<Unlocked> {
  const parsed = parseRecoveryCode(code);
  if (!parsed.ok) throw new DoorwayError('RECOVERY_CODE_INVALID', parsed.said);
  const slot = file.slots.find((s) => s.kind === 'recovery')!;
  const unlocked = await openSlot(pending, file, slot, parsed.canonical, alsoOpen);
  if (!unlocked) {
    throw new DoorwayError('RECOVERY_CODE_INVALID', msg('access.recoveryCode.notThisVault'));
  }
  return unlocked;
}

/**
 * Turns a first-format (direct) slot into a sealed one with the same id and secret, right after that
 * secret opened it. Returns the new slot (its public key goes into the records file), or null when the
 * slot was already sealed or a rotation is unfinished.
 */
export async function upgradeDirectSlot(p: VaultPaths, unlocked: Unlocked, secret: string, opts: VaultOptions = {}): Promise<SealedSlot | null> {
  if (isSealedSlot(unlocked.slot) || unlocked.pending || readPendingKeyslots(p.keyslots)) return null;
  const current = readKeyslots(p.keyslots);
  const sealed = await makeSlot(current.vaultId, unlocked.slot.kind, secret, unlocked.dataKey, unlocked.slot.lookup, opts, unlocked.slot.id);
  writeKeyslots(p.keyslots, { ...current, slots: current.slots.map((s) => (s.id === sealed.id ? sealed : s)) });
  return sealed;
}

/** Re-wraps one password slot (new password, new salt), keeping its id so the staff record still points at it. */
export async function rewrapPasswordSlot(
  p: VaultPaths,
  slotId: string,
  username: string,
  newPassword: string,
  dataKey: Buffer,
  /** The clinical key when the account's role may read clinical content; null otherwise. */
  clinicalKey: Buffer | null,
  opts: VaultOptions = {},
): Promise<SealedSlot> {
  const file = readKeyslots(p.keyslots);
  const fresh = await makeSlot(file.vaultId, 'password', newPassword, dataKey, usernameLookup(file.vaultId, username), opts, slotId, clinicalKey);
  const slots = file.slots.some((s) => s.id === slotId) ? file.slots.map((s) => (s.id === slotId ? fresh : s)) : [...file.slots, fresh];
  writeKeyslots(p.keyslots, { ...file, slots });
  return fresh;
}
