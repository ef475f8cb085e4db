import type { z } from 'zod';
import type { Contact, contactFieldsSchema } from '../../../shared/contract/record-schemas';
import { recomputePersonContactDays } from '../continuity/contact-days';
import { engineOf, type Data } from '../data/engine';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { idsInOrder, insertMany } from './bulk';
import { assertItems } from './catalog';
import { notesOf, putNote } from './clinical';
import { keepHistory } from './history';
import { refreshContactSummary, requireLivePerson, type Actor } from './people';

type ContactFields = z.output<typeof contactFieldsSchema>;

/** A contact entered more than an hour after it happened is marked "entered later". */
const ENTERED_LATER_MS = 60 * 60 * 1000;

/** Contacts with the name of the staff member who saw the person. */
const selectContacts = (data: Data) =>
  data
    .selectFrom('contacts as c')
    .innerJoin('staff_users as s', 's.id', 'c.staff_id')
    .select(['c.id', 'c.person_id', 'c.occurred_at', 'c.entered_at', 'c.setting', 'c.staff_id', 's.display_name as staff_name', 'c.what_mattered', 'c.deleted_at', 'c.delete_reason']);

type ContactRow = Awaited<ReturnType<ReturnType<typeof selectContacts>['execute']>>[number];

async function attachItems(data: Data, rows: ContactRow[], canReadNotes: boolean): Promise<Contact[]> {
  if (rows.length === 0) return [];
  const byId = new Map<number, Contact>();
  // Notes come from the clinical store, and only for a role that may read them (it alone has that store open).
  const notes = canReadNotes ? await notesOf(data, rows.map((r) => r.id)) : null;
  const out = rows.map((r) => {
    const c: Contact = {
      id: r.id,
      personId: r.person_id,
      occurredAt: r.occurred_at,
      enteredAt: r.entered_at,
      enteredLater: Date.parse(r.entered_at) - Date.parse(r.occurred_at) > ENTERED_LATER_MS,
      setting: r.setting as Contact['setting'],
      staffId: r.staff_id,
      staffName: r.staff_name,
      services: [],
      supplies: [],
      whatMattered: r.what_mattered,
      note: notes ? (notes.get(r.id) ?? '') : null,
      deleted: r.deleted_at !== null,
      deleteReason: r.delete_reason,
    };
    byId.set(r.id, c);
    return c;
  });
  // One query each for services and supplies, whatever the number of contacts (person page speed).
  const ids = rows.map((r) => r.id);
  const chunk = 500;
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const services = await data
      .selectFrom('contact_services as cs')
      .innerJoin('catalog_items as i', 'i.id', 'cs.item_id')
      .select(['cs.contact_id', 'i.id', 'i.label'])
      .where('cs.contact_id', 'in', part)
      .orderBy('i.sort_order')
      .execute();
    for (const s of services) byId.get(s.contact_id)!.services.push({ id: s.id, label: s.label });
    const supplies = await data
      .selectFrom('contact_supplies as cs')
      .innerJoin('catalog_items as i', 'i.id', 'cs.item_id')
      .select(['cs.contact_id', 'i.id', 'i.label', 'i.category', 'cs.quantity'])
      .where('cs.contact_id', 'in', part)
      .orderBy('i.sort_order')
      .execute();
    for (const s of supplies) byId.get(s.contact_id)!.supplies.push({ id: s.id, label: s.label, category: s.category, quantity: s.quantity });
  }
  return out;
}

/** A page of contact history, newest first; `before` continues after the last contact of the previous page. */
export async function contactsForPerson(
  data: Data,
  personId: number,
  canReadNotes: boolean,
  page: { limit: number; before?: { occurredAt: string; id: number } | null },
): Promise<Contact[]> {
  let q = selectContacts(data).where('c.person_id', '=', personId);
  const before = page.before;
  if (before) q = q.where((eb) => eb(eb.refTuple('c.occurred_at', 'c.id'), '<', eb.tuple(before.occurredAt, before.id)));
  const rows = await q.orderBy('c.occurred_at', 'desc').orderBy('c.id', 'desc').limit(page.limit).execute();
  return attachItems(data, rows, canReadNotes);
}

export async function countContacts(data: Data, personId: number): Promise<{ live: number; removed: number }> {
  const r = await data
    .selectFrom('contacts')
    .select((eb) => [
      eb.fn.countAll().filterWhere('deleted_at', 'is', null).as('live'),
      eb.fn.countAll().filterWhere('deleted_at', 'is not', null).as('removed'),
    ])
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return { live: Number(r.live), removed: Number(r.removed) };
}

export async function getContact(data: Data, id: number, canReadNotes: boolean): Promise<Contact> {
  const row = await selectContacts(data).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new DoorwayError('NOT_FOUND', msg('records.contactNotFound'));
  return (await attachItems(data, [row], canReadNotes))[0]!;
}

async function assertStaffMember(data: Data, staffId: number): Promise<void> {
  const ok = await data.selectFrom('staff_users').select('id').where('id', '=', staffId).where('disabled_at', 'is', null).executeTakeFirst();
  if (!ok) throw new DoorwayError('INVALID_INPUT', msg('records.staffNotFound'), { fields: { staffId: msg('records.staffUnknownField') } });
}

async function writeItems(data: Data, contactId: number, f: Pick<ContactFields, 'services' | 'supplies'>): Promise<void> {
  await data.deleteFrom('contact_services').where('contact_id', '=', contactId).execute();
  await data.deleteFrom('contact_supplies').where('contact_id', '=', contactId).execute();
  if (f.services.length > 0) {
    await data
      .insertInto('contact_services')
      .values(f.services.map((id) => ({ contact_id: contactId, item_id: id })))
      .execute();
  }
  if (f.supplies.length > 0) {
    await data
      .insertInto('contact_supplies')
      .values(f.supplies.map((s) => ({ contact_id: contactId, item_id: s.itemId, quantity: s.quantity })))
      .execute();
  }
}

/** A few minutes of clock difference are fine; a contact in the future is a typo. */
export const isInFuture = (occurredAt: string, now: string): boolean => Date.parse(occurredAt) - Date.parse(now) > 5 * 60_000;

function assertNotFuture(occurredAt: string, now: string): void {
  if (isInFuture(occurredAt, now)) {
    throw new DoorwayError('INVALID_INPUT', msg('records.contactInFuture'), {
      fields: { occurredAt: msg('records.contactInFutureField') },
    });
  }
}

export async function recordContact(data: Data, personId: number, f: ContactFields, actor: Actor, timeZone: string): Promise<number> {
  await engineOf(data).locks.person(data, personId);
  await requireLivePerson(data, personId);
  const occurredAt = new Date(f.occurredAt ?? actor.at).toISOString();
  assertNotFuture(occurredAt, actor.at);
  const staffId = f.staffId ?? actor.id;
  await assertStaffMember(data, staffId);
  await assertItems(data, 'service', f.services, 'services');
  await assertItems(data, 'supply', f.supplies.map((s) => s.itemId), 'supplies');
  const { id } = await data
    .insertInto('contacts')
    .values({
      person_id: personId,
      occurred_at: occurredAt,
      entered_at: actor.at,
      setting: f.setting,
      staff_id: staffId,
      what_mattered: f.whatMattered.trim(),
      created_by: actor.id,
      updated_at: actor.at,
      updated_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeItems(data, id, f);
  if (f.note !== '') await putNote(data, id, f.note);
  await refreshContactSummary(data, personId);
  await recomputePersonContactDays(data, timeZone, personId, occurredAt);
  return id;
}

/** A contact as a bulk load (demo data) adds it: person, staff and items already checked by the caller. */
export interface NewContact {
  personId: number;
  occurredAt: string;
  enteredAt: string;
  setting: ContactFields['setting'];
  staffId: number;
  whatMattered: string;
  createdBy: number;
  updatedAt: string;
  updatedBy: number;
}

/**
 * Many contacts at once, in multi-row inserts; their ids in the order given. The caller adds their
 * items, notes, contact summaries and calendar days (refreshAllContactSummaries, recomputeAllContactDays).
 */
export async function insertContacts(data: Data, contacts: readonly NewContact[]): Promise<number[]> {
  const rows = contacts.map((c) => ({
    person_id: c.personId,
    occurred_at: c.occurredAt,
    entered_at: c.enteredAt,
    setting: c.setting,
    staff_id: c.staffId,
    what_mattered: c.whatMattered,
    created_by: c.createdBy,
    updated_at: c.updatedAt,
    updated_by: c.updatedBy,
  }));
  return idsInOrder(await insertMany(data, 'contacts', rows, (part) => data.insertInto('contacts').values(part).returning('id')));
}

/** Services of many contacts at once; each contact and item at most once. */
export async function insertContactServices(data: Data, services: readonly { contactId: number; itemId: number }[]): Promise<void> {
  const rows = services.map((s) => ({ contact_id: s.contactId, item_id: s.itemId }));
  await insertMany(data, 'contact_services', rows, (part) => data.insertInto('contact_services').values(part));
}

/** Supplies of many contacts at once; each contact and item at most once. */
export async function insertContactSupplies(data: Data, supplies: readonly { contactId: number; itemId: number; quantity: number }[]): Promise<void> {
  const rows = supplies.map((s) => ({ contact_id: s.contactId, item_id: s.itemId, quantity: s.quantity }));
  await insertMany(data, 'contact_supplies', rows, (part) => data.insertInto('contact_supplies').values(part));
}

/**
 * A contact read once its person is locked (a no-op on one computer): a change to the same person from
 * another workstation has landed before this reads, or waits until this one commits, so the days,
 * gaps and summary recomputed from all their contacts are right.
 */
async function lockedContact(data: Data, id: number, canReadNotes: boolean): Promise<Contact> {
  const row = await data.selectFrom('contacts').select('person_id').where('id', '=', id).executeTakeFirst();
  if (row) await engineOf(data).locks.person(data, row.person_id);
  return getContact(data, id, canReadNotes);
}

/** `clinical`: the session may read and write notes (it has the clinical store open). */
export async function updateContact(data: Data, id: number, changes: Partial<ContactFields>, actor: Actor, timeZone: string, clinical: boolean): Promise<number> {
  const before = await lockedContact(data, id, clinical);
  if (before.deleted) throw new DoorwayError('CONFLICT', msg('records.contactRemoved'));
  const occurredAt = changes.occurredAt ? new Date(changes.occurredAt).toISOString() : before.occurredAt;
  if (changes.occurredAt) assertNotFuture(occurredAt, actor.at);
  const staffId = changes.staffId ?? before.staffId;
  if (changes.staffId) await assertStaffMember(data, staffId);
  const services = changes.services ?? before.services.map((s) => s.id);
  const supplies = changes.supplies ?? before.supplies.map((s) => ({ itemId: s.id, quantity: s.quantity }));
  if (changes.services) await assertItems(data, 'service', services, 'services');
  if (changes.supplies) await assertItems(data, 'supply', supplies.map((s) => s.itemId), 'supplies');
  const previous = {
    occurredAt: before.occurredAt,
    setting: before.setting,
    staffId: before.staffId,
    services: before.services.map((s) => s.id),
    supplies: before.supplies.map((s) => ({ itemId: s.id, quantity: s.quantity })),
    whatMattered: before.whatMattered,
  };
  const noteChanged = changes.note !== undefined && changes.note !== before.note;
  await data
    .updateTable('contacts')
    .set({
      occurred_at: occurredAt,
      setting: changes.setting ?? before.setting,
      staff_id: staffId,
      what_mattered: changes.whatMattered ?? before.whatMattered,
      updated_at: actor.at,
      updated_by: actor.id,
    })
    .where('id', '=', id)
    .execute();
  await writeItems(data, id, { services, supplies });
  if (noteChanged) await putNote(data, id, changes.note!);
  await keepHistory(data, { type: 'contact', id, change: 'edit', previous, clinicalPrevious: clinical ? { note: before.note } : undefined, by: actor.id, at: actor.at });
  await refreshContactSummary(data, before.personId);
  await recomputePersonContactDays(data, timeZone, before.personId, occurredAt < before.occurredAt ? occurredAt : before.occurredAt);
  return before.personId;
}

export async function deleteContact(data: Data, id: number, reason: string, actor: Actor, timeZone: string): Promise<number> {
  const c = await lockedContact(data, id, false);
  if (c.deleted) throw new DoorwayError('CONFLICT', msg('records.contactAlreadyRemoved'));
  await data.updateTable('contacts').set({ deleted_at: actor.at, deleted_by: actor.id, delete_reason: reason }).where('id', '=', id).execute();
  await keepHistory(data, { type: 'contact', id, change: 'delete', previous: { deleted: false }, by: actor.id, at: actor.at, reason });
  await refreshContactSummary(data, c.personId);
  await recomputePersonContactDays(data, timeZone, c.personId, c.occurredAt);
  return c.personId;
}

export async function restoreContact(data: Data, id: number, actor: Actor, timeZone: string): Promise<number> {
  const c = await lockedContact(data, id, false);
  if (!c.deleted) throw new DoorwayError('CONFLICT', msg('records.contactNotRemoved'));
  await requireLivePerson(data, c.personId);
  await data.updateTable('contacts').set({ deleted_at: null, deleted_by: null, delete_reason: null }).where('id', '=', id).execute();
  await keepHistory(data, { type: 'contact', id, change: 'restore', previous: { deleted: true, deleteReason: c.deleteReason }, by: actor.id, at: actor.at });
  await refreshContactSummary(data, c.personId);
  await recomputePersonContactDays(data, timeZone, c.personId, c.occurredAt);
  return c.personId;
}
