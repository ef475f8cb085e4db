import type { Role } from '../../../shared/roles';
import type { Language } from '../../../shared/languages';
import type { StaffUser } from '../../../shared/contract/schemas';
import type { Data } from '../data/engine';
import type { Selectable } from 'kysely';
import type { StaffUsersTable } from '../data/schema';

/** The stored columns a staff record is made from (data/schema.ts). */
export type StaffRow = Pick<Selectable<StaffUsersTable>, 'id' | 'username' | 'display_name' | 'role' | 'slot_id' | 'must_change_password' | 'disabled_at'>;

export interface StaffRecord extends StaffUser {
  slotId: string;
  mustChangePassword: boolean;
  disabled: boolean;
}

const toRecord = (r: StaffRow): StaffRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  slotId: r.slot_id,
  mustChangePassword: r.must_change_password === 1,
  disabled: r.disabled_at !== null,
});

export async function staffBySlot(data: Data, slotId: string): Promise<StaffRecord | null> {
  const r = await data.selectFrom('staff_users').selectAll().where('slot_id', '=', slotId).executeTakeFirst();
  return r ? toRecord(r) : null;
}

export async function staffById(data: Data, id: number): Promise<StaffRecord | null> {
  const r = await data.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : null;
}

/** Usernames compare without case, so "SAM" finds "sam" (lower() on both sides: PostgreSQL has no NOCASE). */
export async function staffByUsername(data: Data, username: string): Promise<StaffRecord | null> {
  const r = await data
    .selectFrom('staff_users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', eb.fn('lower', [eb.val(username.trim())])))
    .executeTakeFirst();
  return r ? toRecord(r) : null;
}

export async function countStaff(data: Data): Promise<number> {
  const row = await data.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new staff record (call inside the change's transaction). */
export async function insertStaffIn(
  data: Data,
  s: { username: string; displayName: string; role: Role; slotId: string; mustChangePassword: boolean; createdAt: string; createdBy: number | null },
): Promise<number> {
  const row = await data
    .insertInto('staff_users')
    .values({
      username: s.username,
      display_name: s.displayName,
      role: s.role,
      slot_id: s.slotId,
      must_change_password: s.mustChangePassword ? 1 : 0,
      created_at: s.createdAt,
      created_by: s.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function publicStaff(s: StaffRecord): StaffUser {
  return { id: s.id, username: s.username, displayName: s.displayName, role: s.role };
}

/** Every staff record's id and username (to attribute failed sign-ins by their username lookup). */
export function listStaffLogins(data: Data): Promise<{ id: number; username: string }[]> {
  return data.selectFrom('staff_users').select(['id', 'username']).execute();
}

/** The names the contact form offers ("who was there"), turned-off staff marked as such; case folded as NOCASE does, on both engines. */
export async function listStaffNames(data: Data): Promise<{ id: number; displayName: string; active: boolean }[]> {
  const rows = await data
    .selectFrom('staff_users')
    .select(['id', 'display_name', 'disabled_at'])
    .orderBy((eb) => eb.fn('lower', ['display_name']))
    .orderBy('id')
    .execute();
  return rows.map((s) => ({ id: s.id, displayName: s.display_name, active: s.disabled_at === null }));
}

/** The person's own language, or null for the clinic's (migration 0006). */
export async function staffLanguageIn(data: Data, id: number): Promise<Language | null> {
  const row = await data.selectFrom('staff_users').select('language').where('id', '=', id).executeTakeFirst();
  return row?.language ?? null;
}

/** Writes only the language column: on a hub the front desk's and clinicians' logins may write nothing else here. */
export async function setStaffLanguageIn(data: Data, id: number, language: Language | null): Promise<void> {
  await data.updateTable('staff_users').set({ language }).where('id', '=', id).execute();
}

export async function setMustChangePassword(data: Data, id: number, must: boolean): Promise<void> {
  await data.updateTable('staff_users').set({ must_change_password: must ? 1 : 0 }).where('id', '=', id).execute();
}
