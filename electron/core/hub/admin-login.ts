import { sql, type Kysely } from 'kysely';
import type { Database } from '../data/schema';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { isSealedSlot, keyslotFileSchema, type SealedSlot } from '../vault/keyslots';
import { sealKey, type Sealed } from '../vault/seal';
import type { AlsoOpen } from '../vault/vault';

/**
 * The administrators' PostgreSQL login on a hub, sealed to each active administrator's key slot and to
 * the recovery slot (hub.admin_logins, hub-migrations/0007), never under a key that other roles hold.
 * A clinician's keys open the clinical key and the clinicians' login; before this the administrators'
 * login was sealed under that same clinical key, so a clinician who read their own session's memory
 * could have logged in as an administrator and rewritten the key slots. Now only the slots that belong
 * to an administrator (or the recovery code, which opens an administrator session anyway) open it.
 *
 * Kept right by whoever holds the login (an administrator's session): after every change of the key
 * slots or of an account's role, the seals are made to match (sealAdministratorsLoginIn).
 */
export interface AdministratorsLogin {
  /** The PostgreSQL login role's name. */
  login: string;
  /** Its password: 32 random bytes, written as base64url (hub/roles.ts makes it so). */
  secret: Buffer;
}

export const loginPassword = (l: AdministratorsLogin): string => l.secret.toString('base64url');

const aad = (vaultId: string, slotId: string) => `doorway-hub-admin-login:v1:${vaultId}:${slotId}`;

interface SealedRow {
  slot_id: string;
  public_key: string;
  login: string;
  sealed: string;
}

/** Every seal, by slot: the gate reads them before anyone has signed in (each opens only with its own slot's private key). */
export async function readAdministratorsLoginSeals(gate: Kysely<Database>): Promise<Map<string, SealedRow>> {
  const rows = (await sql<SealedRow>`SELECT slot_id, public_key, login, sealed FROM hub.admin_logins`.execute(gate)).rows;
  return new Map(rows.map((r) => [r.slot_id, r]));
}

/**
 * What the slot being opened yields of the administrators' login: `found.login` is set when the slot
 * has a seal that its private key opens (an administrator's slot, or the recovery slot).
 */
export function openAdministratorsLoginWith(vaultId: string, seals: ReadonlyMap<string, SealedRow>): { alsoOpen: AlsoOpen; found: { login: AdministratorsLogin | null } } {
  const found: { login: AdministratorsLogin | null } = { login: null };
  const alsoOpen: AlsoOpen = (slot, open) => {
    const row = seals.get(slot.id);
    if (!row || row.public_key !== slot.publicKey) return;
    const secret = open(JSON.parse(row.sealed) as Sealed, aad(vaultId, slot.id));
    if (secret) found.login = { login: row.login, secret };
  };
  return { alsoOpen, found };
}

/**
 * Makes the seals match the clinic as it is now, in the caller's transaction on the administrators'
 * login: one for each active administrator's slot and the recovery slot (sealed again when the slot's
 * key pair changed: a new password makes a new pair), none for anyone else (a role changed away from
 * administrator, an account turned off). Also removes the seal of the first hub format, under the
 * clinical key, once the per-slot seals exist. Serialised with other changes of the key slots by the
 * row lock on hub.keyslots. `newPassword`: the login's password was just changed, so every seal is made anew.
 */
export async function sealAdministratorsLoginIn(trx: Kysely<Database>, admin: AdministratorsLogin, opts: { newPassword?: boolean } = {}): Promise<void> {
  const row = (await sql<{ file: string }>`SELECT file FROM hub.keyslots WHERE id = 1 FOR UPDATE`.execute(trx)).rows[0];
  if (!row) throw new DoorwayError('NO_VAULT', msg('hub.noRecordYet'));
  const file = keyslotFileSchema.parse(JSON.parse(row.file));
  const administrators = new Set(
    (await trx.selectFrom('staff_users').select('slot_id').where('role', '=', 'administrator').where('disabled_at', 'is', null).execute()).map((r) => r.slot_id),
  );
  const recipients = file.slots.filter((s): s is SealedSlot => isSealedSlot(s) && (s.kind === 'recovery' || administrators.has(s.id)));
  const current = await readAdministratorsLoginSeals(trx);
  for (const slot of recipients) {
    const had = current.get(slot.id);
    if (!opts.newPassword && had && had.public_key === slot.publicKey && had.login === admin.login) continue;
    const sealed = JSON.stringify(sealKey(admin.secret, Buffer.from(slot.publicKey, 'base64'), aad(file.vaultId, slot.id)));
    await sql`INSERT INTO hub.admin_logins (slot_id, public_key, login, sealed) VALUES (${slot.id}, ${slot.publicKey}, ${admin.login}, ${sealed})
              ON CONFLICT (slot_id) DO UPDATE SET public_key = excluded.public_key, login = excluded.login, sealed = excluded.sealed`.execute(trx);
  }
  const keep = recipients.map((s) => s.id);
  if (keep.length > 0) await sql`DELETE FROM hub.admin_logins WHERE slot_id <> ALL(${keep}::text[])`.execute(trx);
  await sql`DELETE FROM hub.logins WHERE role = 'administrator'`.execute(trx);
}
