import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { recordAuditIn } from '../audit/audit';
import { postgresData, postgresPool, type PostgresTarget } from '../data/postgres';
import type { Database } from '../data/schema';
import { DoorwayError, SIGN_IN_FAILED_MESSAGE } from '../errors';
import { staffBySlot, type StaffRecord } from '../users/staff';
import { unlockSlotsWithPassword, type VaultOptions } from '../vault/vault';
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
export async function signInToHub(gate: Kysely<Database>, target: PostgresTarget, username: string, password: string, opts: VaultOptions = {}): Promise<HubSession> {
  const slots = await readHubKeyslots(gate);
  if (!slots) throw new DoorwayError('NO_VAULT', "This database doesn't hold a clinic's record yet. An administrator can set it up with hub init.");
  const unlocked = await unlockSlotsWithPassword(slots, null, username, password, opts);
  const keys = { dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey };
  let data: Kysely<Database> | null = null;
  try {
    const user = await staffBySlot(gate, unlocked.slot.id);
    if (!user || user.disabled) {
      throw new DoorwayError(user ? 'ACCOUNT_DISABLED' : 'SIGN_IN_FAILED', user ? 'This account is turned off. Please ask an administrator.' : SIGN_IN_FAILED_MESSAGE);
    }
    const row = (await sql<{ login: string; sealed: string }>`SELECT login, sealed FROM hub.logins WHERE role = ${user.role}`.execute(gate)).rows[0];
    const loginPassword = row ? openLogin(slots.vaultId, user.role, row.sealed, keys) : null;
    if (!row || !loginPassword) {
      throw new DoorwayError('KEYSLOTS_DAMAGED', "The clinic hub's login for your role can't be opened with your keys. Nothing was changed. An administrator can set the hub's logins again.");
    }
    const url = new URL(target.connectionString);
    url.username = row.login;
    url.password = loginPassword;
    data = postgresData(postgresPool({ ...target, connectionString: url.toString() }));
    const session = data;
    await session.transaction().execute((trx) =>
      recordAuditIn(trx, { at: new Date().toISOString(), actor: { id: user.id, username: user.username }, action: 'session.signIn', details: { hub: true } }),
    );
    return {
      data: session,
      user,
      vaultId: slots.vaultId,
      dataKey: keys.dataKey,
      clinicalKey: keys.clinicalKey,
      async close() {
        keys.dataKey.fill(0);
        keys.clinicalKey?.fill(0);
        await session.destroy();
      },
    };
  } catch (e) {
    keys.dataKey.fill(0);
    keys.clinicalKey?.fill(0);
    await data?.destroy();
    throw e;
  }
}
