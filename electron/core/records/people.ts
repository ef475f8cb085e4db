import type { z } from 'zod';
import { recipeMessage } from '../../../shared/client-code';
import type { ContactPrefs, Person, PersonSummary, Phase, personFieldsSchema } from '../../../shared/contract/record-schemas';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Data, PeopleSearchIndex } from '../data/engine';
import type { Database, PeopleTable } from '../data/schema';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { idsInOrder, insertMany } from './bulk';
import { changedFields, keepHistory } from './history';

type PersonFields = z.output<typeof personFieldsSchema>;

type PersonRow = Selectable<PeopleTable>;

const SUMMARY_COLUMNS = ['id', 'client_code', 'name', 'preferred_name', 'pronouns', 'phase', 'last_contact_at', 'contact_count', 'deleted_at'] as const;

export function toSummary(r: Pick<PersonRow, 'id' | 'client_code' | 'name' | 'preferred_name' | 'pronouns' | 'phase' | 'last_contact_at' | 'contact_count' | 'deleted_at'>): PersonSummary {
  return {
    id: r.id,
    clientCode: r.client_code,
    name: r.name,
    preferredName: r.preferred_name,
    pronouns: r.pronouns,
    phase: r.phase,
    lastContactAt: r.last_contact_at,
    contactCount: r.contact_count,
    deleted: r.deleted_at !== null,
  };
}

function toPerson(r: PersonRow): Person {
  return {
    ...toSummary(r),
    birthYear: r.birth_year,
    contactPrefs: JSON.parse(r.contact_prefs),
    usualStaffId: r.usual_staff_id,
    firstContactAt: r.first_contact_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deleteReason: r.delete_reason,
  };
}

/** The fields as the history keeps them: the same names the contract uses. */
function fieldsOf(r: PersonRow): PersonFields {
  return {
    clientCode: r.client_code,
    name: r.name,
    preferredName: r.preferred_name,
    pronouns: r.pronouns,
    birthYear: r.birth_year,
    contactPrefs: JSON.parse(r.contact_prefs),
    usualStaffId: r.usual_staff_id,
  };
}

export const normalizeCode = (code: string) => code.trim().toUpperCase();

async function rowById(data: Data, id: number): Promise<PersonRow> {
  const r = await data.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new DoorwayError('NOT_FOUND', msg('records.personNotFound'));
  return r;
}

export async function getPerson(data: Data, id: number): Promise<Person> {
  return toPerson(await rowById(data, id));
}

export async function requireLivePerson(data: Data, id: number): Promise<PersonRow> {
  const r = await rowById(data, id);
  if (r.deleted_at) throw new DoorwayError('CONFLICT', msg('records.personRemoved'));
  return r;
}

/** Client codes compare without regard to case ("kt-0412" is KT-0412). */
async function assertCodeFree(data: Data, code: string, exceptId: number | null): Promise<void> {
  let q = data
    .selectFrom('people')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['client_code']), '=', code.toLowerCase()))
    .where('deleted_at', 'is', null);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  const other = (await q.executeTakeFirst())?.id;
  if (other !== undefined) {
    throw new DoorwayError('CONFLICT', msg('records.codeInUse', { code }), {
      conflictId: other,
      fields: { clientCode: msg('records.codeInUseField') },
    });
  }
}

function assertRecipe(code: string, mask: string, hint: string): void {
  const message = recipeMessage(code, { mask, hint });
  if (message) throw new DoorwayError('INVALID_INPUT', message, { fields: { clientCode: message } });
}

async function assertStaff(data: Data, staffId: number | null): Promise<void> {
  if (staffId === null) return;
  const ok = await data.selectFrom('staff_users').select('id').where('id', '=', staffId).executeTakeFirst();
  if (!ok) throw new DoorwayError('INVALID_INPUT', msg('records.staffNotFound'), { fields: { usualStaffId: msg('records.staffUnknownField') } });
}

const searchEntry = (r: Pick<PersonRow, 'id' | 'client_code' | 'name' | 'preferred_name'>) => ({
  id: r.id,
  clientCode: r.client_code,
  name: r.name,
  preferredName: r.preferred_name,
});

export interface Actor {
  id: number;
  at: string;
}

export async function createPerson(
  data: Data,
  search: PeopleSearchIndex,
  fields: PersonFields,
  actor: Actor,
  recipe: { mask: string; hint: string },
): Promise<PersonSummary> {
  const code = normalizeCode(fields.clientCode);
  assertRecipe(code, recipe.mask, recipe.hint);
  await assertCodeFree(data, code, null);
  await assertStaff(data, fields.usualStaffId);
  const { id } = await data
    .insertInto('people')
    .values({
      client_code: code,
      name: fields.name,
      preferred_name: fields.preferredName,
      pronouns: fields.pronouns,
      birth_year: fields.birthYear,
      contact_prefs: JSON.stringify(fields.contactPrefs),
      usual_staff_id: fields.usualStaffId,
      created_at: actor.at,
      created_by: actor.id,
      updated_at: actor.at,
      updated_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await search.index(data, { id, clientCode: code, name: fields.name, preferredName: fields.preferredName });
  return toSummary(await rowById(data, id));
}

/** A person as a bulk load (demo data) adds them: codes already normalized, unique and checked by the caller. */
export interface NewPerson {
  clientCode: string;
  name: string | null;
  preferredName: string | null;
  pronouns: string | null;
  birthYear: number | null;
  contactPrefs: ContactPrefs;
  usualStaffId: number | null;
  createdAt: string;
  createdBy: number;
}

/**
 * Many people at once, in multi-row inserts, each made findable; their ids in the order given. Unlike
 * createPerson it checks neither the code recipe nor codes in use: a bulk load into an empty vault
 * vouches for its own codes.
 */
export async function insertPeople(data: Data, search: PeopleSearchIndex, people: readonly NewPerson[]): Promise<number[]> {
  const rows = people.map((p) => ({
    client_code: p.clientCode,
    name: p.name,
    preferred_name: p.preferredName,
    pronouns: p.pronouns,
    birth_year: p.birthYear,
    contact_prefs: JSON.stringify(p.contactPrefs),
    usual_staff_id: p.usualStaffId,
    created_at: p.createdAt,
    created_by: p.createdBy,
    updated_at: p.createdAt,
    updated_by: p.createdBy,
  }));
  const ids = idsInOrder(await insertMany(data, 'people', rows, (part) => data.insertInto('people').values(part).returning('id')));
  for (let i = 0; i < ids.length; i++) {
    const p = people[i]!;
    await search.index(data, { id: ids[i]!, clientCode: p.clientCode, name: p.name, preferredName: p.preferredName });
  }
  return ids;
}

export async function updatePerson(
  data: Data,
  search: PeopleSearchIndex,
  id: number,
  changes: Partial<PersonFields>,
  actor: Actor,
  recipe: { mask: string; hint: string },
): Promise<Person> {
  const row = await requireLivePerson(data, id);
  const before = fieldsOf(row);
  const next: Partial<PersonFields> = { ...changes };
  if (next.clientCode !== undefined) {
    next.clientCode = normalizeCode(next.clientCode);
    if (next.clientCode !== before.clientCode) {
      assertRecipe(next.clientCode, recipe.mask, recipe.hint);
      await assertCodeFree(data, next.clientCode, id);
    }
  }
  if (next.usualStaffId !== undefined) await assertStaff(data, next.usualStaffId);
  const previous = changedFields(before, next);
  if (Object.keys(previous).length === 0) return toPerson(row);
  const after = { ...before, ...next };
  await data
    .updateTable('people')
    .set({
      client_code: after.clientCode,
      name: after.name,
      preferred_name: after.preferredName,
      pronouns: after.pronouns,
      birth_year: after.birthYear,
      contact_prefs: JSON.stringify(after.contactPrefs),
      usual_staff_id: after.usualStaffId,
      updated_at: actor.at,
      updated_by: actor.id,
    })
    .where('id', '=', id)
    .execute();
  await keepHistory(data, { type: 'person', id, change: 'edit', previous, by: actor.id, at: actor.at });
  await search.remove(data, id);
  await search.index(data, { id, clientCode: after.clientCode, name: after.name, preferredName: after.preferredName });
  return getPerson(data, id);
}

export async function deletePerson(data: Data, search: PeopleSearchIndex, id: number, reason: string, actor: Actor): Promise<void> {
  const row = await requireLivePerson(data, id);
  await data.updateTable('people').set({ deleted_at: actor.at, deleted_by: actor.id, delete_reason: reason }).where('id', '=', id).execute();
  await keepHistory(data, { type: 'person', id, change: 'delete', previous: { deletedAt: row.deleted_at }, by: actor.id, at: actor.at, reason });
  await search.remove(data, id);
}

export async function restorePerson(data: Data, search: PeopleSearchIndex, id: number, actor: Actor): Promise<void> {
  const row = await rowById(data, id);
  if (!row.deleted_at) throw new DoorwayError('CONFLICT', msg('records.personNotRemoved'));
  await assertCodeFree(data, row.client_code, id);
  await data.updateTable('people').set({ deleted_at: null, deleted_by: null, delete_reason: null }).where('id', '=', id).execute();
  await keepHistory(data, { type: 'person', id, change: 'restore', previous: { deletedAt: row.deleted_at, deleteReason: row.delete_reason }, by: actor.id, at: actor.at });
  await search.index(data, searchEntry(row));
}

/** Keeps the person's contact summary in step with their contacts (same transaction as the change). */
export async function refreshContactSummary(data: Data, personId: number): Promise<void> {
  const s = await data
    .selectFrom('contacts')
    .select((eb) => [eb.fn.min('occurred_at').as('first'), eb.fn.max('occurred_at').as('last'), eb.fn.countAll().as('n')])
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  await data
    .updateTable('people')
    .set({ first_contact_at: s.first ?? null, last_contact_at: s.last ?? null, contact_count: Number(s.n) })
    .where('id', '=', personId)
    .execute();
}

/** Every person's contact summary at once, after a bulk load of contacts (demo data). */
export async function refreshAllContactSummaries(data: Data): Promise<void> {
  const live = (eb: ExpressionBuilder<Database, 'people'>) => eb.selectFrom('contacts').whereRef('contacts.person_id', '=', 'people.id').where('contacts.deleted_at', 'is', null);
  await data
    .updateTable('people')
    .set((eb) => ({
      first_contact_at: live(eb).select((c) => c.fn.min('contacts.occurred_at').as('v')),
      last_contact_at: live(eb).select((c) => c.fn.max('contacts.occurred_at').as('v')),
      contact_count: live(eb).select((c) => c.fn.countAll<number>().as('v')),
    }))
    .execute();
}

/** The current phase is the latest phase change by date (then by entry order). */
export async function refreshPhase(data: Data, personId: number): Promise<void> {
  const latest = await data
    .selectFrom('person_entries')
    .select('data')
    .where('person_id', '=', personId)
    .where('kind', '=', 'phase_change')
    .where('deleted_at', 'is', null)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const phase = latest ? (JSON.parse(latest.data) as { phase?: Phase }).phase : undefined;
  await data
    .updateTable('people')
    .set({ phase: phase ?? 'engagement' })
    .where('id', '=', personId)
    .execute();
}

export type PeopleSort = 'last_contact' | 'client_code' | 'name';

export async function listPeople(
  data: Data,
  q: { sort: PeopleSort; phase: Phase | null; offset: number; limit: number; removed: boolean },
): Promise<{ total: number; items: PersonSummary[] }> {
  let base = data.selectFrom('people').where('deleted_at', q.removed ? 'is not' : 'is', null);
  if (q.phase) base = base.where('phase', '=', q.phase);
  const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  let page = base.select(SUMMARY_COLUMNS);
  // Case-insensitive orders; the people seen longest ago (or never) last.
  if (q.sort === 'last_contact') {
    page = page.orderBy((eb) => eb('last_contact_at', 'is', null)).orderBy('last_contact_at', 'desc');
  } else if (q.sort === 'client_code') {
    page = page.orderBy((eb) => eb.fn('lower', ['client_code']));
  } else {
    page = page.orderBy((eb) => eb.fn('lower', [eb.fn.coalesce('preferred_name', 'name', 'client_code')]));
  }
  const rows = await page.orderBy('id').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), items: rows.map(toSummary) };
}

/**
 * Search by client code, name or preferred name, tolerant of partial input. The engine's search index
 * (data/engine.ts) finds the ids in order; their summaries come in one more query.
 */
export async function searchPeople(data: Data, search: PeopleSearchIndex, query: string, limit: number): Promise<PersonSummary[]> {
  const ids = await search.match(data, query, limit);
  if (ids.length === 0) return [];
  const rows = await data.selectFrom('people').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toSummary(r)] : [];
  });
}
