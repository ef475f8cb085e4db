import { sql, type Kysely } from 'kysely';
import type { Database } from '../data/schema';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
import { sealAdministratorsLoginIn, type AdministratorsLogin } from '../hub/admin-login';
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
  /**
   * After an account's role changed: on a hub, the administrators' login is sealed to exactly the
   * administrators' slots again (hub/admin-login.ts). One computer has no such login: nothing to do.
   */
  followRoles(): Promise<void>;
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
    followRoles: async () => {},
  };
}

const NO_CLINIC = () => new DoorwayError('NO_VAULT', msg('access.vault.noClinicOnHub'));

/**
 * The hub's key slots, through the signed-in staff member's own login: only the administrators' login
 * may rewrite the document (hub/roles.ts); a password slot of one's own goes through
 * hub.replace_password_slot (hub-migrations/0004, 0006), which cannot add, remove or touch the recovery
 * slot, and also records the slot's public key and clears the "must choose a new password" mark.
 */
export function hubKeyslotStore(data: Kysely<Database>, administratorsLogin: AdministratorsLogin | null = null): KeyslotStore {
  // An administrator's session seals the administrators' login to the slots as they now are, in the same transaction.
  const follow = async (trx: Kysely<Database>) => {
    if (administratorsLogin) await sealAdministratorsLoginIn(trx, administratorsLogin);
  };
  return {
    async read() {
      const row = (await sql<{ file: string }>`SELECT file FROM hub.keyslots WHERE id = 1`.execute(data)).rows[0];
      if (!row) throw NO_CLINIC();
      return keyslotFileSchema.parse(JSON.parse(row.file));
    },
    async write(file) {
      const valid = keyslotFileSchema.parse(file);
      await data.transaction().execute(async (trx) => {
        const done = await sql`UPDATE hub.keyslots SET file = ${JSON.stringify(valid)}, updated_at = ${new Date().toISOString()} WHERE id = 1`.execute(trx);
        if (Number(done.numAffectedRows ?? 0) !== 1) throw NO_CLINIC();
        await follow(trx);
      });
    },
    async replacePasswordSlot(slot) {
      await data.transaction().execute(async (trx) => {
        await sql`SELECT hub.replace_password_slot(${JSON.stringify(slot)})`.execute(trx);
        await follow(trx);
      });
    },
    followRoles: () => data.transaction().execute(follow),
  };
}
