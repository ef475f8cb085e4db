import type { Data } from '../data/engine';
import type { Database } from '../data/schema';

/**
 * Everything Doorway holds about one person, read table by table (the export's repository). The test
 * "every table holding person data is exported" compares EXPORTED_TABLES and NOT_PERSON_DATA with
 * the schema itself, so a new table must be placed in one of the two lists, with its reason.
 */
export const EXPORTED_TABLES = [
  'people',
  'record_history',
  'contacts',
  'contact_services',
  'contact_supplies',
  'person_entries',
  'outreach_attempts',
  'person_month',
  'drafts',
  'audit_events',
  'clinical.contact_notes',
  'clinical.entry_texts',
  'clinical.history_details',
  'clinical.draft_texts',
] as const satisfies readonly (keyof Database)[];

/** Tables that hold nothing about one person, each with why (people_search*: engines' own index names). */
export const NOT_PERSON_DATA: Record<string, string> = {
  settings: "the clinic's settings",
  staff_users: 'staff accounts; staff names appear in the export where they saw or wrote about the person',
  catalog_items: 'the list of services and supplies; their names appear in the export',
  month_stats: "the whole clinic's monthly totals",
  'clinical.commits': 'a counter that keeps the two stores in step',
  'clinical.undo': 'what a transaction changed, kept only while it runs',
  people_search: 'a search index made from the details in person.json',
  people_prefix: 'a search index made from the details in person.json',
  'hub.people_search': 'a search index made from the details in person.json',
  'hub.keyslots': 'staff key slots',
  'hub.logins': 'staff database logins',
  'hub.admin_logins': "the administrators' database login, sealed to their key slots",
  'hub.pairings': "pairing codes for the clinic's computers",
  schema_versions: 'which version of the schema each store is at',
};

const json = (text: string | null | undefined): unknown => {
  if (text == null || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const CHUNK = 500;
async function inChunks<R>(ids: readonly number[], query: (part: number[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await query(ids.slice(i, i + CHUNK))));
  return out;
}

export type Gathered = Awaited<ReturnType<typeof gatherPerson>>;

/** Reads it all in one go; the caller holds a transaction so the files agree with each other. */
export async function gatherPerson(data: Data, personId: number) {
  const staff = await data.selectFrom('staff_users').select(['id', 'display_name']).execute();
  const staffNames = new Map(staff.map((s) => [s.id, s.display_name]));
  const person = await data.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();

  const contactRows = await data.selectFrom('contacts').selectAll().where('person_id', '=', personId).orderBy('occurred_at').orderBy('id').execute();
  const contactIds = contactRows.map((c) => c.id);
  const notes = new Map(
    (await inChunks(contactIds, (part) => data.selectFrom('clinical.contact_notes').selectAll().where('contact_id', 'in', part).execute())).map((n) => [n.contact_id, n.note]),
  );
  // The main store's old `note` column is left empty (schema.ts); the note is in the clinical store.
  const contacts = contactRows.map((c) => ({ ...c, note: notes.get(c.id) ?? '' }));
  const services = await inChunks(contactIds, (part) =>
    data.selectFrom('contact_services as cs').innerJoin('catalog_items as i', 'i.id', 'cs.item_id').select(['cs.contact_id', 'cs.item_id', 'i.label']).where('cs.contact_id', 'in', part).execute(),
  );
  const supplies = await inChunks(contactIds, (part) =>
    data
      .selectFrom('contact_supplies as cs')
      .innerJoin('catalog_items as i', 'i.id', 'cs.item_id')
      .select(['cs.contact_id', 'cs.item_id', 'i.label', 'i.category', 'cs.quantity'])
      .where('cs.contact_id', 'in', part)
      .execute(),
  );

  const entryRows = await data.selectFrom('person_entries').selectAll().where('person_id', '=', personId).orderBy('occurred_on').orderBy('id').execute();
  const entryIds = entryRows.map((e) => e.id);
  const texts = new Map(
    (await inChunks(entryIds, (part) => data.selectFrom('clinical.entry_texts').selectAll().where('entry_id', 'in', part).execute())).map((t) => [t.entry_id, t.data]),
  );
  const entries = entryRows.map((e) => ({ ...e, data: json(texts.get(e.id) ?? e.data) }));

  const historyRows = [
    ...(await data.selectFrom('record_history').selectAll().where('record_type', '=', 'person').where('record_id', '=', personId).execute()),
    ...(await inChunks(contactIds, (part) => data.selectFrom('record_history').selectAll().where('record_type', '=', 'contact').where('record_id', 'in', part).execute())),
    ...(await inChunks(entryIds, (part) => data.selectFrom('record_history').selectAll().where('record_type', '=', 'entry').where('record_id', 'in', part).execute())),
  ].sort((a, b) => a.id - b.id);
  const details = new Map(
    (await inChunks(historyRows.map((h) => h.id), (part) => data.selectFrom('clinical.history_details').selectAll().where('history_id', 'in', part).execute())).map((d) => [
      d.history_id,
      d.previous,
    ]),
  );
  const history = historyRows.map((h) => ({ ...h, previous: { ...(json(h.previous) as object), ...((json(details.get(h.id)) as object | null) ?? {}) } }));

  const outreach = await data.selectFrom('outreach_attempts').selectAll().where('person_id', '=', personId).orderBy('at').orderBy('id').execute();
  const months = (await data.selectFrom('person_month').select(['month', 'contacts']).where('person_id', '=', personId).orderBy('month').execute()).map((m) => ({
    month: m.month,
    contacts: Number(m.contacts),
  }));

  const draftRows = await data.selectFrom('drafts').selectAll().where('person_id', '=', personId).orderBy('id').execute();
  const draftTexts = new Map(
    (await inChunks(draftRows.map((d) => d.id), (part) => data.selectFrom('clinical.draft_texts').selectAll().where('draft_id', 'in', part).execute())).map((d) => [d.draft_id, d.fields]),
  );
  const drafts = draftRows.map((d) => ({ ...d, fields: { ...(json(d.fields) as object), ...((json(draftTexts.get(d.id)) as object | null) ?? {}) } }));

  // Who opened, changed, printed or exported their record: the audit events about the person and their rows.
  const subjects = (type: string, ids: readonly number[]) =>
    inChunks(ids, (part) =>
      data
        .selectFrom('audit_events')
        .select(['id', 'at', 'actor_username', 'action', 'subject_type', 'subject_id', 'details'])
        .where('subject_type', '=', type)
        .where('subject_id', 'in', part.map(String))
        .execute(),
    );
  const audit = [...(await subjects('person', [personId])), ...(await subjects('contact', contactIds)), ...(await subjects('entry', entryIds))]
    .sort((a, b) => a.id - b.id)
    .map((a) => ({ ...a, details: json(a.details) }));

  return { staffNames, person: { ...person, contact_prefs: json(person.contact_prefs) }, contacts, services, supplies, entries, history, outreach, months, drafts, audit };
}
