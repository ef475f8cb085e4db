import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { recordAuditIn, type AuditActor } from '../audit/audit';
import { postgresData, postgresPool, type PostgresTarget } from '../data/postgres';
import type { Database } from '../data/schema';
import { canReadClinical } from '../../../shared/roles';
import { msg } from '../../../shared/messages';
import { DoorwayError, SIGN_IN_FAILED } from '../errors';
import { staffBySlot, type StaffRecord } from '../users/staff';
import { unlockSlotsWithPassword, unlockSlotsWithRecovery, type VaultOptions } from '../vault/vault';
import { loginPassword, openAdministratorsLoginWith, readAdministratorsLoginSeals, sealAdministratorsLoginIn, type AdministratorsLogin } from './admin-login';
import { readHubKeyslots } from './init';
import { openLogin } from './logins';

/** A staff member signed in to the clinic hub: the records through their role's own login, and their keys. */
export interface HubSession {
  data: Kysely<Database>;
  user: StaffRecord;
  vaultId: string;
  dataKey: Buffer;
  /** Null for a role that may not read clinical content. */
  clinicalKey: Buffer | null;
  /** An administrator's session: the administrators' login, which it seals to every administrator's slot after a change (hub/admin-login.ts). */
  administratorsLogin: AdministratorsLogin | null;
  /** After a key change gave the administrators' login a new password: the session goes on through it (the old connections close). */
  useAdministratorsLogin(next: AdministratorsLogin): Promise<Kysely<Database>>;
  /** Signs out: the connections close and the keys are wiped. */
  close(): Promise<void>;
}

/**
 * Signs a staff member in to a hub: `gate` (a connection that may read the key slots) gives the key
 * slots, their password opens their slot (the same slots and checks as on one computer), the keys that
 * slot holds open their role's PostgreSQL login (hub/logins.ts), and the session then runs on that
 * login alone, so PostgreSQL enforces what the role may see. One message for an unknown user or a
 * wrong password; a turned-off account is refused. The sign-in is audited on the hub.
 */
export async function signInToHub(
  gate: Kysely<Database>,
  target: PostgresTarget,
  username: string,
  password: string,
  opts: VaultOptions = {},
  trail: HubTrail = {},
): Promise<HubSession> {
  const slots = await hubSlots(gate);
  const admin = openAdministratorsLoginWith(slots.vaultId, await readAdministratorsLoginSeals(gate));
  const unlocked = await unlockSlotsWithPassword(slots, null, username, password, opts, admin.alsoOpen);
  return openHubSession(gate, target, slots.vaultId, { ...unlocked, administratorsLogin: admin.found.login }, false, trail, async () => {
    const user = await staffBySlot(gate, unlocked.slot.id);
    if (!user || user.disabled) {
      throw new DoorwayError(user ? 'ACCOUNT_DISABLED' : 'SIGN_IN_FAILED', user ? msg('access.accountOff') : SIGN_IN_FAILED);
    }
    return { user, role: user.role, audit: { action: 'session.signIn', details: { hub: true } } };
  });
}

/**
 * The recovery code on a hub: it opens the recovery slot, whose keys open the administrators' login;
 * `whoFor` then says (on that login) which staff record the session is, and how it is audited:
 * emergency access, or a forgotten password set anew. What the code opens is exactly what it opens on
 * one computer. A wrong code gets the same refusal as there.
 */
export async function recoverOnHub(
  gate: Kysely<Database>,
  target: PostgresTarget,
  recoveryCode: string,
  whoFor: (admin: Kysely<Database>, keys: { dataKey: Buffer; clinicalKey: Buffer | null; vaultId: string }) => Promise<{ user: StaffRecord; audit: HubAuditEvent }>,
  trail: HubTrail = {},
): Promise<HubSession> {
  const slots = await hubSlots(gate);
  const sealedAdmin = openAdministratorsLoginWith(slots.vaultId, await readAdministratorsLoginSeals(gate));
  const unlocked = await unlockSlotsWithRecovery(slots, null, recoveryCode, sealedAdmin.alsoOpen);
  return openHubSession(gate, target, slots.vaultId, { ...unlocked, administratorsLogin: sealedAdmin.found.login }, true, trail, async (admin) => {
    const who = await whoFor(admin!, { dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey, vaultId: slots.vaultId });
    return { ...who, role: who.user.role };
  });
}

/** How the opening reaches the trail: the core's clock, and what happened before it (failed attempts), in the same transaction. */
export interface HubTrail {
  now?: () => string;
  before?: (trx: Transaction<Database>) => Promise<void>;
}

type HubAuditEvent = {
  action: 'session.signIn' | 'session.breakGlass' | 'session.recover';
  details: Record<string, unknown>;
  subjectId?: number;
  /** Who the trail names; the staff record's own name unless given (emergency access names its user). */
  actor?: AuditActor;
};

async function hubSlots(gate: Kysely<Database>) {
  const slots = await readHubKeyslots(gate);
  if (!slots) throw new DoorwayError('NO_VAULT', msg('hub.session.notSetUp'));
  return slots;
}

const CANNOT_OPEN_LOGIN = msg('hub.session.cannotOpenLogin');

function connectAs(target: PostgresTarget, login: string, password: string): Kysely<Database> {
  const url = new URL(target.connectionString);
  url.username = login;
  url.password = password;
  return postgresData(postgresPool({ ...target, connectionString: url.toString() }));
}

/** The login of `role` on the hub, from the sealed password the keys open. */
async function roleLogin(gate: Kysely<Database>, target: PostgresTarget, vaultId: string, role: StaffRecord['role'], keys: { dataKey: Buffer; clinicalKey: Buffer | null }): Promise<Kysely<Database>> {
  const row = (await sql<{ login: string; sealed: string }>`SELECT login, sealed FROM hub.logins WHERE role = ${role}`.execute(gate)).rows[0];
  const password = row ? openLogin(vaultId, role, row.sealed, keys) : null;
  if (!row || !password) throw new DoorwayError('KEYSLOTS_DAMAGED', CANNOT_OPEN_LOGIN);
  return connectAs(target, row.login, password);
}

/**
 * The administrators' login: from the seal the slot itself opened (hub/admin-login.ts) or, on a hub
 * made before those seals, from its first seal under the clinical key, once: the session then makes
 * the per-slot seals and removes the old one.
 */
async function administratorsLogin(
  gate: Kysely<Database>,
  target: PostgresTarget,
  vaultId: string,
  unlocked: { clinicalKey: Buffer | null; administratorsLogin: AdministratorsLogin | null },
): Promise<{ data: Kysely<Database>; login: AdministratorsLogin }> {
  let login = unlocked.administratorsLogin;
  if (!login) {
    const first = (await sql<{ login: string; sealed: string }>`SELECT login, sealed FROM hub.logins WHERE role = 'administrator'`.execute(gate)).rows[0];
    const password = first ? openLogin(vaultId, 'administrator', first.sealed, { dataKey: Buffer.alloc(0), clinicalKey: unlocked.clinicalKey }) : null;
    const secret = password ? Buffer.from(password, 'base64url') : null;
    if (!first || !secret || secret.length !== 32) throw new DoorwayError('KEYSLOTS_DAMAGED', CANNOT_OPEN_LOGIN);
    login = { login: first.login, secret };
  }
  return { data: connectAs(target, login.login, loginPassword(login)), login };
}

/**
 * The session on its role's login: `resolve` says who it is (reading through the gate, or through the
 * administrators' login the recovery code opened), and the opening is audited on the hub.
 */
async function openHubSession(
  gate: Kysely<Database>,
  target: PostgresTarget,
  vaultId: string,
  unlocked: { dataKey: Buffer; clinicalKey: Buffer | null; administratorsLogin: AdministratorsLogin | null },
  viaRecoveryCode: boolean,
  trail: HubTrail,
  resolve: (admin: Kysely<Database> | null) => Promise<{ user: StaffRecord; role: StaffRecord['role']; audit: HubAuditEvent }>,
): Promise<HubSession> {
  const keys: { dataKey: Buffer; clinicalKey: Buffer | null } = { dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey };
  let data: Kysely<Database> | null = null;
  let adminLogin: AdministratorsLogin | null = unlocked.administratorsLogin;
  try {
    // The recovery code opens the administrators' login first: emergency access and a new password are written through it.
    const admin = viaRecoveryCode ? await administratorsLogin(gate, target, vaultId, unlocked) : null;
    data = admin?.data ?? null;
    const { user, role, audit } = await resolve(admin?.data ?? null);
    if (admin) {
      // The seals follow what the recovery code just changed (a new password is a new key pair).
      await admin.data.transaction().execute((trx) => sealAdministratorsLoginIn(trx, admin.login));
      adminLogin = admin.login;
    }
    if (role === 'administrator' && !admin) {
      const opened = await administratorsLogin(gate, target, vaultId, unlocked);
      data = opened.data;
      adminLogin = opened.login;
      await opened.data.transaction().execute((trx) => sealAdministratorsLoginIn(trx, opened.login));
    } else if (role !== 'administrator') {
      // The session runs on its own role's login, whatever opened the way to it.
      data = await roleLogin(gate, target, vaultId, role, keys);
      await admin?.data.destroy();
      adminLogin?.secret.fill(0);
      adminLogin = null;
    }
    if (!data) throw new DoorwayError('KEYSLOTS_DAMAGED', CANNOT_OPEN_LOGIN);
    if (!canReadClinical(role) && keys.clinicalKey) {
      keys.clinicalKey.fill(0);
      keys.clinicalKey = null;
    }
    const session = data;
    await session.transaction().execute(async (trx) => {
      await trail.before?.(trx);
      await recordAuditIn(trx, {
        at: trail.now?.() ?? new Date().toISOString(),
        actor: audit.actor ?? { id: user.id, username: user.username },
        action: audit.action,
        ...(audit.subjectId !== undefined ? { subjectType: 'staff_user', subjectId: audit.subjectId } : {}),
        details: audit.details,
      });
    });
    const hubSession: HubSession = {
      data: session,
      user,
      vaultId,
      dataKey: keys.dataKey,
      clinicalKey: keys.clinicalKey,
      administratorsLogin: adminLogin,
      async useAdministratorsLogin(next) {
        const before = hubSession.data;
        hubSession.data = connectAs(target, next.login, loginPassword(next));
        hubSession.administratorsLogin?.secret.fill(0);
        hubSession.administratorsLogin = next;
        adminLogin = next;
        await before.destroy();
        return hubSession.data;
      },
      async close() {
        keys.dataKey.fill(0);
        keys.clinicalKey?.fill(0);
        adminLogin?.secret.fill(0);
        await hubSession.data.destroy();
      },
    };
    return hubSession;
  } catch (e) {
    keys.dataKey.fill(0);
    keys.clinicalKey?.fill(0);
    adminLogin?.secret.fill(0);
    await data?.destroy();
    throw e;
  }
}
