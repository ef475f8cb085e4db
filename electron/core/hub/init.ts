import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { formatRecoveryCode, parseRecoveryCode, RECOVERY_CODE_BYTES } from '../../../shared/recovery-code';
import type { ClinicSettings } from '../../../shared/contract/schemas';
import { msg, type Message } from '../../../shared/messages';
import { recordAuditIn } from '../audit/audit';
import type { Database } from '../data/schema';
import { migratePostgres } from '../db/pg-migrate';
import { nameBuiltInCatalog } from '../records/catalog';
import { DoorwayError } from '../errors';
import { keyslotFileSchema, usernameLookup, type KeyslotFile } from '../vault/keyslots';
import { writeFirstRecords } from '../vault/first-records';
import { makeSlot, type VaultOptions } from '../vault/vault';
import { sealAdministratorsLoginIn } from './admin-login';
import { sealLogin } from './logins';
import { moveRecordsIn, type MovedCounts } from './move';
import { provisionHubRolesIn, type HubLogin } from './roles';

export interface HubInitInput {
  settings: ClinicSettings;
  admin: { username: string; displayName: string; password: string };
  now: string;
  /** The code the first-run wizard showed and had retyped; a new one when not given (hub init). */
  recoveryCode?: string;
}

export interface HubInitResult {
  vaultId: string;
  /** Shown once, as on one computer: it opens the key slots when every password is lost. */
  recoveryCode: string;
}

/** The key slots as the hub holds them (null before `initHub`): the same document as one computer's keyslots.json. */
export async function readHubKeyslots(hub: Kysely<Database>): Promise<KeyslotFile | null> {
  const row = await sql<{ file: string }>`SELECT file FROM hub.keyslots WHERE id = 1`.execute(hub);
  return row.rows[0] ? keyslotFileSchema.parse(JSON.parse(row.rows[0].file)) : null;
}

/**
 * Makes a PostgreSQL database the clinic's record (`hub init --pg-url URL`), run by the database's
 * owner: the schema steps, one login role per Doorway role with its grants, and the clinic's keys as on
 * one computer. A random data key and clinical key (they encrypt the hub's backups, which are the same
 * SQLCipher files as one computer's), sealed to the first administrator's password and to a new
 * recovery code in the key slots; each role's login password sealed under that role's key; the
 * settings, the administrator and the trail's first event. The key slots and the first records are
 * written in one transaction, so a failure leaves no half-made clinic; a database that already is one
 * is refused untouched.
 */
export async function initHub(owner: Kysely<Database>, input: HubInitInput, opts: VaultOptions = {}): Promise<HubInitResult> {
  const untyped = owner as unknown as Kysely<unknown>;
  await migratePostgres(untyped);
  if (await readHubKeyslots(owner)) {
    throw new DoorwayError('VAULT_EXISTS', msg('setup.hub.alreadyAClinic'));
  }
  const vaultId = randomUUID();
  const dataKey = randomBytes(32);
  const clinicalKey = randomBytes(32);
  const recoveryCode = input.recoveryCode ?? formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
  // The slot takes the code in the form a typed code is read back to (vault.ts unlockSlotsWithRecovery).
  const parsed = parseRecoveryCode(recoveryCode);
  if (!parsed.ok) throw new Error('a new recovery code did not pass its own check');
  try {
    const adminSlotId = randomUUID();
    const [adminSlot, recoverySlot] = await Promise.all([
      makeSlot(vaultId, 'password', input.admin.password, dataKey, usernameLookup(vaultId, input.admin.username), opts, adminSlotId, clinicalKey),
      makeSlot(vaultId, 'recovery', parsed.canonical, dataKey, null, opts, undefined, clinicalKey),
    ]);
    const file: KeyslotFile = { format: 'doorway-keyslots', version: 2, vaultId, createdAt: input.now, slots: [adminSlot, recoverySlot] };
    await owner.transaction().execute(async (trx) => {
      // Another run that got here first wins; this one changes nothing (its roles and keys included).
      await sql`LOCK TABLE hub.keyslots IN EXCLUSIVE MODE`.execute(trx);
      if (await readHubKeyslots(trx as unknown as Kysely<Database>)) {
        throw new DoorwayError('VAULT_EXISTS', msg('setup.hub.alreadyAClinic'));
      }
      const logins = await provisionHubRolesIn(trx as unknown as Transaction<unknown>);
      await writeFirstRecords(trx, { settings: input.settings, vaultId, admin: input.admin, adminSlot, recoverySlot, now: input.now, details: { hub: true } });
      // The services and supplies every site starts with, in the clinic's language (as on one computer: setup.ts).
      await nameBuiltInCatalog(trx, input.settings.language);
      await storeKeysIn(trx, file, logins, { dataKey, clinicalKey }, input.now);
    });
    return { vaultId, recoveryCode };
  } finally {
    dataKey.fill(0);
    clinicalKey.fill(0);
  }
}

async function storeKeysIn(trx: Transaction<Database>, file: KeyslotFile, logins: readonly HubLogin[], keys: { dataKey: Buffer; clinicalKey: Buffer }, now: string): Promise<void> {
  await sql`INSERT INTO hub.keyslots (id, file, updated_at) VALUES (1, ${JSON.stringify(file)}, ${now})`.execute(trx);
  for (const l of logins) {
    if (l.role === 'administrator') {
      // Sealed to each administrator's slot and the recovery slot, never under a key other roles hold (hub/admin-login.ts).
      await sealAdministratorsLoginIn(trx, { login: l.login, secret: Buffer.from(l.password, 'base64url') });
      continue;
    }
    await sql`INSERT INTO hub.logins (role, login, sealed) VALUES (${l.role}, ${l.login}, ${sealLogin(file.vaultId, l.role, l.password, keys)})
              ON CONFLICT (role) DO UPDATE SET login = excluded.login, sealed = excluded.sealed`.execute(trx);
  }
}

/**
 * "Move this computer's records to the hub" (`hub move`): one computer's record becomes the clinic's,
 * with its key slots and keys, so every staff password and the recovery code go on working. One
 * transaction on the hub: the records (checked table by table on both sides: move.ts), the role logins
 * with their grants, the key slots, the sealed logins and the audit event. The computer's files are
 * only read; the old vault stays until an administrator removes it.
 */
export async function moveVaultOntoHub(
  owner: Kysely<Database>,
  source: Kysely<Database>,
  vault: { file: KeyslotFile; dataKey: Buffer; clinicalKey: Buffer },
  actor: { id: number | null; username: string | null },
  now: string,
  /** How the trail tells it: a computer's records moved (hub move), or a backup restored onto the hub (hub restore). */
  as: { action: 'vault.movedToHub' | 'backup.restore'; details?: Record<string, unknown>; refusal?: Message } = { action: 'vault.movedToHub' },
): Promise<MovedCounts> {
  await migratePostgres(owner as unknown as Kysely<unknown>);
  return owner.transaction().execute(async (trx) => {
    await sql`LOCK TABLE hub.keyslots IN EXCLUSIVE MODE`.execute(trx);
    if (await readHubKeyslots(trx as unknown as Kysely<Database>)) {
      throw new DoorwayError('VAULT_EXISTS', as.refusal ?? msg('setup.hub.alreadyAClinicNotMoved'));
    }
    const moved = await moveRecordsIn(source, trx);
    const logins = await provisionHubRolesIn(trx as unknown as Transaction<unknown>);
    await storeKeysIn(trx, vault.file, logins, vault, now);
    const rows = Object.values(moved.rows).reduce((a, b) => a + b, 0);
    await recordAuditIn(trx, { at: now, actor, action: as.action, details: { rows, people: moved.rows.people ?? 0, contacts: moved.rows.contacts ?? 0, from: 'commandLine', ...as.details } });
    return moved;
  });
}
