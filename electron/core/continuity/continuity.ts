import Papa from 'papaparse';
import type { Dashboard, DoorOpenItem, Overview, Timeline } from '../../../shared/contract/continuity';
import type { ContactPrefs, ContactSetting } from '../../../shared/contract/record-schemas';
import { addDays, calendarDay, daysBetween } from '../../../shared/continuity/days';
import { currentAbsence, deriveEpisodes } from '../../../shared/continuity/episodes';
import { clinicMeasures, continuityMeasures } from '../../../shared/continuity/measures';
import { retentionView } from '../../../shared/continuity/retention';
import type { Db } from '../db/database';
import { DoorwayError } from '../errors';
import { toSummary } from '../records/people';

/** What continuity needs from the clinic's settings. */
export interface ContinuitySettings {
  thresholdDays: number;
  timeZone: string;
}

const SUMMARY = 'p.id, p.client_code, p.name, p.preferred_name, p.pronouns, p.phase, p.last_contact_at, p.contact_count, p.deleted_at';
type SummaryRow = Parameters<typeof toSummary>[0];

export function today(now: Date, s: ContinuitySettings): string {
  return calendarDay(now, s.timeZone);
}

// ---- the engagement timeline ------------------------------------------------------------------

export function personTimeline(db: Db, personId: number, s: ContinuitySettings, now: Date, canReadClinical: boolean): Timeline {
  const exists = db.prepare('SELECT 1 FROM people WHERE id = ?').get(personId);
  if (!exists) throw new DoorwayError('NOT_FOUND', 'That person could not be found.');
  const day = today(now, s);
  const contacts = db
    .prepare(
      `SELECT c.id, c.occurred_at AS at, c.local_day AS day, c.setting, c.staff_id AS staffId, 0 AS naloxone
       FROM contacts c WHERE c.person_id = ? AND c.deleted_at IS NULL ORDER BY c.occurred_at, c.id`,
    )
    .all(personId) as { id: number; at: string; day: string; setting: ContactSetting; staffId: number; naloxone: number }[];
  // One grouped query for naloxone kits, not one per contact.
  const kits = new Map(
    (
      db
        .prepare(
          `SELECT cs.contact_id, sum(cs.quantity) AS kits FROM contacts c
           JOIN contact_supplies cs ON cs.contact_id = c.id JOIN catalog_items i ON i.id = cs.item_id
           WHERE c.person_id = ? AND c.deleted_at IS NULL AND i.category = 'naloxone' GROUP BY cs.contact_id`,
        )
        .all(personId) as { contact_id: number; kits: number }[]
    ).map((k) => [k.contact_id, k.kits]),
  );
  for (const c of contacts) c.naloxone = kits.get(c.id) ?? 0;
  const staffIds = [...new Set(contacts.map((c) => c.staffId))];
  const staff = staffIds.length
    ? (db.prepare(`SELECT id, display_name AS name FROM staff_users WHERE id IN (${staffIds.map(() => '?').join(',')})`).all(...staffIds) as { id: number; name: string }[])
    : [];
  const days = contacts.map((c) => c.day);
  const episodes = deriveEpisodes(days, s.thresholdDays);

  const annotations: Timeline['annotations'] = [];
  const kinds = canReadClinical ? "('phase_change','moment','goal','overdose_response')" : "('phase_change','moment','goal')";
  for (const e of db
    .prepare(`SELECT kind, occurred_on, data FROM person_entries WHERE person_id = ? AND deleted_at IS NULL AND kind IN ${kinds} ORDER BY occurred_on, id`)
    .all(personId) as { kind: string; occurred_on: string; data: string }[]) {
    const data = JSON.parse(e.data) as Record<string, unknown>;
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
export function welcomeBackCue(db: Db, personId: number, at: Date, s: ContinuitySettings) {
  const last = db
    .prepare('SELECT local_day, what_mattered FROM contacts WHERE person_id = ? AND deleted_at IS NULL AND occurred_at < ? ORDER BY occurred_at DESC, id DESC LIMIT 1')
    .get(personId, at.toISOString()) as { local_day: string; what_mattered: string } | undefined;
  const openGoals = (
    db
      .prepare("SELECT id, occurred_on, data FROM person_entries WHERE person_id = ? AND kind = 'goal' AND deleted_at IS NULL ORDER BY occurred_on DESC, id DESC")
      .all(personId) as { id: number; occurred_on: string; data: string }[]
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

interface DoorRow extends SummaryRow {
  last_contact_day: string;
  contact_prefs: string;
}

function reachOf(prefsJson: string): DoorOpenItem['reach'] {
  const p = JSON.parse(prefsJson) as Partial<ContactPrefs>;
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
  };
}

function lastOutreach(db: Db, personIds: number[]): Map<number, DoorOpenItem['lastOutreach']> {
  const out = new Map<number, DoorOpenItem['lastOutreach']>();
  if (personIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT o.person_id, o.id, o.at, o.method, o.reached, o.note, s.display_name AS staff_name FROM outreach_attempts o
       JOIN staff_users s ON s.id = o.staff_id
       WHERE o.person_id IN (${personIds.map(() => '?').join(',')}) ORDER BY o.at`,
    )
    .all(...personIds) as { person_id: number; id: number; at: string; method: string; reached: number; note: string; staff_name: string }[];
  for (const r of rows) {
    out.set(r.person_id, { id: r.id, at: r.at, method: r.method as never, reached: r.reached === 1, note: r.note, staffName: r.staff_name });
  }
  return out;
}

/**
 * People whose last contact is longer ago than the threshold: the door is open for them. Never
 * called "lost"; shown with how (and whether) it is safe to reach them.
 */
export function doorsOpen(
  db: Db,
  s: ContinuitySettings,
  now: Date,
  page: { order: 'recently_away' | 'longest_away'; offset: number; limit: number },
): { total: number; items: DoorOpenItem[] } {
  const day = today(now, s);
  // Away when today - last day > threshold, i.e. the last day is on or before this cutoff.
  const cutoff = addDays(day, -(s.thresholdDays + 1));
  const total = db.prepare('SELECT count(*) FROM people WHERE deleted_at IS NULL AND last_contact_day <= ?').pluck().get(cutoff) as number;
  const rows = db
    .prepare(
      `SELECT ${SUMMARY}, p.last_contact_day, p.contact_prefs FROM people p
       WHERE p.deleted_at IS NULL AND p.last_contact_day <= ?
       ORDER BY p.last_contact_day ${page.order === 'recently_away' ? 'DESC' : 'ASC'}, p.id LIMIT ? OFFSET ?`,
    )
    .all(cutoff, page.limit, page.offset) as DoorRow[];
  const outreach = lastOutreach(db, rows.map((r) => r.id));
  return {
    total,
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

export function homeDashboard(db: Db, s: ContinuitySettings, now: Date): Dashboard {
  const day = today(now, s);
  const todaysContacts = (
    db
      .prepare(
        `SELECT c.id AS contact_id, c.occurred_at, c.setting, st.display_name AS staff_name, ${SUMMARY}
         FROM contacts c JOIN people p ON p.id = c.person_id JOIN staff_users st ON st.id = c.staff_id
         WHERE c.local_day = ? AND c.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY c.occurred_at DESC LIMIT 200`,
      )
      .all(day) as (SummaryRow & { contact_id: number; occurred_at: string; setting: ContactSetting; staff_name: string })[]
  ).map((r) => ({ contactId: r.contact_id, at: r.occurred_at, setting: r.setting, staffName: r.staff_name, person: toSummary(r) }));

  const weekStart = addDays(day, -6);
  const welcomeBacksThisWeek = (
    db
      .prepare(
        `SELECT c.id AS contact_id, c.local_day, c.prev_gap_days, ${SUMMARY}
         FROM contacts c JOIN people p ON p.id = c.person_id
         WHERE c.local_day BETWEEN ? AND ? AND c.deleted_at IS NULL AND c.prev_gap_days > ? AND p.deleted_at IS NULL
         ORDER BY c.local_day DESC, c.id DESC LIMIT 100`,
      )
      .all(weekStart, day, s.thresholdDays) as (SummaryRow & { contact_id: number; local_day: string; prev_gap_days: number })[]
  ).map((r) => ({ contactId: r.contact_id, day: r.local_day, daysAway: r.prev_gap_days, person: toSummary(r) }));

  // The testing period: early in engagement, few contacts so far, first seen recently.
  const testingWhere = `p.deleted_at IS NULL AND p.phase = 'engagement' AND p.contact_count BETWEEN 1 AND 5 AND p.first_contact_at >= ?`;
  const since = new Date(now.getTime() - 120 * 86_400_000).toISOString();
  const testingTotal = db.prepare(`SELECT count(*) FROM people p WHERE ${testingWhere}`).pluck().get(since) as number;
  const testing = (
    db.prepare(`SELECT ${SUMMARY}, p.first_contact_at FROM people p WHERE ${testingWhere} ORDER BY p.first_contact_at DESC LIMIT 12`).all(since) as (SummaryRow & {
      first_contact_at: string;
    })[]
  ).map((r) => ({ person: toSummary(r), firstContactDay: calendarDay(r.first_contact_at, s.timeZone) }));

  const firstMonth = `${addDays(day, -330).slice(0, 7)}-01`;
  const rows = db
    .prepare('SELECT month, contacts, people, returns FROM month_stats WHERE month BETWEEN ? AND ? ORDER BY month')
    .all(firstMonth.slice(0, 7), day.slice(0, 7)) as { month: string; contacts: number; people: number; returns: number }[];
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
    doorsOpen: doorsOpen(db, s, now, { order: 'recently_away', offset: 0, limit: 8 }),
    testingPeriod: { total: testingTotal, items: testing },
    trends,
  };
}

// ---- clinic overview for a period -------------------------------------------------------------

export function clinicOverview(db: Db, s: ContinuitySettings, period: { from: string; to: string }, now: Date): Overview {
  const p = [period.from, period.to];
  const counts = db
    .prepare(
      `SELECT count(*) AS contacts, count(DISTINCT person_id) AS people, coalesce(sum(prev_gap_days > ?), 0) AS returns
       FROM contacts WHERE deleted_at IS NULL AND local_day BETWEEN ? AND ?`,
    )
    .get(s.thresholdDays, ...p) as { contacts: number; people: number; returns: number };
  const newPeople = db
    .prepare(
      `SELECT count(*) FROM (SELECT person_id, min(local_day) AS first FROM contacts WHERE deleted_at IS NULL GROUP BY person_id) WHERE first BETWEEN ? AND ?`,
    )
    .pluck()
    .get(...p) as number;
  const supplies = db
    .prepare(
      `SELECT i.label, i.category, sum(cs.quantity) AS quantity FROM contacts c
       JOIN contact_supplies cs ON cs.contact_id = c.id JOIN catalog_items i ON i.id = cs.item_id
       WHERE c.deleted_at IS NULL AND c.local_day BETWEEN ? AND ? GROUP BY i.id ORDER BY i.sort_order`,
    )
    .all(...p) as { label: string; category: string | null; quantity: number }[];
  const naloxoneKits = supplies.filter((x) => x.category === 'naloxone').reduce((a, x) => a + x.quantity, 0);

  // Continuity over the period, per person seen in it, then averaged for the clinic.
  const perPerson = new Map<number, { staff: number[]; days: string[] }>();
  for (const r of db
    .prepare('SELECT person_id, staff_id, local_day FROM contacts WHERE deleted_at IS NULL AND local_day BETWEEN ? AND ? ORDER BY person_id, occurred_at, id')
    .iterate(...p) as IterableIterator<{ person_id: number; staff_id: number; local_day: string }>) {
    let e = perPerson.get(r.person_id);
    if (!e) perPerson.set(r.person_id, (e = { staff: [], days: [] }));
    e.staff.push(r.staff_id);
    e.days.push(r.local_day);
  }
  const measures = clinicMeasures([...perPerson.values()].map((e) => continuityMeasures(e.staff)));
  let twoApart = 0;
  let recent = 0;
  const end = period.to < today(now, s) ? period.to : today(now, s);
  for (const e of perPerson.values()) {
    const v = retentionView(e.days, end);
    if (v.twoContacts90DaysApart) twoApart++;
    if (v.contactInLast6Months) recent++;
  }
  return {
    from: period.from,
    to: period.to,
    distinctPeople: counts.people,
    contacts: counts.contacts,
    naloxoneKits,
    newPeople,
    returnsAfterTimeAway: counts.returns,
    supplies,
    continuity: { ...measures, twoContacts90DaysApart: twoApart, contactInLast6Months: recent, peopleSeen: perPerson.size },
  };
}

const fmt = (v: number | null) => (v === null ? 'not enough contacts yet' : v.toFixed(3));

/** The overview as CSV: one row per figure, people, contacts and naloxone kits kept apart. */
export function overviewCsv(o: Overview, clinicName: string): { filename: string; csv: string } {
  const rows: (string | number)[][] = [
    ['Section', 'Measure', 'Value', 'Note'],
    ['Period', 'From', o.from, ''],
    ['Period', 'To', o.to, ''],
    ['Counts', 'Distinct people', o.distinctPeople, 'Each person counted once'],
    ['Counts', 'Contacts', o.contacts, 'Every contact counted'],
    ['Counts', 'Naloxone kits given', o.naloxoneKits, 'Kits, not people or contacts'],
    ['Counts', 'New people', o.newPeople, 'First contact in the period'],
    ['Counts', 'Returns after time away', o.returnsAfterTimeAway, 'Welcome-back contacts'],
    ...o.supplies.map((x) => ['Supplies', x.label, x.quantity, x.category ?? '']),
    ...(['coc', 'upc', 'secon', 'mmci', 'hhi'] as const).map((k) => [
      'Continuity',
      k.toUpperCase(),
      fmt(o.continuity[k].mean),
      `Average over ${o.continuity[k].people} people with at least 2 contacts`,
    ]),
    ['Continuity', 'People with two contacts 90 days apart', o.continuity.twoContacts90DaysApart, `Of ${o.continuity.peopleSeen} people seen`],
    ['Continuity', 'People with a contact in the last 6 months', o.continuity.contactInLast6Months, `Of ${o.continuity.peopleSeen} people seen`],
  ];
  const safeName = clinicName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'clinic';
  return { filename: `doorway-${safeName}-overview-${o.from}-to-${o.to}.csv`, csv: Papa.unparse(rows, { newline: '\r\n' }) };
}

export function recordOutreach(
  db: Db,
  personId: number,
  o: { method: string; reached: boolean; note: string },
  actor: { id: number; at: string },
): NonNullable<DoorOpenItem['lastOutreach']> {
  const person = db.prepare('SELECT deleted_at FROM people WHERE id = ?').get(personId) as { deleted_at: string | null } | undefined;
  if (!person) throw new DoorwayError('NOT_FOUND', 'That person could not be found.');
  if (person.deleted_at) throw new DoorwayError('CONFLICT', 'This record was removed. An administrator can restore it first.');
  const id = Number(
    db
      .prepare('INSERT INTO outreach_attempts (person_id, at, staff_id, method, reached, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(personId, actor.at, actor.id, o.method, o.reached ? 1 : 0, o.note.trim(), actor.at).lastInsertRowid,
  );
  return outreachList(db, personId).find((x) => x.id === id)!;
}

export function outreachList(db: Db, personId: number): NonNullable<DoorOpenItem['lastOutreach']>[] {
  return (
    db
      .prepare(
        `SELECT o.id, o.at, o.method, o.reached, o.note, s.display_name AS staff_name FROM outreach_attempts o
         JOIN staff_users s ON s.id = o.staff_id WHERE o.person_id = ? ORDER BY o.at DESC, o.id DESC`,
      )
      .all(personId) as { id: number; at: string; method: string; reached: number; note: string; staff_name: string }[]
  ).map((r) => ({ id: r.id, at: r.at, method: r.method as never, reached: r.reached === 1, note: r.note, staffName: r.staff_name }));
}
