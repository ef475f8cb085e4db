import type { StaffAccount } from '../../../shared/contract/users';
import { canReadClinical, type Role } from '../../../shared/roles';
import type { SignedInContext } from '../context';
import type { Data } from '../data/engine';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
import { isSealedSlot, usernameLookup, type Slot } from '../vault/keyslots';
import { forgetSlotKeyIn, recordSlotKeyIn } from '../vault/slot-keys';
import { makeSlot, withClinicalSeal } from '../vault/vault';
import { EMERGENCY_SLOT_ID } from './emergency';
import { insertStaffIn, staffByUsername, type StaffRow } from './staff';
import { temporaryPassword } from './temporary-password';

/**
 * Staff accounts, as the administrator manages them. Each change touches two places: the staff record
 * (inside the encrypted records, with its audit event, in one transaction) and the account's key slot
 * in keyslots.json. The records change first; a slot is added only for an account the records already
 * hold, and slots of accounts the records do not hold as active are pruned on every write, so an
 * interruption between the two leaves, at worst, an account that needs its password reset, never a
 * key slot nobody accounts for.
 */
type AccountRow = StaffRow & { created_at: string; last_sign_in: string | null };

/** Every account but the emergency record, with when it last signed in. */
function accountQuery(data: Data) {
  return data
    .selectFrom('staff_users as s')
    .select(['s.id', 's.username', 's.display_name', 's.role', 's.slot_id', 's.must_change_password', 's.disabled_at', 's.created_at'])
    .select((eb) =>
      eb
        .selectFrom('audit_events as a')
        .select('a.at')
        .whereRef('a.actor_id', '=', 's.id')
        .where('a.action', '=', 'session.signIn')
        .orderBy('a.at', 'desc')
        .limit(1)
        .as('last_sign_in'),
    )
    .where('s.slot_id', '<>', EMERGENCY_SLOT_ID);
}

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

export async function listAccounts(ctx: SignedInContext): Promise<StaffAccount[]> {
  const rows = await accountQuery(ctx.data)
    // Active accounts first, then by name (case folded as SQLite's NOCASE does, on both engines).
    .orderBy((eb) => eb('s.disabled_at', 'is not', null))
    .orderBy((eb) => eb.fn('lower', ['s.display_name']))
    .orderBy('s.id')
    .execute();
  return rows.map((r) => toAccount(r, youOf(ctx)));
}

async function accountRow(data: Data, id: number): Promise<AccountRow> {
  const row = await accountQuery(data).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new DoorwayError('NOT_FOUND', msg('users.notFound'));
  return row;
}

export const getAccount = async (ctx: SignedInContext, id: number): Promise<StaffAccount> => toAccount(await accountRow(ctx.data, id), youOf(ctx));

async function enabledAdministrators(data: Data): Promise<number> {
  const row = await data
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'administrator')
    .where('disabled_at', 'is', null)
    .where('slot_id', '<>', EMERGENCY_SLOT_ID)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What would leave the clinic without an administrator: each its own sentence, so each language says it whole. */
type LastAdministratorChange = 'changingRole' | 'turningOff';

async function assertNotLastAdministrator(data: Data, row: AccountRow, what: LastAdministratorChange): Promise<void> {
  if (row.role === 'administrator' && row.disabled_at === null && (await enabledAdministrators(data)) <= 1) {
    throw new DoorwayError('CONFLICT', msg(`users.lastAdministrator.${what}`, { name: row.display_name }));
  }
}

/** Rewrites the key slots (keyslots.json, or the hub's) with a change, dropping every password slot that no active account owns. */
async function updateKeyslots(ctx: SignedInContext, change: (slots: Slot[]) => Slot[]): Promise<void> {
  const store = ctx.services.vault.keyslots();
  const file = await store.read();
  const rows = await ctx.data.selectFrom('staff_users').select('slot_id').where('disabled_at', 'is', null).execute();
  const live = new Set(rows.map((r) => r.slot_id));
  const slots = change(file.slots).filter((s) => s.kind === 'recovery' || live.has(s.id));
  await store.write({ ...file, slots });
}

const replaceSlot = (slot: Slot) => (slots: Slot[]) => [...slots.filter((s) => s.id !== slot.id), slot];

/** The clinical key for a slot of this role: only roles that may read clinical content hold it. */
const clinicalKeyFor = (ctx: SignedInContext, role: Role): Buffer | null => (canReadClinical(role) ? ctx.services.vault.clinicalKey : null);

/** A fresh slot for an account, opened by a new temporary password (derived before anything is written). */
async function temporarySlot(ctx: SignedInContext, account: { username: string; role: Role }, slotId?: string, given?: string) {
  const password = given ?? temporaryPassword();
  const { vault } = ctx.services;
  const slot = await makeSlot(vault.vaultId, 'password', password, vault.dataKey, usernameLookup(vault.vaultId, account.username), vault.options, slotId, clinicalKeyFor(ctx, account.role));
  return { password, slot };
}

export async function createAccount(ctx: SignedInContext, input: { username: string; displayName: string; role: Role; temporaryPassword?: string }) {
  const taken = async (data: Data) => {
    const existing = await staffByUsername(data, input.username);
    if (existing) {
      throw new DoorwayError('CONFLICT', msg('users.usernameTaken', { username: existing.username }), {
        conflictId: existing.id,
        fields: { username: msg('users.usernameTakenField') },
      });
    }
  };
  await taken(ctx.data);
  const { password, slot } = await temporarySlot(ctx, input, undefined, input.temporaryPassword);
  const id = await ctx.transact(async (trx) => {
    await taken(trx);
    const newId = await insertStaffIn(trx, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      slotId: slot.id,
      mustChangePassword: true,
      createdAt: ctx.clock.nowIso(),
      createdBy: ctx.user.id,
    });
    await recordSlotKeyIn(trx, slot);
    await ctx.audit({ action: 'user.create', subjectType: 'staff_user', subjectId: newId, details: { username: input.username, role: input.role } });
    return newId;
  });
  await updateKeyslots(ctx, replaceSlot(slot));
  return { user: await getAccount(ctx, id), temporaryPassword: password };
}

export async function updateAccount(ctx: SignedInContext, input: { id: number; displayName?: string; role?: Role }): Promise<StaffAccount> {
  const row = await accountRow(ctx.data, input.id);
  const changes: Record<string, { from: string; to: string }> = {};
  if (input.displayName !== undefined && input.displayName !== row.display_name) changes.displayName = { from: row.display_name, to: input.displayName };
  if (input.role !== undefined && input.role !== row.role) {
    if (row.id === youOf(ctx)) {
      throw new DoorwayError('CONFLICT', msg('users.ownRole'));
    }
    if (row.role === 'administrator') await assertNotLastAdministrator(ctx.data, row, 'changingRole');
    changes.role = { from: row.role, to: input.role };
  }
  if (Object.keys(changes).length === 0) return toAccount(row, youOf(ctx));
  await ctx.transact(async (trx) => {
    await trx
      .updateTable('staff_users')
      .set({ display_name: input.displayName ?? row.display_name, role: input.role ?? row.role })
      .where('id', '=', row.id)
      .execute();
    await ctx.audit({ action: 'user.update', subjectType: 'staff_user', subjectId: row.id, details: changes });
  });
  if (changes.role && canReadClinical(changes.role.from as Role) !== canReadClinical(changes.role.to as Role)) {
    // The slot takes or gives up the clinical key, through its public key (no password needed). Someone
    // who held the key may remember it: the Staff screen offers a change of the clinical key after this.
    const to = changes.role.to as Role;
    await updateKeyslots(ctx, (slots) => slots.map((s) => (s.id === row.slot_id && isSealedSlot(s) ? withClinicalSeal(ctx.services.vault.vaultId, s, clinicalKeyFor(ctx, to)) : s)));
  }
  // On a hub the administrators' login follows the role: sealed to a new administrator's slot, taken from a former one's.
  if (changes.role) await ctx.services.vault.keyslots().followRoles();
  const s = ctx.session;
  if (s.user.id === row.id && input.displayName !== undefined) s.user = { ...s.user, displayName: input.displayName };
  return getAccount(ctx, row.id);
}

export async function setAccountDisabled(ctx: SignedInContext, id: number, disabled: boolean) {
  const row = await accountRow(ctx.data, id);
  if (disabled) {
    if (row.disabled_at !== null) return { user: toAccount(row, youOf(ctx)), temporaryPassword: null };
    if (row.id === youOf(ctx)) {
      throw new DoorwayError('CONFLICT', msg('users.ownAccountOff'));
    }
    await assertNotLastAdministrator(ctx.data, row, 'turningOff');
    await ctx.transact(async (trx) => {
      await trx.updateTable('staff_users').set({ disabled_at: ctx.clock.nowIso() }).where('id', '=', row.id).execute();
      await forgetSlotKeyIn(trx, row.slot_id);
      await ctx.audit({ action: 'user.disable', subjectType: 'staff_user', subjectId: row.id, details: { username: row.username } });
    });
    await updateKeyslots(ctx, (slots) => slots.filter((s) => s.id !== row.slot_id));
    return { user: await getAccount(ctx, row.id), temporaryPassword: null };
  }
  if (row.disabled_at === null) return { user: toAccount(row, youOf(ctx)), temporaryPassword: null };
  const { password, slot } = await temporarySlot(ctx, row, row.slot_id);
  await ctx.transact(async (trx) => {
    await trx.updateTable('staff_users').set({ disabled_at: null, must_change_password: 1 }).where('id', '=', row.id).execute();
    await recordSlotKeyIn(trx, slot);
    await ctx.audit({ action: 'user.enable', subjectType: 'staff_user', subjectId: row.id, details: { username: row.username } });
  });
  await updateKeyslots(ctx, replaceSlot(slot));
  return { user: await getAccount(ctx, row.id), temporaryPassword: password };
}

export async function resetAccountPassword(ctx: SignedInContext, id: number) {
  const row = await accountRow(ctx.data, id);
  if (row.disabled_at !== null) {
    throw new DoorwayError('CONFLICT', msg('users.resetWhileOff', { name: row.display_name }));
  }
  if (row.id === youOf(ctx)) {
    throw new DoorwayError('CONFLICT', msg('users.ownPassword'));
  }
  const { password, slot } = await temporarySlot(ctx, row, row.slot_id);
  await ctx.transact(async (trx) => {
    await trx.updateTable('staff_users').set({ must_change_password: 1 }).where('id', '=', row.id).execute();
    await recordSlotKeyIn(trx, slot);
    await ctx.audit({ action: 'user.resetPassword', subjectType: 'staff_user', subjectId: row.id, details: { username: row.username } });
  });
  await updateKeyslots(ctx, replaceSlot(slot));
  return { user: await getAccount(ctx, row.id), temporaryPassword: password };
}
