import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { RotateKeys, VaultKey } from '../../../shared/contract/users';
import type { Role } from '../../../shared/roles';
import { recordAuditIn, type AuditActor } from '../audit/audit';
import type { Database } from '../data/schema';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { isSealedSlot, keyslotFileSchema } from '../vault/keyslots';
import type { RotationRecipient } from '../vault/rotation';
import { resealSlot, withClinicalSeal } from '../vault/vault';
import { loginPassword, sealAdministratorsLoginIn, type AdministratorsLogin } from './admin-login';
import { sealLogin, type RoleKeys } from './logins';

/**
 * A change of the clinic's keys on a hub (the "Change the vault key" of the Staff screen). On one
 * computer the records files are re-encrypted; on a hub the records are PostgreSQL's and its logins
 * guard them, so what the keys protect there is what leaves the hub (its backups) and the way to each
 * role's login. In one transaction: new keys, every slot of an active account and the recovery slot
 * sealed to them (through each slot's public key, no password needed), the slots of accounts no longer
 * active removed, and each role's login given a new PostgreSQL password sealed under the new keys (the
 * administrators' to their slots); then the audit event. Someone who left with an old key, or with a
 * login's old password, opens neither a later backup nor any login. Other workstations' sessions on
 * the old passwords are asked to sign in again at their next new connection (data/postgres.ts).
 */
export interface HubRotation {
  keys: VaultKey[];
  dataKey: Buffer;
  clinicalKey: Buffer | null;
  slots: number;
  removedSlots: number;
  /** The administrators' login with its new password: the session that changed the keys goes on through it. */
  administratorsLogin: AdministratorsLogin;
}

export async function rotateHubKeys(
  data: Kysely<Database>,
  current: RoleKeys & { vaultId: string },
  which: RotateKeys,
  recipientsOf: (trx: Transaction<Database>, key: VaultKey) => Promise<RotationRecipient[]>,
  actor: AuditActor,
  now: string,
  /** The administrators' login of the session changing the keys: sealed again to the slots that keep access. */
  administratorsLogin: AdministratorsLogin | null,
): Promise<HubRotation> {
  if (!administratorsLogin) throw new DoorwayError('FORBIDDEN', msg('hub.keys.administratorsOnly'));
  const keys: VaultKey[] = which === 'both' ? ['clinical', 'main'] : [which];
  if (keys.includes('clinical') && !current.clinicalKey) {
    throw new DoorwayError('CONFLICT', msg('access.vault.key.clinicalNotOpen'));
  }
  const next: RoleKeys = {
    dataKey: keys.includes('main') ? randomBytes(32) : Buffer.from(current.dataKey),
    clinicalKey: keys.includes('clinical') ? randomBytes(32) : current.clinicalKey ? Buffer.from(current.clinicalKey) : null,
  };
  let nextAdmin: AdministratorsLogin | null = null;
  try {
    const outcome = await data.transaction().execute(async (trx) => {
      const row = (await sql<{ file: string }>`SELECT file FROM hub.keyslots WHERE id = 1 FOR UPDATE`.execute(trx)).rows[0];
      if (!row) throw new DoorwayError('NO_VAULT', msg('hub.keys.noRecord'));
      const file = keyslotFileSchema.parse(JSON.parse(row.file));
      const main = new Map((await recipientsOf(trx, 'main')).map((r) => [r.slotId, r]));
      const clinical = new Set((await recipientsOf(trx, 'clinical')).map((r) => r.slotId));
      let removed = 0;
      const slots = [];
      for (const slot of file.slots) {
        const recipient = main.get(slot.id);
        if (!recipient) {
          removed++;
          continue;
        }
        // The public key the records hold must be the slot's own: a slot changed outside Doorway gets no new key.
        if (!isSealedSlot(slot) || slot.publicKey !== recipient.publicKey) {
          throw new DoorwayError('CONFLICT', msg('hub.keys.slotChanged', { name: recipient.label }));
        }
        slots.push(withClinicalSeal(file.vaultId, resealSlot(file.vaultId, slot, next.dataKey), clinical.has(slot.id) ? next.clinicalKey : null));
      }
      await sql`UPDATE hub.keyslots SET file = ${JSON.stringify({ ...file, slots })}, updated_at = ${now} WHERE id = 1`.execute(trx);
      // Every role login gets a new PostgreSQL password (taking effect when this commits), sealed under
      // the new keys: someone who left with a login's old password, or an old key, logs in no more.
      const logins = (await sql<{ role: Role; login: string }>`SELECT role, login FROM hub.logins ORDER BY role`.execute(trx)).rows;
      for (const l of logins) {
        const password = randomBytes(32).toString('base64url');
        await sql`SELECT hub.set_login_password(${l.login}, ${password})`.execute(trx);
        await sql`UPDATE hub.logins SET sealed = ${sealLogin(file.vaultId, l.role, password, next)} WHERE role = ${l.role}`.execute(trx);
      }
      // The administrators' login too, sealed to the slots of the administrators who keep access (and the recovery slot).
      const admin: AdministratorsLogin = { login: administratorsLogin.login, secret: randomBytes(32) };
      nextAdmin = admin;
      await sql`SELECT hub.set_login_password(${admin.login}, ${loginPassword(admin)})`.execute(trx);
      await sealAdministratorsLoginIn(trx, admin, { newPassword: true });
      await recordAuditIn(trx, { at: now, actor, action: 'vault.rotateKey', details: { keys, hub: true, slots: slots.length, removedSlots: removed } });
      return { slots: slots.length, removedSlots: removed };
    });
    return { keys, dataKey: next.dataKey, clinicalKey: next.clinicalKey, administratorsLogin: nextAdmin!, ...outcome };
  } catch (e) {
    next.dataKey.fill(0);
    next.clinicalKey?.fill(0);
    (nextAdmin as AdministratorsLogin | null)?.secret.fill(0);
    throw e;
  }
}
