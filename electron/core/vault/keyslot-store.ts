import { sql, type Kysely } from 'kysely';
import type { Database } from '../data/schema';
import { DoorwayError } from '../errors';
import { keyslotFileSchema, readKeyslots, writeKeyslots, type KeyslotFile, type Slot } from './keyslots';

/**
 * Where the clinic's key slots live: keyslots.json beside one computer's records, or the hub's
 * hub.keyslots row. Account changes go through this, so the same users/ code serves both.
 */
export interface KeyslotStore {
  read(): Promise<KeyslotFile>;
  /** The whole document (adding and removing slots): an administrator's act. */
  write(file: KeyslotFile): Promise<void>;
  /** One staff member's own password slot, replaced (a new password): anyone signed in may do this for their own. */
  replacePasswordSlot(slot: Slot): Promise<void>;
}

export function fileKeyslotStore(path: string): KeyslotStore {
  return {
    read: async () => readKeyslots(path),
    write: async (file) => writeKeyslots(path, file),
    async replacePasswordSlot(slot) {
      const file = readKeyslots(path);
      const slots = file.slots.some((s) => s.id === slot.id) ? file.slots.map((s) => (s.id === slot.id ? slot : s)) : [...file.slots, slot];
      writeKeyslots(path, { ...file, slots });
    },
  };
}

const NO_CLINIC = () => new DoorwayError('NO_VAULT', "The clinic hub doesn't hold a clinic's record yet. An administrator can set it up on the hub computer.");

/**
 * The hub's key slots, through the signed-in staff member's own login: only the administrators' login
 * may rewrite the document (hub/roles.ts); a password slot of one's own goes through
 * hub.replace_password_slot (hub-migrations/0004, 0006), which cannot add, remove or touch the recovery
 * slot, and also records the slot's public key and clears the "must choose a new password" mark.
 */
export function hubKeyslotStore(data: Kysely<Database>): KeyslotStore {
  return {
    async read() {
      const row = (await sql<{ file: string }>`SELECT file FROM hub.keyslots WHERE id = 1`.execute(data)).rows[0];
      if (!row) throw NO_CLINIC();
      return keyslotFileSchema.parse(JSON.parse(row.file));
    },
    async write(file) {
      const valid = keyslotFileSchema.parse(file);
      const done = await sql`UPDATE hub.keyslots SET file = ${JSON.stringify(valid)}, updated_at = ${new Date().toISOString()} WHERE id = 1`.execute(data);
      if (Number(done.numAffectedRows ?? 0) !== 1) throw NO_CLINIC();
    },
    async replacePasswordSlot(slot) {
      await sql`SELECT hub.replace_password_slot(${JSON.stringify(slot)})`.execute(data);
    },
  };
}
