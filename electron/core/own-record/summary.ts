import type { PersonSummaryDoc } from '../../../shared/contract/own-record';
import type { Contact } from '../../../shared/contract/record-schemas';
import { calendarDay } from '../../../shared/continuity/days';
import type { Data } from '../data/engine';
import { contactsForPerson } from '../records/contacts';
import { entriesForPerson } from '../records/entries';
import { getPerson } from '../records/people';
import { readSettingsIn } from '../settings/settings';

/** Every contact of one person: a summary and an export never stop at the person page's first hundred. */
export const ALL_CONTACTS = 10_000_000;

type GoalStatus = NonNullable<PersonSummaryDoc['goals']>[number]['status'];
type ReferralStatus = PersonSummaryDoc['referrals'][number]['status'];

/**
 * What the person reads about themself: their contacts by month, what they were given, their goals in
 * their own words, and referrals. Removed contacts and entries are left out (they were taken back).
 * `withNotes` is decided by the caller from the role; the notes are read only then (the clinical store
 * is not even open for a front-desk session).
 */
export async function personSummary(data: Data, personId: number, o: { readsGoals: boolean; withNotes: boolean; now: Date }): Promise<PersonSummaryDoc> {
  const settings = await readSettingsIn(data);
  const person = await getPerson(data, personId);
  const contacts = (await contactsForPerson(data, personId, o.withNotes, { limit: ALL_CONTACTS })).filter((c) => !c.deleted).reverse();
  const dayOf = (c: Contact) => calendarDay(c.occurredAt, settings.timeZone);

  const months: PersonSummaryDoc['months'] = [];
  for (const c of contacts) {
    const day = dayOf(c);
    const month = day.slice(0, 7);
    let bucket = months[months.length - 1];
    if (!bucket || bucket.month !== month) {
      bucket = { month, contacts: [] };
      months.push(bucket);
    }
    bucket.contacts.push({
      day,
      setting: c.setting,
      services: c.services.map((s) => s.label),
      supplies: c.supplies.map((s) => ({ label: s.label, quantity: s.quantity })),
      whatMattered: c.whatMattered,
      note: o.withNotes && c.note ? c.note : null,
    });
  }
  months.reverse();

  const totals = new Map<string, number>();
  for (const c of contacts) for (const s of c.supplies) totals.set(s.label, (totals.get(s.label) ?? 0) + s.quantity);
  const suppliesTotal = [...totals].map(([label, quantity]) => ({ label, quantity })).sort((a, b) => b.quantity - a.quantity || a.label.localeCompare(b.label));

  const kinds = o.readsGoals ? (['goal', 'referral'] as const) : (['referral'] as const);
  const entries = (await entriesForPerson(data, personId, kinds)).filter((e) => !e.deleted).reverse();
  const goals = o.readsGoals
    ? entries
        .filter((e) => e.kind === 'goal')
        .map((e) => ({ text: String(e.data.text ?? ''), status: (e.data.status ?? 'working_on_it') as GoalStatus, since: String(e.data.statusChangedOn ?? e.occurredOn) }))
    : null;
  const referrals = entries
    .filter((e) => e.kind === 'referral')
    .map((e) => ({ toWhat: String(e.data.toWhat ?? ''), status: (e.data.status ?? 'offered') as ReferralStatus, on: e.occurredOn }));

  return {
    clinicName: settings.clinicName,
    madeAt: o.now.toISOString(),
    madeOn: calendarDay(o.now, settings.timeZone),
    person: { clientCode: person.clientCode, name: person.name, preferredName: person.preferredName, pronouns: person.pronouns },
    firstDay: contacts[0] ? dayOf(contacts[0]) : null,
    lastDay: contacts.length > 0 ? dayOf(contacts[contacts.length - 1]!) : null,
    months,
    suppliesTotal,
    goals,
    referrals,
    includesClinicalNotes: o.withNotes,
  };
}
