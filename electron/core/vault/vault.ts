import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecoveryCode } from '../../../shared/recovery-code';
import type { ClinicSettings } from '../../../shared/contract/schemas';
import { recordAudit } from '../audit/audit';
import { openEncrypted, tune, type Db } from '../db/database';
import { assertNotNewer, migrate } from '../db/migrate';
import { DoorwayError, SIGN_IN_FAILED_MESSAGE } from '../errors';
import { writeSettings } from '../settings';
import { insertStaff } from '../staff';
import { deriveKey, newKdfParams, type KdfParams } from './kdf';
import { KEYSLOTS_FILE, readKeyslots, slotAad, usernameLookup, writeKeyslots, type KeyslotFile, type Slot } from './keyslots';
import { unwrapKey, wrapKey } from './wrap';

export interface VaultPaths {
  dir: string;
  db: string;
  keyslots: string;
}

export const vaultPaths = (dir: string): VaultPaths => ({
  dir,
  db: join(dir, 'doorway.db'),
  keyslots: join(dir, KEYSLOTS_FILE),
});

/** Cost overrides for tests; production always uses the defaults in kdf.ts. */
export type KdfCost = Partial<Pick<KdfParams, 'N' | 'r' | 'p'>>;

export interface VaultOptions {
  nativeBinding?: string;
  kdfCost?: KdfCost;
}

export const vaultExists = (p: VaultPaths): boolean => existsSync(p.keyslots);

export async function makeSlot(
  vaultId: string,
  kind: Slot['kind'],
  secret: string,
  dataKey: Buffer,
  lookup: string | null,
  opts: VaultOptions,
  id: string = randomUUID(),
): Promise<Slot> {
  const kdf = newKdfParams(opts.kdfCost);
  const kek = await deriveKey(secret, kdf);
  try {
    const wrapped = wrapKey(dataKey, kek, slotAad(vaultId, { id, kind }));
    return { id, kind, lookup, kdf, ...wrapped, createdAt: new Date().toISOString() };
  } finally {
    kek.fill(0);
  }
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
  db: Db;
}

/**
 * Creates the database under a temporary name, writes the key slots, then renames the database into
 * place; an interrupted first run leaves either nothing usable or a vault that `openVaultDb` finishes.
 */
export async function createVault(p: VaultPaths, input: CreateVaultInput, opts: VaultOptions = {}): Promise<OpenVault> {
  if (vaultExists(p)) throw new DoorwayError('VAULT_EXISTS', 'A Doorway vault already exists in this data folder. Nothing was changed.');
  if (existsSync(p.db)) {
    throw new DoorwayError(
      'VAULT_EXISTS',
      'This data folder already holds a records file (doorway.db) without its key file. Nothing was changed. ' +
        'Choose an empty folder, or restore the key file.',
    );
  }
  const recovery = parseRecoveryCode(input.recoveryCode);
  if (!recovery.ok) throw new DoorwayError('RECOVERY_CODE_INVALID', recovery.message);

  mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  const vaultId = randomUUID();
  const dataKey = randomBytes(32);
  const adminSlotId = randomUUID();
  const partial = `${p.db}.partial`;
  rmSync(partial, { force: true });
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });

  const [adminSlot, recoverySlot] = await Promise.all([
    makeSlot(vaultId, 'password', input.admin.password, dataKey, usernameLookup(vaultId, input.admin.username), opts, adminSlotId),
    makeSlot(vaultId, 'recovery', recovery.canonical, dataKey, null, opts),
  ]);

  const db = openEncrypted(partial, dataKey, { create: true, nativeBinding: opts.nativeBinding });
  try {
    tune(db);
    migrate(db);
    db.transaction(() => {
      writeSettings(db, { ...input.settings, vaultId } as Partial<ClinicSettings>);
      const adminId = insertStaff(db, {
        username: input.admin.username,
        displayName: input.admin.displayName,
        role: 'administrator',
        slotId: adminSlotId,
        mustChangePassword: false,
        createdAt: input.now,
        createdBy: null,
      });
      recordAudit(db, {
        at: input.now,
        actor: { id: adminId, username: input.admin.username },
        action: 'vault.create',
        details: { clinicName: input.settings.clinicName },
      });
    })();
  } finally {
    db.close();
  }

  const file: KeyslotFile = {
    format: 'doorway-keyslots',
    version: 1,
    vaultId,
    createdAt: input.now,
    slots: [adminSlot, recoverySlot],
  };
  writeKeyslots(p.keyslots, file);
  renameSync(partial, p.db);
  return { vaultId, dataKey, db: openVaultDb(p, dataKey, opts) };
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
}

/** Same cost for unknown users as for known ones, so the answer time does not reveal who exists. */
async function burnEquivalentTime(opts: VaultOptions): Promise<void> {
  (await deriveKey('not a real password', newKdfParams(opts.kdfCost))).fill(0);
}

export async function unlockWithPassword(p: VaultPaths, username: string, password: string, opts: VaultOptions = {}): Promise<Unlocked> {
  const file = readKeyslots(p.keyslots);
  const lookup = usernameLookup(file.vaultId, username);
  const slot = file.slots.find((s) => s.kind === 'password' && s.lookup === lookup);
  if (!slot) {
    await burnEquivalentTime(opts);
    throw new DoorwayError('SIGN_IN_FAILED', SIGN_IN_FAILED_MESSAGE);
  }
  const kek = await deriveKey(password, slot.kdf);
  const dataKey = unwrapKey(slot, kek, slotAad(file.vaultId, slot));
  kek.fill(0);
  if (!dataKey) throw new DoorwayError('SIGN_IN_FAILED', SIGN_IN_FAILED_MESSAGE);
  return { file, slot, dataKey };
}

export async function unlockWithRecovery(p: VaultPaths, code: string): Promise<Unlocked> {
  const parsed = parseRecoveryCode(code);
  if (!parsed.ok) throw new DoorwayError('RECOVERY_CODE_INVALID', parsed.message);
  const file = readKeyslots(p.keyslots);
  const slot = file.slots.find((s) => s.kind === 'recovery')!;
  const kek = await deriveKey(parsed.canonical, slot.kdf);
  const dataKey = unwrapKey(slot, kek, slotAad(file.vaultId, slot));
  kek.fill(0);
  if (!dataKey) {
    throw new DoorwayError('RECOVERY_CODE_INVALID', "That recovery code doesn't open this vault. Check it against the recovery kit for this clinic.");
  }
  return { file, slot, dataKey };
}

/** Re-wraps one password slot (new password, new salt), keeping its id so the staff record still points at it. */
export async function rewrapPasswordSlot(
  p: VaultPaths,
  slotId: string,
  username: string,
  newPassword: string,
  dataKey: Buffer,
  opts: VaultOptions = {},
): Promise<void> {
  const file = readKeyslots(p.keyslots);
  const fresh = await makeSlot(file.vaultId, 'password', newPassword, dataKey, usernameLookup(file.vaultId, username), opts, slotId);
  const slots = file.slots.some((s) => s.id === slotId) ? file.slots.map((s) => (s.id === slotId ? fresh : s)) : [...file.slots, fresh];
  writeKeyslots(p.keyslots, { ...file, slots });
}
