import type { StaffAccount } from '../../../shared/contract/users';
import type { Role } from '../../../shared/roles';
import type { SignedInContext } from '../context';
import type { Db } from '../db/database';
import { DoorwayError } from '../errors';
import { insertStaff, staffByUsername } from './staff';
import { readKeyslots, usernameLookup, writeKeyslots, type KeyslotFile, type Slot } from '../vault/keyslots';
import type { RotationRecipient } from '../vault/rotation';
import { forgetSlotKey, readSlotKeys, recordSlotKey } from '../vault/slot-keys';
import { makeSlot } from '../vault/vault';
import { EMERGENCY_SLOT_ID } from './emergency';
import { temporaryPassword } from './temporary-password';

/**
 * Staff accounts, as the administrator manages them. Each change touches two places: the staff record
 * (inside the encrypted records, with its audit event, in one transaction) and the account's key slot
 * in keyslots.json. The records change first; a slot is added only for an account the records already
 * hold, and slots of accounts the records do not hold as active are pruned on every write, so an
 * interruption between the two leaves, at worst, an account that needs its password reset, never a
 * key slot nobody accounts for.
 */
interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  slot_id: string;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
  last_sign_in: string | null;
}

const ACCOUNT_SELECT = `
  SELECT s.id, s.username, s.display_name, s.role, s.slot_id, s.must_change_password, s.disabled_at, s.created_at,
    (SELECT a.at FROM audit_events a WHERE a.actor_id = s.id AND a.action = 'session.signIn' ORDER BY a.at DESC LIMIT 1) AS last_sign_in
  FROM staff_users s
  WHERE s.slot_id <> '${EMERGENCY_SLOT_ID}'`;

function toAccount(r: AccountRow, youId: number | null): StaffAccount {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled_at !== null,
    mustChangePassword: r.must_change_password === 1,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in,
    you: r.id === youId,
  };
}

const youOf = (ctx: SignedInContext) => ctx.user.id;

export function listAccounts(ctx: SignedInContext): StaffAccount[] {
  const rows = ctx.db.prepare(`${ACCOUNT_SELECT} ORDER BY s.disabled_at IS NOT NULL, s.display_name COLLATE NOCASE, s.id`).all() as AccountRow[];
  return rows.map((r) => toAccount(r, youOf(ctx)));
}

function accountRow(db: Db, id: number): AccountRow {
  const row = db.prepare(`${ACCOUNT_SELECT} AND s.id = ?`).get(id) as AccountRow | undefined;
  if (!row) throw new DoorwayError('NOT_FOUND', 'There is no staff account with that id. It may have been changed in the meantime; please reload.');
  return row;
}

export const getAccount = (ctx: SignedInContext, id: number): StaffAccount => toAccount(accountRow(ctx.db, id), youOf(ctx));

function enabledAdministrators(db: Db): number {
  return db
    .prepare(`SELECT count(*) FROM staff_users WHERE role = 'administrator' AND disabled_at IS NULL AND slot_id <> '${EMERGENCY_SLOT_ID}'`)
    .pluck()
    .get() as number;
}

function assertNotLastAdministrator(db: Db, row: AccountRow, what: string): void {
  if (row.role === 'administrator' && row.disabled_at === null && enabledAdministrators(db) <= 1) {
    throw new DoorwayError(
      'CONFLICT',
      `${row.display_name} is the only active administrator, so ${what} would leave nobody to manage accounts. Nothing was changed. ` +
        'Make someone else an administrator first.',
    );
  }
}

/** Rewrites keyslots.json with a change, dropping every password slot that no active account owns. */
function updateKeyslots(ctx: SignedInContext, change: (slots: Slot[]) => Slot[]): void {
  const file = readKeyslots(ctx.services.vault.paths.keyslots);
  const live = new Set(ctx.db.prepare('SELECT slot_id FROM staff_users WHERE disabled_at IS NULL').pluck().all() as string[]);
  const slots = change(file.slots).filter((s) => s.kind === 'recovery' || live.has(s.id));
  writeKeyslots(ctx.services.vault.paths.keyslots, { ...file, slots });
}

const replaceSlot = (slot: Slot) => (slots: Slot[]) => [...slots.filter((s) => s.id !== slot.id), slot];

/** A fresh slot for an account, opened by a new temporary password (derived before anything is written). */
async function temporarySlot(ctx: SignedInContext, username: string, slotId?: string, given?: string) {
  const password = given ?? temporaryPassword();
  const slot = await makeSlot(ctx.services.vault.vaultId, 'password', password, ctx.services.vault.dataKey, usernameLookup(ctx.services.vault.vaultId, username), ctx.services.vault.options, slotId);
  return { password, slot };
}

export async function createAccount(ctx: SignedInContext, input: { username: string; displayName: string; role: Role; temporaryPassword?: string }) {
  const taken = () => {
    const existing = staffByUsername(ctx.db, input.username);
    if (existing) {
      throw new DoorwayError('CONFLICT', `There is already a staff account with the username "${existing.username}". Please choose another.`, {
        conflictId: existing.id,
        fields: { username: 'This username is taken.' },
      });
    }
  };
  taken();
  const { password, slot } = await temporarySlot(ctx, input.username, undefined, input.temporaryPassword);
  const db = ctx.db;
  const id = db.transaction(() => {
    taken();
    const newId = insertStaff(db, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      slotId: slot.id,
      mustChangePassword: true,
      createdAt: ctx.clock.nowIso(),
      createdBy: ctx.user.id,
    });
    recordSlotKey(db, slot);
    ctx.audit({ action: 'user.create', subjectType: 'staff_user', subjectId: newId, details: { username: input.username, role: input.role } });
    return newId;
  })();
  updateKeyslots(ctx, replaceSlot(slot));
  return { user: getAccount(ctx, id), temporaryPassword: password };
}

export function updateAccount(ctx: SignedInContext, input: { id: number; displayName?: string; role?: Role }): StaffAccount {
  const db = ctx.db;
  const row = accountRow(db, input.id);
  const changes: Record<string, { from: string; to: string }> = {};
  if (input.displayName !== undefined && input.displayName !== row.display_name) changes.displayName = { from: row.display_name, to: input.displayName };
  if (input.role !== undefined && input.role !== row.role) {
    if (row.id === youOf(ctx)) {
      throw new DoorwayError('CONFLICT', 'You cannot change your own role. Nothing was changed. Another administrator can do it.');
    }
    if (row.role === 'administrator') assertNotLastAdministrator(db, row, 'changing their role');
    changes.role = { from: row.role, to: input.role };
  }
  if (Object.keys(changes).length === 0) return toAccount(row, youOf(ctx));
  db.transaction(() => {
    db.prepare('UPDATE staff_users SET display_name = ?, role = ? WHERE id = ?').run(input.displayName ?? row.display_name, input.role ?? row.role, row.id);
    ctx.audit({ action: 'user.update', subjectType: 'staff_user', subjectId: row.id, details: changes });
  })();
  const s = ctx.session;
  if (s.user.id === row.id && input.displayName !== undefined) s.user = { ...s.user, displayName: input.displayName };
  return getAccount(ctx, row.id);
}

export async function setAccountDisabled(ctx: SignedInContext, id: number, disabled: boolean) {
  const row = accountRow(ctx.db, id);
  if (disabled) {
    if (row.disabled_at !== null) return { user: toAccount(row, youOf(ctx)), temporaryPassword: null };
    if (row.id === youOf(ctx)) {
      throw new DoorwayError('CONFLICT', 'You cannot turn off your own account while you are signed in with it. Nothing was changed.');
    }
    assertNotLastAdministrator(ctx.db, row, 'turning their account off');
    const db = ctx.db;
    db.transaction(() => {
      db.prepare('UPDATE staff_users SET disabled_at = ? WHERE id = ?').run(ctx.clock.nowIso(), row.id);
      forgetSlotKey(db, row.slot_id);
      ctx.audit({ action: 'user.disable', subjectType: 'staff_user', subjectId: row.id, details: { username: row.username } });
    })();
    updateKeyslots(ctx, (slots) => slots.filter((s) => s.id !== row.slot_id));
    return { user: getAccount(ctx, row.id), temporaryPassword: null };
  }
  if (row.disabled_at === null) return { user: toAccount(row, youOf(ctx)), temporaryPassword: null };
  const { password, slot } = await temporarySlot(ctx, row.username, row.slot_id);
  const db = ctx.db;
  db.transaction(() => {
    db.prepare('UPDATE staff_users SET disabled_at = NULL, must_change_password = 1 WHERE id = ?').run(row.id);
    recordSlotKey(db, slot);
    ctx.audit({ action: 'user.enable', subjectType: 'staff_user', subjectId: row.id, details: { username: row.username } });
  })();
  updateKeyslots(ctx, replaceSlot(slot));
  return { user: getAccount(ctx, row.id), temporaryPassword: password };
}

export async function resetAccountPassword(ctx: SignedInContext, id: number) {
  const row = accountRow(ctx.db, id);
  if (row.disabled_at !== null) {
    throw new DoorwayError('CONFLICT', `${row.display_name}'s account is turned off. Turning it back on gives a temporary password. Nothing was changed.`);
  }
  if (row.id === youOf(ctx)) {
    throw new DoorwayError('CONFLICT', 'To change your own password, use "Change password". Nothing was changed.');
  }
  const { password, slot } = await temporarySlot(ctx, row.username, row.slot_id);
  const db = ctx.db;
  db.transaction(() => {
    db.prepare('UPDATE staff_users SET must_change_password = 1 WHERE id = ?').run(row.id);
    recordSlotKey(db, slot);
    ctx.audit({ action: 'user.resetPassword', subjectType: 'staff_user', subjectId: row.id, details: { username: row.username } });
  })();
  updateKeyslots(ctx, replaceSlot(slot));
  return { user: getAccount(ctx, row.id), temporaryPassword: password };
}

/**
 * Who keeps access through a key change: every active account and the recovery slot, with the public
 * keys the records hold (a key the records lack makes the rotation stop and say whose slot to renew).
 */
export function rotationRecipients(db: Db, file: KeyslotFile): RotationRecipient[] {
  const keys = readSlotKeys(db);
  const active = db
    .prepare(`SELECT display_name, slot_id FROM staff_users WHERE disabled_at IS NULL AND slot_id <> '${EMERGENCY_SLOT_ID}' ORDER BY id`)
    .all() as { display_name: string; slot_id: string }[];
  const recipients: RotationRecipient[] = active.map((s) => ({ slotId: s.slot_id, publicKey: keys[s.slot_id]?.publicKey ?? '', label: s.display_name }));
  const recoveryId = file.slots.find((s) => s.kind === 'recovery')!.id;
  recipients.push({ slotId: recoveryId, publicKey: keys[recoveryId]?.publicKey ?? '', label: 'the recovery code' });
  return recipients;
}
