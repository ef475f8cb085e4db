import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
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
    /**
     * The clinical key sealed to the same public key: present in the slots of roles that may read
     * clinical content and in the recovery slot, never in a front-desk slot (DESIGN.md, Vault).
     */
    clinicalSealed: sealedSchema.optional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .refine((s) => (s.publicKey === undefined) === (s.sealed === undefined))
  .refine((s) => s.clinicalSealed === undefined || s.sealed !== undefined);
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
/** The key file as it was before the last change, kept in case keyslots.json is damaged. */
export const PREVIOUS_SUFFIX = '.prev';

export function slotAad(vaultId: string, slot: Pick<Slot, 'id' | 'kind'>): string {
  return `doorway-keyslot:v1:${vaultId}:${slot.id}:${slot.kind}`;
}

/** Associated data for a sealed slot's wrapped private key: never confusable with a direct slot's data key. */
export const slotPrivateKeyAad = (vaultId: string, slot: Pick<Slot, 'id' | 'kind'>): string => `${slotAad(vaultId, slot)}:x25519`;

export function usernameLookup(vaultId: string, username: string): string {
  return createHash('sha256').update(`${vaultId}:${username.trim().toLowerCase()}`).digest('hex');
}

const DAMAGED = msg('access.vault.keyFileDamaged');

/** The key file in `value`, or null when it is not one that sign-in would accept. */
function asKeyslotFile(value: unknown): KeyslotFile | null {
  const result = keyslotFileSchema.safeParse(value);
  if (!result.success) return null;
  const recovery = result.data.slots.filter((s) => s.kind === 'recovery');
  if (recovery.length !== 1 || result.data.slots.some((s) => s.kind === 'password' && s.lookup === null)) return null;
  return result.data;
}

function parseKeyslots(text: string): KeyslotFile | null {
  try {
    return asKeyslotFile(JSON.parse(text));
  } catch {
    return null;
  }
}

export function readKeyslots(path: string): KeyslotFile {
  if (!existsSync(path)) {
    throw new DoorwayError('NO_VAULT', msg('access.vault.none'));
  }
  const file = parseKeyslots(readFileSync(path, 'utf8'));
  if (!file) throw new DoorwayError('KEYSLOTS_DAMAGED', DAMAGED);
  return file;
}

const serialize = (file: KeyslotFile): string => `${JSON.stringify(file, null, 2)}\n`;

/** The same key file less every slot not in `kept`; null when what is left is no longer a usable key file. */
function withOnly(file: KeyslotFile, kept: ReadonlySet<string>): KeyslotFile | null {
  return asKeyslotFile({ ...file, slots: file.slots.filter((s) => kept.has(s.id)) });
}

/**
 * Brings a kept copy (the previous or the pending key file) down to the slots in `kept`. A copy is a
 * complete key file one rename away from use, so a slot removed from keyslots.json but left in a copy
 * would still open the records with its password.
 */
function pruneCopy(path: string, kept: ReadonlySet<string>, ifUnusable: 'remove' | 'leave'): void {
  if (!existsSync(path)) return;
  const copy = parseKeyslots(readFileSync(path, 'utf8'));
  if (copy?.slots.every((s) => kept.has(s.id))) return;
  const pruned = copy ? withOnly(copy, kept) : null;
  if (pruned) writeFileAtomic(path, serialize(pruned));
  else if (ifUnusable === 'remove') rmSync(path, { force: true });
}

/**
 * Keeps the key file being replaced as keyslots.json.prev, for the day keyslots.json is damaged, but
 * only with the slots the new file still has. Unchanged, it is kept byte for byte.
 */
function keepPreviousCopy(path: string, kept: ReadonlySet<string>): void {
  const prev = `${path}${PREVIOUS_SUFFIX}`;
  const raw = existsSync(path) ? readFileSync(path) : null;
  const current = raw ? parseKeyslots(raw.toString('utf8')) : null;
  if (!raw || !current) {
    // Nothing readable to keep: the copy kept earlier stays the fallback, less the slots that go.
    pruneCopy(prev, kept, 'remove');
    return;
  }
  if (current.slots.every((s) => kept.has(s.id))) {
    writeFileAtomic(prev, raw);
    return;
  }
  const pruned = withOnly(current, kept);
  if (pruned) writeFileAtomic(prev, serialize(pruned));
  else rmSync(prev, { force: true });
}

export function writeKeyslots(path: string, file: KeyslotFile, opts: { keepPrevious?: boolean } = {}): void {
  const valid = keyslotFileSchema.parse({ ...file, version: file.slots.some(isSealedSlot) ? 2 : file.version });
  if (!path.endsWith(PENDING_SUFFIX)) {
    const kept = new Set(valid.slots.map((s) => s.id));
    // Copies first, then the new file: a crash in between leaves the old key file beside copies
    // already pruned, never the new one beside a copy that still holds a slot it removed.
    if (opts.keepPrevious ?? true) keepPreviousCopy(path, kept);
    else pruneCopy(`${path}${PREVIOUS_SUFFIX}`, kept, 'remove');
    // A rotation's pending generation is never removed here: once its records file is in place it may
    // be the only file that opens it. Pruned, it cannot bring a removed slot back when it is committed.
    pruneCopy(`${path}${PENDING_SUFFIX}`, kept, 'leave');
  }
  writeFileAtomic(path, serialize(valid));
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
