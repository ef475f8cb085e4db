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
export const slotSchema = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['password', 'recovery']),
  /** sha256(vaultId + ':' + lowercased username), hex; null for the recovery slot. */
  lookup: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  kdf: kdfParamsSchema,
  iv: b64,
  tag: b64,
  wrappedKey: b64,
  createdAt: z.iso.datetime({ offset: true }),
});
export type Slot = z.infer<typeof slotSchema>;

export const keyslotFileSchema = z.strictObject({
  format: z.literal('doorway-keyslots'),
  version: z.literal(1),
  vaultId: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  slots: z.array(slotSchema).min(1),
});
export type KeyslotFile = z.infer<typeof keyslotFileSchema>;

export const KEYSLOTS_FILE = 'keyslots.json';

export function slotAad(vaultId: string, slot: Pick<Slot, 'id' | 'kind'>): string {
  return `doorway-keyslot:v1:${vaultId}:${slot.id}:${slot.kind}`;
}

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

export function writeKeyslots(path: string, file: KeyslotFile): void {
  const valid = keyslotFileSchema.parse(file);
  writeFileAtomic(path, `${JSON.stringify(valid, null, 2)}\n`, { keepPrevious: true });
}
