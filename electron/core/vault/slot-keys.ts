import type { Data } from '../data/engine';
import type { Db } from '../db/database';
import { readStored, readStoredIn, writeStored, writeStoredIn } from '../settings/settings';
import type { Slot } from './keyslots';

/**
 * The public key of every live key slot, kept inside the encrypted records file as well as in
 * keyslots.json. Key rotation seals the new data key to the keys recorded here, not to whatever
 * keyslots.json says: someone who can write to the data folder but cannot open the records could
 * otherwise swap in a public key of their own and receive the next data key.
 */
const SETTING = 'vault.slotPublicKeys';

export interface SlotKey {
  publicKey: string;
  kind: Slot['kind'];
}

export function readSlotKeys(db: Db): Record<string, SlotKey> {
  return parseSlotKeys(readStored(db, SETTING));
}

function parseSlotKeys(parsed: unknown): Record<string, SlotKey> {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Record<string, SlotKey> = {};
  for (const [id, v] of Object.entries(parsed as Record<string, unknown>)) {
    const k = v as Partial<SlotKey> | null;
    if (k && typeof k.publicKey === 'string' && (k.kind === 'password' || k.kind === 'recovery')) out[id] = { publicKey: k.publicKey, kind: k.kind };
  }
  return out;
}

function writeSlotKeys(db: Db, keys: Record<string, SlotKey>): void {
  writeStored(db, SETTING, keys);
}

/** Call inside the transaction that records the change the slot belongs to. */
export function recordSlotKey(db: Db, slot: { id: string; kind: Slot['kind']; publicKey: string }): void {
  writeSlotKeys(db, { ...readSlotKeys(db), [slot.id]: { publicKey: slot.publicKey, kind: slot.kind } });
}

export function forgetSlotKey(db: Db, slotId: string): void {
  const keys = readSlotKeys(db);
  if (!(slotId in keys)) return;
  delete keys[slotId];
  writeSlotKeys(db, keys);
}

// The same, over the data layer (staff accounts and key rotation run on it; sign-in and vault creation
// still use the connection directly).

export async function readSlotKeysIn(data: Data): Promise<Record<string, SlotKey>> {
  return parseSlotKeys(await readStoredIn(data, SETTING));
}

async function writeSlotKeysIn(data: Data, keys: Record<string, SlotKey>): Promise<void> {
  await writeStoredIn(data, SETTING, keys);
}

/** Call inside the transaction that records the change the slot belongs to. */
export async function recordSlotKeyIn(data: Data, slot: { id: string; kind: Slot['kind']; publicKey: string }): Promise<void> {
  await writeSlotKeysIn(data, { ...(await readSlotKeysIn(data)), [slot.id]: { publicKey: slot.publicKey, kind: slot.kind } });
}

export async function forgetSlotKeyIn(data: Data, slotId: string): Promise<void> {
  const keys = await readSlotKeysIn(data);
  if (!(slotId in keys)) return;
  delete keys[slotId];
  await writeSlotKeysIn(data, keys);
}
