import Papa from 'papaparse';
import type { Dashboard, DoorOpenItem, Overview, Timeline } from '../../../shared/contract/continuity';
import { entryKindsFor, type ContactPrefs, type ContactSetting } from '../../../shared/contract/record-schemas';
import { addDays, calendarDay, daysBetween } from '../../../shared/continuity/days';
import { currentAbsence, deriveEpisodes } from '../../../shared/continuity/episodes';
import { clinicMeasures, continuityMeasures } from '../../../shared/continuity/measures';
import { agreedMethods, notAgreedMessage } from '../../../shared/continuity/reach';
import { retentionView } from '../../../shared/continuity/retention';
import type { Data } from '../data/engine';
import { messageText, msg, type MessageKey, type MessageParams } from '../../../shared/messages';
import type { Language } from '../../../shared/languages';
import { DoorwayError } from '../errors';
import { entryTextsOf } from '../records/clinical';
import { toSummary } from '../records/people';

/**
 * Continuity's read side and outreach, in plain Kysely: the day arithmetic (days away, month keys,
 * the trend months) is done here on the precomputed per-day columns (`local_day`, `prev_gap_days`,
 * `last_contact_day`), so nothing below depends on the engine. Counts and sums go through Number():
 * PostgreSQL returns them as text (bigint/numeric).
 */

/** What continuity needs from the clinic's settings. */
export interface ContinuitySettings {
  thresholdDays: number;
  timeZone: string;
}

/** The person columns `toSummary` maps, from `people` aliased as `p`. */
const SUMMARY = ['p.id', 'p.client_code', 'p.name', 'p.preferred_name', 'p.pronouns', 'p.phase', 'p.last_contact_at', 'p.contact_count', 'p.deleted_at'] as const;

type Outreach = NonNullable<DoorOpenItem['lastOutreach']>;

export function today(now: Date, s: ContinuitySettings): string {
  return calendarDay(now, s.timeZone);
}

// ---- the engagement timeline ------------------------------------------------------------------

export async function personTimeline(data: Data, personId: number, s: ContinuitySettings, now: Date, canReadClinical: boolean): Promise<Timeline> {
  const exists = await data.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
  if (!exists) throw new DoorwayError('NOT_FOUND', msg('records.personNotFound'));
  const day = today(now, s);
  const contacts = await data
    .selectFrom('contacts as c')
    .select((eb) => ['c.id', 'c.occurred_at as at', 'c.local_day as day', 'c.setting', 'c.staff_id as staffId', eb.lit(0).$castTo<number>().as('naloxone')])
    .where('c.person_id', '=', personId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.occurred_at')
    .orderBy('c.id')
    .$narrowType<{ day: string; setting: ContactSetting }>()
    .execute();
  // One grouped query for naloxone kits, not one per contact.
  const kits = new Map(
    (
      await data
        .selectFrom('contacts as c')
        .innerJoin('contact_supplies as cs', 'cs.contact_id', 'c.id')
        .innerJoin('catalog_items as i', 'i.id', 'cs.item_id')
        .select((eb) => ['cs.contact_id', eb.fn.sum<number | string>('cs.quantity').as('kits')])
        .where('c.person_id', '=', personId)
        .where('c.deleted_at', 'is', null)
        .where('i.category', '=', 'naloxone')
        .groupBy('cs.contact_id')
        .execute()
    ).map((k) => [k.contact_id, Number(k.kits)]),
  );
  for (const c of contacts) c.naloxone = kits.get(c.id) ?? 0;
  const staffIds = [...new Set(contacts.map((c) => c.staffId))];
  const staff = staffIds.length ? await data.selectFrom('staff_users').select(['id', 'display_name as name']).where('id', 'in', staffIds).execute() : [];
  const days = contacts.map((c) => c.day);
  const episodes = deriveEpisodes(days, s.thresholdDays);

  const annotations: Timeline['annotations'] = [];
  // The marks a role sees follow the entries it reads (shared/contract/record-schemas.ts, entryKindsFor).
  const shown = entryKindsFor(canReadClinical);
  const kinds = (['phase_change', 'moment', 'goal', 'overdose_response'] as const).filter((k) => shown.includes(k));
  const entries = await data
    .selectFrom('person_entries')
    .select(['id', 'kind', 'occurred_on', 'data'])
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .where('kind', 'in', kinds)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
  // An overdose response is clinical: its outcome is in the clinical store (the main row holds '{}'), read only for the roles that see it.
  const clinicalTexts = await entryTextsOf(
    data,
    entries.filter((e) => e.kind === 'overdose_response').map((e) => e.id),
  );
  for (const e of entries) {
    const data = JSON.parse(clinicalTexts.get(e.id) ?? e.data) as Record<string, unknown>;
    if (e.kind === 'phase_change') annotations.push({ day: e.occurred_on, kind: 'phase_change', label: String(data.phase) });
    else if (e.kind === 'moment') annotations.push({ day: e.occurred_on, kind: 'moment', label: String(data.text) });
    else if (e.kind === 'overdose_response') annotations.push({ day: e.occurred_on, kind: 'overdose_response', label: String(data.outcome) });
    else if (e.kind === 'goal') {
      annotations.push({ day: e.occurred_on, kind: 'goal_set', label: String(data.text) });
      if (data.status === 'reached') annotations.push({ day: String(data.statusChangedOn ?? e.occurred_on), kind: 'goal_reached', label: String(data.text) });
    }
  }
  for (const c of contacts) if (c.naloxone > 0) annotations.push({ day: c.day, kind: 'naloxone', label: String(c.naloxone) });
  annotations.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

  return {
    today: day,
    thresholdDays: s.thresholdDays,
    contacts,
    staff,
    ...episodes,
    annotations,
    currentAbsence: currentAbsence(days.length ? days[days.length - 1]! : null, day, s.thresholdDays),
    measures: continuityMeasures(contacts.map((c) => c.staffId)),
    retention: retentionView(days, day),
  };
}

/** For the record-contact form: a contact at `at` after time away is a welcome back. */
export async function welcomeBackCue(data: Data, personId: number, at: Date, s: ContinuitySettings) {
  const last = await data
    .selectFrom('contacts')
    .select(['local_day', 'what_mattered'])
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .where('occurred_at', '<', at.toISOString())
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .$narrowType<{ local_day: string }>()
    .executeTakeFirst();
  const openGoals = (
    await data
      .selectFrom('person_entries')
      .select(['id', 'occurred_on', 'data'])
      .where('person_id', '=', personId)
      .where('kind', '=', 'goal')
      .where('deleted_at', 'is', null)
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .execute()
  )
    .map((g) => ({ id: g.id, since: g.occurred_on, data: JSON.parse(g.data) as { text: string; status: string } }))
    .filter((g) => g.data.status === 'working_on_it')
    .map((g) => ({ id: g.id, text: g.data.text, since: g.since }));
  if (!last) return { isWelcomeBack: false, daysAway: null, lastContactDay: null, openGoals, lastWhatMattered: null };
  const daysAway = daysBetween(last.local_day, calendarDay(at, s.timeZone));
  return {
    isWelcomeBack: daysAway > s.thresholdDays,
    daysAway,
    lastContactDay: last.local_day,
    openGoals,
    lastWhatMattered: last.what_mattered.trim() || null,
  };
}

// ---- door's open ------------------------------------------------------------------------------

function reachOf(prefsJson: string): DoorOpenItem['reach'] {
  const p = JSON.parse(prefsJson) as Partial<ContactPrefs>;
  // The number travels only when they agreed to be called or texted on it.
  const phoneAgreed = !p.doNotContact && Boolean(p.okToCall || p.okToText);
  return {
    okToText: Boolean(p.okToText),
    okToCall: Boolean(p.okToCall),
    okToLeaveMessage: Boolean(p.okToLeaveMessage),
    okToEmail: Boolean(p.okToEmail),
    doNotContact: Boolean(p.doNotContact),
    safeTimes: p.safeTimes ?? null,
    trustedContact: p.trustedContact ?? null,
    hasPhone: Boolean(p.phone),
    hasEmail: Boolean(p.email),
    phone: phoneAgreed && p.phone ? p.phone : null,
  };
}

const toOutreach = (r: { id: number; at: string; method: Outreach['method']; reached: number; note: string; staff_name: string }): Outreach => ({
  id: r.id,
  at: r.at,
  method: r.method,
  reached: r.reached === 1,
  note: r.note,
  staffName: r.staff_name,
});

/** Outreach attempts with who made them, newest-first ordering left to the caller. */
function outreachQuery(data: Data) {
  return data
    .selectFrom('outreach_attempts as o')
    .innerJoin('staff_users as s', 's.id', 'o.staff_id')
    .select(['o.person_id', 'o.id', 'o.at', 'o.method', 'o.reached', 'o.note', 's.display_name as staff_name']);
}

async function lastOutreach(data: Data, personIds: number[]): Promise<Map<number, Outreach | null>> {
  const out = new Map<number, Outreach | null>();
  if (personIds.length === 0) return out;
  const rows = await outreachQuery(data).where('o.person_id', 'in', personIds).orderBy('o.at').execute();
  for (const r of rows) out.set(r.person_id, toOutreach(r));
  return out;
}

/**
 * People whose last contact is longer ago than the threshold: the door is open for them. Never
 * called "lost"; shown with how (and whether) it is safe to reach them.
 */
export async function doorsOpen(
  data: Data,
  s: ContinuitySettings,
  now: Date,
  page: { order: 'recently_away' | 'longest_away'; offset: number; limit: number },
): Promise<{ total: number; items: DoorOpenItem[] }> {
  const day = today(now, s);
  // Away when today - last day > threshold, i.e. the last day is on or before this cutoff.
  const cutoff = addDays(day, -(s.thresholdDays + 1));
  const total = await data
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('deleted_at', 'is', null)
    .where('last_contact_day', '<=', cutoff)
    .executeTakeFirstOrThrow();
  const rows = await data
    .selectFrom('people as p')
    .select([...SUMMARY, 'p.last_contact_day', 'p.contact_prefs'])
    .where('p.deleted_at', 'is', null)
    .where('p.last_contact_day', '<=', cutoff)
    .orderBy('p.last_contact_day', page.order === 'recently_away' ? 'desc' : 'asc')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .$narrowType<{ last_contact_day: string }>()
    .execute();
  const outreach = await lastOutreach(
    data,
    rows.map((r) => r.id),
  );
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      person: toSummary(r),
      lastContactDay: r.last_contact_day,
      daysAway: daysBetween(r.last_contact_day, day),
      reach: reachOf(r.contact_prefs),
      lastOutreach: outreach.get(r.id) ?? null,
    })),
  };
}

// ---- home screen ------------------------------------------------------------------------------

export async function homeDashboard(data: Data, s: ContinuitySettings, now: Date): Promise<Dashboard> {
  const day = today(now, s);
  const todaysContacts = (
    await data
      .selectFrom('contacts as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .innerJoin('staff_users as st', 'st.id', 'c.staff_id')
      .select(['c.id as contact_id', 'c.occurred_at', 'c.setting', 'st.display_name as staff_name', ...SUMMARY])
      .where('c.local_day', '=', day)
      .where('c.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .orderBy('c.occurred_at', 'desc')
      .limit(200)
      .$narrowType<{ setting: ContactSetting }>()
      .execute()
  ).map((r) => ({ contactId: r.contact_id, at: r.occurred_at, setting: r.setting, staffName: r.staff_name, person: toSummary(r) }));

  const weekStart = addDays(day, -6);
  const welcomeBacksThisWeek = (
    await data
      .selectFrom('contacts as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .select(['c.id as contact_id', 'c.local_day', 'c.prev_gap_days', ...SUMMARY])
      .where((eb) => eb.between('c.local_day', weekStart, day))
      .where('c.deleted_at', 'is', null)
      .where('c.prev_gap_days', '>', s.thresholdDays)
      .where('p.deleted_at', 'is', null)
      .orderBy('c.local_day', 'desc')
      .orderBy('c.id', 'desc')
      .limit(100)
      .$narrowType<{ local_day: string; prev_gap_days: number }>()
      .execute()
  ).map((r) => ({ contactId: r.contact_id, day: r.local_day, daysAway: r.prev_gap_days, person: toSummary(r) }));

  // The testing period: early in engagement, few contacts so far, first seen recently.
  const since = new Date(now.getTime() - 120 * 86_400_000).toISOString();
  const testingPeople = data
    .selectFrom('people as p')
    .where('p.deleted_at', 'is', null)
    .where('p.phase', '=', 'engagement')
    .where((eb) => eb.between('p.contact_count', 1, 5))
    .where('p.first_contact_at', '>=', since);
  const testingTotal = await testingPeople.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const testing = (
    await testingPeople
      .select([...SUMMARY, 'p.first_contact_at'])
      .orderBy('p.first_contact_at', 'desc')
      .limit(12)
      .$narrowType<{ first_contact_at: string }>()
      .execute()
  ).map((r) => ({ person: toSummary(r), firstContactDay: calendarDay(r.first_contact_at, s.timeZone) }));

  // Month keys ('YYYY-MM') are cut from the day strings here, not by the engine.
  const firstMonth = `${addDays(day, -330).slice(0, 7)}-01`;
  const rows = await data
    .selectFrom('month_stats')
    .select(['month', 'contacts', 'people', 'returns'])
    .where((eb) => eb.between('month', firstMonth.slice(0, 7), day.slice(0, 7)))
    .orderBy('month')
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const trends: Dashboard['trends'] = [];
  for (let m = firstMonth.slice(0, 7); m <= day.slice(0, 7); m = addDays(`${m}-28`, 7).slice(0, 7)) {
    trends.push(byMonth.get(m) ?? { month: m, contacts: 0, people: 0, returns: 0 });
  }

  return {
    today: day,
    thresholdDays: s.thresholdDays,
    todaysContacts,
    welcomeBacksThisWeek,
    doorsOpen: await doorsOpen(data, s, now, { order: 'recently_away', offset: 0, limit: 8 }),
    testingPeriod: { total: Number(testingTotal.n), items: testing },
    trends,
  };
}

// ---- clinic overview for a period -------------------------------------------------------------

/**
 * Which contacts a figure counts: all of them (the overview), or one contact setting and/or the
 * contacts at which one supply was given (funder reports, reports/). One statement of the scope, so
 * the overview and the reports count with the same rules.
 */
export interface ContactScope {
  setting: ContactSetting | null;
  itemId: number | null;
}
export const ALL_CONTACTS: ContactScope = { setting: null, itemId: null };

/** Live contacts in the period and the scope, as one subquery of contact ids (both engines). */
export function scopedContactIds(data: Data, period: { from: string; to: string }, scope: ContactScope) {
  return data
    .selectFrom('contacts as sc')
    .select('sc.id')
    .where('sc.deleted_at', 'is', null)
    .where((eb) => eb.between('sc.local_day', period.from, period.to))
    .$if(scope.setting !== null, (qb) => qb.where('sc.setting', '=', scope.setting!))
    .$if(scope.itemId !== null, (qb) => qb.where('sc.id', 'in', (eb) => eb.selectFrom('contact_supplies').select('contact_id').where('item_id', '=', scope.itemId!)));
}

/**
 * People, contacts and supplies of a period, counted apart. "New" people are those seen in the scope
 * whose first contact ever (any setting, any supply) falls in the period; everyone else seen is returning.
 */
export async function clinicOverview(data: Data, s: ContinuitySettings, period: { from: string; to: string }, now: Date, scope: ContactScope = ALL_CONTACTS): Promise<Overview> {
  const inScope = () => scopedContactIds(data, period, scope);
  const counts = await data
    .selectFrom('contacts')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('contacts'),
      eb.fn.count<number | string>('person_id').distinct().as('people'),
      // A return is a contact after more than the threshold away: counted with CASE, which both engines sum.
      eb.fn
        .coalesce(eb.fn.sum<number | string | null>(eb.case().when('prev_gap_days', '>', s.thresholdDays).then(eb.lit(1)).else(eb.lit(0)).end()), eb.lit(0))
        .as('returns'),
    ])
    .where('id', 'in', inScope())
    .executeTakeFirstOrThrow();
  const firsts = data
    .selectFrom('contacts')
    .select((eb) => ['person_id', eb.fn.min('local_day').as('first')])
    .where('deleted_at', 'is', null)
    .groupBy('person_id')
    .as('f');
  const newPeople = await data
    .selectFrom(firsts)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where((eb) => eb.between('f.first', period.from, period.to))
    .where('f.person_id', 'in', data.selectFrom('contacts').select('person_id').where('id', 'in', inScope()))
    .executeTakeFirstOrThrow();
  const supplies = (
    await data
      .selectFrom('contacts as c')
      .innerJoin('contact_supplies as cs', 'cs.contact_id', 'c.id')
      .innerJoin('catalog_items as i', 'i.id', 'cs.item_id')
      .select((eb) => ['i.label', 'i.category', eb.fn.sum<number | string>('cs.quantity').as('quantity')])
      .where('c.id', 'in', inScope())
      // With one supply chosen, only that supply is counted (other supplies given at the same contacts are not).
      .$if(scope.itemId !== null, (qb) => qb.where('cs.item_id', '=', scope.itemId!))
      .groupBy('i.id')
      .orderBy('i.sort_order')
      .execute()
  ).map((x) => ({ label: x.label, category: x.category, quantity: Number(x.quantity) }));
  const naloxoneKits = supplies.filter((x) => x.category === 'naloxone').reduce((a, x) => a + x.quantity, 0);

  // Continuity over the period, per person seen in it, then averaged for the clinic.
  const perPerson = new Map<number, { staff: number[]; days: string[] }>();
  const seen = await data
    .selectFrom('contacts')
    .select(['person_id', 'staff_id', 'local_day'])
    .where('id', 'in', inScope())
    .orderBy('person_id')
    .orderBy('occurred_at')
    .orderBy('id')
    .$narrowType<{ local_day: string }>()
    .execute();
  for (const r of seen) {
    let e = perPerson.get(r.person_id);
    if (!e) perPerson.set(r.person_id, (e = { staff: [], days: [] }));
    e.staff.push(r.staff_id);
    e.days.push(r.local_day);
  }
  const measures = clinicMeasures([...perPerson.values()].map((e) => continuityMeasures(e.staff)));
  // The retention views look at the 12 months ending with the period (or today), as their definitions say
  // (DESIGN.md: two contacts at least 90 days apart within 12 months), not only at the chosen period.
  let twoApart = 0;
  let recent = 0;
  const end = period.to < today(now, s) ? period.to : today(now, s);
  const yearDays = new Map<number, string[]>();
  const inYear = await data
    .selectFrom('contacts')
    .select(['person_id', 'local_day'])
    .where('deleted_at', 'is', null)
    .where((eb) => eb.between('local_day', addDays(end, -364), end))
    .where('person_id', 'in', (eb) => eb.selectFrom('contacts').select('person_id').where('id', 'in', inScope()))
    .$narrowType<{ local_day: string }>()
    .execute();
  for (const r of inYear) {
    const days = yearDays.get(r.person_id);
    if (days) days.push(r.local_day);
    else yearDays.set(r.person_id, [r.local_day]);
  }
  for (const id of perPerson.keys()) {
    const v = retentionView(yearDays.get(id) ?? [], end);
    if (v.twoContacts90DaysApart) twoApart++;
    if (v.contactInLast6Months) recent++;
  }
  return {
    from: period.from,
    to: period.to,
    distinctPeople: Number(counts.people),
    contacts: Number(counts.contacts),
    naloxoneKits,
    newPeople: Number(newPeople.n),
    returnsAfterTimeAway: Number(counts.returns),
    supplies,
    continuity: { ...measures, twoContacts90DaysApart: twoApart, contactInLast6Months: recent, peopleSeen: perPerson.size, retentionTo: end },
  };
}

/** The keys under a prefix (distributes over MessageKey's union). */
type KeyUnder<P extends string, K extends string = MessageKey> = K extends `${P}.${infer R}` ? R : never;
type CategoryWord = KeyUnder<'continuity.categories'>;
const CATEGORIES: ReadonlySet<string> = new Set<CategoryWord>(['naloxone', 'syringes', 'test_strips', 'safer_use', 'wound_care']);
/** Supply categories in words, as the catalog settings name them (renderer catalog.categories). */
export function categoryWords(c: string | null, language: Language = 'en'): string {
  if (c !== null && !CATEGORIES.has(c)) return c.replace(/_/g, ' ');
  return messageText(msg(`continuity.categories.${(c ?? 'other') as CategoryWord}`), language);
}

type OverviewWord = KeyUnder<'continuity.overviewCsv'>;

/**
 * The overview as CSV: one row per figure, people, contacts and naloxone kits kept apart. Its words
 * (headers, measures, notes) are in the language of the staff member who exports it.
 */
export function overviewCsv(o: Overview, clinicName: string, language: Language = 'en'): { filename: string; csv: string } {
  const w = (key: OverviewWord, params?: MessageParams) => messageText(msg(`continuity.overviewCsv.${key}`, params), language);
  const fmt = (v: number | null) => (v === null ? w('notEnough') : v.toFixed(3));
  const [period, counts, supplies, continuity] = (['period', 'counts', 'supplies', 'continuity'] as const).map((k) => w(`section.${k}`));
  const rows: (string | number)[][] = [
    [w('header.section'), w('header.measure'), w('header.value'), w('header.note')],
    [period!, w('from'), o.from, ''],
    [period!, w('to'), o.to, ''],
    [counts!, w('distinctPeople'), o.distinctPeople, w('distinctPeopleNote')],
    [counts!, w('contacts'), o.contacts, w('contactsNote')],
    [counts!, w('naloxoneKits'), o.naloxoneKits, w('naloxoneKitsNote')],
    [counts!, w('newPeople'), o.newPeople, w('newPeopleNote')],
    [counts!, w('returns'), o.returnsAfterTimeAway, w('returnsNote')],
    ...o.supplies.map((x) => [supplies!, x.label, x.quantity, categoryWords(x.category, language)]),
    ...(['coc', 'upc', 'secon', 'mmci', 'hhi'] as const).map((k) => [continuity!, k.toUpperCase(), fmt(o.continuity[k].mean), w('averageOver', { count: o.continuity[k].people })]),
    [continuity!, w('twoApart'), o.continuity.twoContacts90DaysApart, w('twoApartNote', { count: o.continuity.peopleSeen, to: o.continuity.retentionTo })],
    [continuity!, w('recent'), o.continuity.contactInLast6Months, w('recentNote', { count: o.continuity.peopleSeen, to: o.continuity.retentionTo })],
  ];
  const safeName = clinicName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'clinic';
  return { filename: `doorway-${safeName}-overview-${o.from}-to-${o.to}.csv`, csv: Papa.unparse(rows, { newline: '\r\n' }) };
}

export async function recordOutreach(
  data: Data,
  personId: number,
  o: { method: Outreach['method']; reached: boolean; note: string },
  actor: { id: number; at: string },
): Promise<Outreach> {
  const person = await data.selectFrom('people').select(['deleted_at', 'contact_prefs']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new DoorwayError('NOT_FOUND', msg('records.personNotFound'));
  if (person.deleted_at) throw new DoorwayError('CONFLICT', msg('records.personRemoved'));
  // Consent to contact: only the ways they agreed to, and none at all for do-not-contact.
  const reach = reachOf(person.contact_prefs);
  if (!agreedMethods(reach).includes(o.method)) {
    const message = notAgreedMessage(reach);
    if (reach.doNotContact) throw new DoorwayError('FORBIDDEN', message);
    throw new DoorwayError('INVALID_INPUT', message, { fields: { method: message } });
  }
  const { id } = await data
    .insertInto('outreach_attempts')
    .values({ person_id: personId, at: actor.at, staff_id: actor.id, method: o.method, reached: o.reached ? 1 : 0, note: o.note.trim(), created_at: actor.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return toOutreach(await outreachQuery(data).where('o.id', '=', id).executeTakeFirstOrThrow());
}

export async function outreachList(data: Data, personId: number): Promise<Outreach[]> {
  const rows = await outreachQuery(data).where('o.person_id', '=', personId).orderBy('o.at', 'desc').orderBy('o.id', 'desc').execute();
  return rows.map(toOutreach);
}
