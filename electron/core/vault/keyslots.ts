import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { DoorwayError } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { kdfParamsSchema } from './kdf';

/**
 * keyslots.json: the data key wrapped once per staff user and once for the recovery code (like LUKS
 * or restic). It never holds a username in the clear: a slot is found by a hash of vault id and
 * username, and the staff record inside the encrypted database names the slot it owns.
 */
const b64 = z.string().regex(/^[A-Za-z0-9+/=]+$/);
const sealedSchema = z.strictObject({ ephemeralKey: b64, iv: b64, tag: b64, wrappedKey: b64 });

/**
 * Two slot forms. A sealed slot (written since key rotation arrived) has its own X25519 key pair:
 * `wrappedKey` holds the private key under the password- or code-derived key, and `sealed` holds the
 * data key sealed to `publicKey`, so rotation can re-seal it without the password (seal.ts). A direct
 * slot (the first vault format) wraps the data key itself; it is upgraded to a sealed slot the next
 * time its password or code is used.
 */
export const slotSchema = z
  .strictObject({
    id: z.uuid(),
    kind: z.enum(['password', 'recovery']),
    /** sha256(vaultId + ':' + lowercased username), hex; null for the recovery slot. */
    lookup: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    kdf: kdfParamsSchema,
    iv: b64,
    tag: b64,
    wrappedKey: b64,
    publicKey: b64.optional(),
    sealed: sealedSchema.optional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .refine((s) => (s.publicKey === undefined) === (s.sealed === undefined));
export type Slot = z.infer<typeof slotSchema>;
export type SealedSlot = Slot & Required<Pick<Slot, 'publicKey' | 'sealed'>>;
export const isSealedSlot = (s: Slot): s is SealedSlot => s.publicKey !== undefined && s.sealed !== undefined;

export const keyslotFileSchema = z.strictObject({
  format: z.literal('doorway-keyslots'),
  /** 1: direct slots only; 2: sealed slots may appear. */
  version: z.union([z.literal(1), z.literal(2)]),
  vaultId: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  slots: z.array(slotSchema).min(1),
});
export type KeyslotFile = z.infer<typeof keyslotFileSchema>;

export const KEYSLOTS_FILE = 'keyslots.json';
/** The next generation of key slots while a key rotation is under way (rotation.ts). */
export const PENDING_SUFFIX = '.pending';

export function slotAad(vaultId: string, slot: Pick<Slot, 'id' | 'kind'>): string {
  return `doorway-keyslot:v1:${vaultId}:${slot.id}:${slot.kind}`;
}

/** Associated data for a sealed slot's wrapped private key: never confusable with a direct slot's data key. */
export const slotPrivateKeyAad = (vaultId: string, slot: Pick<Slot, 'id' | 'kind'>): string => `${slotAad(vaultId, slot)}:x25519`;

export function usernameLookup(vaultId: string, username: string): string {
  return createHash('sha256').update(`${vaultId}:${username.trim().toLowerCase()}`).digest('hex');
}

const DAMAGED =
  'The key file (keyslots.json) in the data folder is damaged, so the records cannot be opened. Nothing was changed. ' +
  'A previous copy is kept beside it as keyslots.json.prev; an administrator can restore it or a backup.';

export function readKeyslots(path: string): KeyslotFile {
  if (!existsSync(path)) {
    throw new DoorwayError('NO_VAULT', 'There is no Doorway vault in this data folder yet.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new DoorwayError('KEYSLOTS_DAMAGED', DAMAGED);
  }
  const result = keyslotFileSchema.safeParse(parsed);
  if (!result.success) throw new DoorwayError('KEYSLOTS_DAMAGED', DAMAGED);
  const recovery = result.data.slots.filter((s) => s.kind === 'recovery');
  if (recovery.length !== 1 || result.data.slots.some((s) => s.kind === 'password' && s.lookup === null)) {
    throw new DoorwayError('KEYSLOTS_DAMAGED', DAMAGED);
  }
  return result.data;
}

export function writeKeyslots(path: string, file: KeyslotFile, opts: { keepPrevious?: boolean } = {}): void {
  const valid = keyslotFileSchema.parse({ ...file, version: file.slots.some(isSealedSlot) ? 2 : file.version });
  writeFileAtomic(path, `${JSON.stringify(valid, null, 2)}\n`, { keepPrevious: opts.keepPrevious ?? true });
}

/**
 * The pending generation of a key rotation, or null. A pending file that cannot be read is treated as
 * absent: it is only ever written whole (atomically), so a damaged one was never part of a rotation
 * that reached the records file.
 */
export function readPendingKeyslots(path: string): KeyslotFile | null {
  const pending = `${path}${PENDING_SUFFIX}`;
  if (!existsSync(pending)) return null;
  try {
    return readKeyslots(pending);
  } catch {
    return null;
  }
}
