import type { ContactSetting } from '../../../shared/contract/record-schemas';
import { scopedContactIds, type ContactScope } from '../continuity/continuity';
import type { Data } from '../data/engine';
import { entryTextsOf } from '../records/clinical';

/**
 * The reports' SQL, through the data layer only (plain Kysely, the same on SQLite and PostgreSQL).
 * The contacts a report counts are chosen by continuity's one scope rule (scopedContactIds), so the
 * overview, the figures and the line list never disagree about which contacts are in.
 */

export interface Period {
  from: string;
  to: string;
}

export async function supplyItem(data: Data, itemId: number): Promise<{ label: string; kind: 'service' | 'supply' } | undefined> {
  return data.selectFrom('catalog_items').select(['label', 'kind']).where('id', '=', itemId).executeTakeFirst();
}

/** Contacts and distinct people per setting, for the settings that had any. */
export async function contactsBySetting(data: Data, period: Period, scope: ContactScope): Promise<{ setting: ContactSetting; contacts: number; people: number }[]> {
  const rows = await data
    .selectFrom('contacts')
    .select((eb) => ['setting', eb.fn.countAll<number | string>().as('contacts'), eb.fn.count<number | string>('person_id').distinct().as('people')])
    .where('id', 'in', scopedContactIds(data, period, scope))
    .groupBy('setting')
    .execute();
  return rows.map((r) => ({ setting: r.setting as ContactSetting, contacts: Number(r.contacts), people: Number(r.people) }));
}

/**
 * Overdose responses reported in the period (live entries, by the day they happened), with their
 * clinical text. The text is read from the clinical store, which only a clinical session has open:
 * for any other session the data layer refuses here, whatever the caller.
 */
export async function overdoseResponses(data: Data, period: Period): Promise<Record<string, unknown>[]> {
  const ids = (
    await data
      .selectFrom('person_entries')
      .select('id')
      .where('kind', '=', 'overdose_response')
      .where('deleted_at', 'is', null)
      .where((eb) => eb.between('occurred_on', period.from, period.to))
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  const texts = await entryTextsOf(data, ids);
  return ids.map((id) => JSON.parse(texts.get(id) ?? '{}') as Record<string, unknown>);
}

/**
 * Different people given any of these services at the contacts in the scope (a naloxone program's
 * "individuals trained" is the people given the clinic's naloxone training service).
 */
export async function peopleGivenServices(data: Data, period: Period, scope: ContactScope, itemIds: readonly number[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const r = await data
    .selectFrom('contacts')
    .select((eb) => eb.fn.count<number | string>('person_id').distinct().as('n'))
    .where('id', 'in', scopedContactIds(data, period, scope))
    .where('id', 'in', (eb) => eb.selectFrom('contact_services').select('contact_id').where('item_id', 'in', [...itemIds]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function serviceItems(data: Data): Promise<{ id: number; label: string }[]> {
  return data.selectFrom('catalog_items').select(['id', 'label']).where('kind', '=', 'service').orderBy('sort_order').orderBy('id').execute();
}

export interface LineListRow {
  clientCode: string;
  day: string;
  setting: ContactSetting;
  services: string[];
  supplies: { label: string; quantity: number }[];
}

/**
 * One row per contact in the scope: the client code, the day, the setting, services and supplies.
 * Nothing else is selected (no names, notes, birth years, staff or times), so nothing else can leak.
 */
export async function lineList(data: Data, period: Period, scope: ContactScope): Promise<LineListRow[]> {
  const inScope = () => scopedContactIds(data, period, scope);
  const contacts = await data
    .selectFrom('contacts as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.id', 'p.client_code', 'c.local_day', 'c.setting'])
    .where('c.id', 'in', inScope())
    .orderBy('c.local_day')
    .orderBy('c.occurred_at')
    .orderBy('c.id')
    .$narrowType<{ local_day: string }>()
    .execute();
  const services = await data
    .selectFrom('contact_services as s')
    .innerJoin('catalog_items as i', 'i.id', 's.item_id')
    .select(['s.contact_id', 'i.label'])
    .where('s.contact_id', 'in', inScope())
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
  const supplies = await data
    .selectFrom('contact_supplies as s')
    .innerJoin('catalog_items as i', 'i.id', 's.item_id')
    .select(['s.contact_id', 'i.label', 's.quantity'])
    .where('s.contact_id', 'in', inScope())
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
  const servicesOf = new Map<number, string[]>();
  for (const s of services) servicesOf.set(s.contact_id, [...(servicesOf.get(s.contact_id) ?? []), s.label]);
  const suppliesOf = new Map<number, { label: string; quantity: number }[]>();
  for (const s of supplies) suppliesOf.set(s.contact_id, [...(suppliesOf.get(s.contact_id) ?? []), { label: s.label, quantity: Number(s.quantity) }]);
  return contacts.map((c) => ({
    clientCode: c.client_code,
    day: c.local_day,
    setting: c.setting as ContactSetting,
    services: servicesOf.get(c.id) ?? [],
    supplies: suppliesOf.get(c.id) ?? [],
  }));
}
