import type { Kysely } from 'kysely';
import type { ContactPrefs, ContactSetting, EntryKind } from '../../../shared/contract/record-schemas';
import type { Role } from '../../../shared/roles';
import type { Data, Engine } from '../data/engine';
import type { Database } from '../data/schema';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { recomputeAllContactDays } from '../continuity/contact-days';
import { insertNotes } from '../records/clinical';
import { insertContactServices, insertContacts, insertContactSupplies, type NewContact } from '../records/contacts';
import { insertEntries, type NewEntry } from '../records/entries';
import { insertPeople, refreshAllContactSummaries, refreshPhase, type NewPerson } from '../records/people';
import { readSettingsIn } from '../settings/settings';
import * as words from './phrases';
import { Random } from './random';

export const DEMO_SIZES = {
  small: { people: 200, contacts: 5_000 },
  medium: { people: 2_000, contacts: 100_000 },
  large: { people: 20_000, contacts: 1_000_000 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

export interface DemoOptions {
  size: DemoSize;
  seed: number;
  now: Date;
  /** The staff member running the command; demo colleagues are added beside them. Administrators only. */
  actorId: number;
  actorRole: Role;
  /** Writes the audit event of the demo inside its transaction. */
  record?: (data: Data, made: { people: number; contacts: number }) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

const DAY = 86_400_000;
const SETTINGS: (readonly [ContactSetting, number])[] = [
  ['drop_in', 30],
  ['ssp_exchange', 25],
  ['street_outreach', 15],
  ['clinic_visit', 12],
  ['van', 8],
  ['phone_text', 5],
  ['telehealth', 2],
  ['home_visit', 2],
  ['emergency_department', 1],
];
const COLLEAGUES = ['Ana Flores', 'Ben Okoro', 'Chris Walsh', 'Dana Yellowhorse', 'Eve Park', 'Felix Moreau'];

/**
 * Splits the contacts among people with a long tail: most people are seen a handful of times, a few
 * many times, everyone at least once.
 */
function contactCounts(rng: Random, people: number, contacts: number): number[] {
  const weights = Array.from({ length: people }, () => Math.pow(1 / Math.max(rng.next(), 1e-3), 0.9));
  const total = weights.reduce((a, b) => a + b, 0);
  const spare = contacts - people;
  const counts = weights.map((w) => 1 + Math.floor((w / total) * spare));
  let left = contacts - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % people, left--) counts[i]! += 1;
  return counts;
}

/**
 * Contact times with the pattern the research describes: intense, frequent contact over short periods,
 * then time away, then a return when the person is ready.
 */
function contactTimes(rng: Random, count: number, now: number): number[] {
  const gaps: number[] = [];
  let inRun = rng.int(3, 20);
  for (let i = 1; i < count; i++) {
    if (--inRun <= 0) {
      gaps.push(rng.chance(0.6) ? rng.int(61, 420) : rng.int(20, 59));
      inRun = rng.int(3, 25);
    } else {
      gaps.push(rng.weighted([[rng.int(0, 2), 3], [rng.int(3, 9), 4], [rng.int(10, 30), 1]] as const));
    }
  }
  const trailing = rng.weighted([[rng.int(0, 20), 5], [rng.int(21, 59), 2], [rng.int(60, 400), 3]] as const);
  const spanDays = gaps.reduce((a, b) => a + b, 0);
  const maxSpan = 5 * 365 - trailing;
  const scale = spanDays > maxSpan ? maxSpan / spanDays : 1;
  const end = now - trailing * DAY;
  const start = end - spanDays * scale * DAY;
  const times = [start];
  for (const g of gaps) times.push(times[times.length - 1]! + g * scale * DAY);
  // Opening hours, in whole minutes.
  return times.map((t) => {
    const opening = Math.floor(t / DAY) * DAY + rng.int(9 * 60, 19 * 60) * 60_000;
    return opening < now ? opening : now - rng.int(5, 120) * 60_000;
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

/**
 * Fills an empty vault through the data layer (`data`, async and typed, the same on both engines), in
 * one transaction over both stores: the rows of each batch of people go in as multi-row inserts of the
 * records features (records/), the search index through the engine's own piece.
 */
export async function generateDemo(records: { data: Kysely<Database>; engine: Engine }, o: DemoOptions): Promise<{ people: number; contacts: number }> {
  const { data, engine } = records;
  if (o.actorRole !== 'administrator') throw new DoorwayError('FORBIDDEN', msg('demo.administratorOnly'));
  if (!(await clinicalOpen(data))) {
    throw new DoorwayError('FORBIDDEN', msg('demo.clinicalClosed'));
  }
  // One transaction for all of it: an interruption leaves the vault as empty as it was, never half a demo clinic.
  return data.transaction().execute(async (trx) => {
    const made = await fillDemo(trx, engine, o);
    await o.record?.(trx, made);
    return made;
  });
}

/** The data layer refuses the clinical store to a session without its key (FORBIDDEN), whatever the query. */
async function clinicalOpen(data: Data): Promise<boolean> {
  try {
    await data.selectFrom('clinical.contact_notes').select('contact_id').limit(1).execute();
    return true;
  } catch (e) {
    if (e instanceof DoorwayError && e.code === 'FORBIDDEN') return false;
    throw e;
  }
}

/** One batch of people with everything recorded about them, before any of it has an id. */
interface Batch {
  people: NewPerson[];
  /** Per contact: the index of its person in `people`. */
  contacts: (Omit<NewContact, 'personId'> & { person: number })[];
  /** Per contact, in the order of `contacts`. */
  notes: string[];
  services: { contact: number; itemId: number }[];
  supplies: { contact: number; itemId: number; quantity: number }[];
  entries: (Omit<NewEntry, 'personId'> & { person: number })[];
  /** Indexes in `people` of those given a phase change. */
  phased: number[];
}

/** Writes one batch: people first, then what refers to them by id. */
async function writeBatch(trx: Data, engine: Engine, b: Batch): Promise<number[]> {
  const personIds = await insertPeople(trx, engine.peopleSearch, b.people);
  const contactIds = await insertContacts(
    trx,
    b.contacts.map(({ person, ...c }) => ({ ...c, personId: personIds[person]! })),
  );
  await insertNotes(trx, b.notes.map((note, i) => ({ contactId: contactIds[i]!, note })));
  await insertContactServices(trx, b.services.map((s) => ({ contactId: contactIds[s.contact]!, itemId: s.itemId })));
  await insertContactSupplies(trx, b.supplies.map((s) => ({ contactId: contactIds[s.contact]!, itemId: s.itemId, quantity: s.quantity })));
  await insertEntries(trx, b.entries.map(({ person, ...e }) => ({ ...e, personId: personIds[person]! })));
  return b.phased.map((i) => personIds[i]!);
}

async function fillDemo(trx: Data, engine: Engine, o: DemoOptions): Promise<{ people: number; contacts: number }> {
  const existing = await trx.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    throw new DoorwayError('CONFLICT', msg('demo.vaultNotEmpty'));
  }
  const size = DEMO_SIZES[o.size];
  const rng = new Random(o.seed);
  const now = o.now.getTime();
  const at = iso(now);

  const staffIds: number[] = [o.actorId];
  for (const [i, name] of COLLEAGUES.entries()) {
    // Demo colleagues own no key slot, so they appear on records but can never sign in.
    const { id } = await trx
      .insertInto('staff_users')
      .values({ username: `demo-${i + 1}`, display_name: name, role: 'clinician', slot_id: `demo-no-slot-${o.seed}-${i + 1}`, created_at: at, created_by: o.actorId })
      .returning('id')
      .executeTakeFirstOrThrow();
    staffIds.push(id);
  }

  const catalog = await trx.selectFrom('catalog_items').select(['id', 'kind', 'category', 'label']).where('active', '=', 1).orderBy('id').execute();
  const services = catalog.filter((c) => c.kind === 'service').map((c) => c.id);
  const supply = (category: string) => catalog.filter((c) => c.kind === 'supply' && c.category === category).map((c) => c.id);
  const naloxone = supply('naloxone');
  const syringes = supply('syringes');
  const strips = supply('test_strips');
  const otherSupplies = [...supply('safer_use'), ...supply('wound_care')];

  const counts = contactCounts(rng, size.people, size.contacts);
  const codes = new Set<string>();
  const letters = 'ABCDEFGHJKLMNPRSTVWY';
  let done = 0;
  let personIndex = 0;
  const batchSize = Math.max(1, Math.floor(size.people / 100));
  /** People given a phase change; everyone else keeps the starting phase, as the phase rule gives them. */
  const phased: number[] = [];

  while (personIndex < size.people) {
    const b: Batch = { people: [], contacts: [], notes: [], services: [], supplies: [], entries: [], phased: [] };
    for (let n = 0; n < batchSize && personIndex < size.people; n++, personIndex++) {
      const person = b.people.length;
      let code: string;
      do code = `${rng.pick([...letters])}${rng.pick([...letters])}${String(rng.int(0, 9999)).padStart(4, '0')}`;
      while (codes.has(code));
      codes.add(code);
      const named = rng.chance(0.45);
      const first = rng.pick(words.FIRST_NAMES);
      const name = named ? `${first} ${rng.pick(words.LAST_NAMES)}` : null;
      const preferred = named && rng.chance(0.4) ? first.slice(0, Math.max(3, first.length - 2)) : rng.chance(0.15) ? rng.pick(words.FIRST_NAMES) : null;
      const usual = rng.pick(staffIds);
      const prefs: ContactPrefs = {
        okToText: rng.chance(0.4),
        okToCall: rng.chance(0.3),
        okToLeaveMessage: rng.chance(0.15),
        okToEmail: rng.chance(0.05),
        phone: rng.chance(0.35) ? `555-01${String(rng.int(0, 99)).padStart(2, '0')}` : null,
        email: null,
        safeTimes: rng.chance(0.2) ? rng.pick(['Mornings', 'After 2 pm', 'Weekdays only']) : null,
        trustedContact: rng.chance(0.1) ? 'Sister (ask at the drop-in)' : null,
        doNotContact: rng.chance(0.05),
        whatHelps: rng.chance(0.25) ? rng.pick(['Quiet corner, not too many questions', 'Likes to talk first, then supplies', 'Prefers the same staff member']) : null,
      };
      const times = contactTimes(rng, counts[personIndex]!, now);
      const createdAt = iso(times[0]!);
      b.people.push({
        clientCode: code,
        name,
        preferredName: preferred,
        pronouns: rng.chance(0.5) ? rng.pick(words.PRONOUNS) : null,
        birthYear: rng.chance(0.3) ? rng.int(1955, 2004) : null,
        contactPrefs: prefs,
        usualStaffId: usual,
        createdAt,
        createdBy: o.actorId,
      });

      for (const t of times) {
        const setting = rng.weighted(SETTINGS);
        const staff = rng.chance(0.6) ? usual : rng.pick(staffIds);
        const entered = rng.chance(0.05) ? t + rng.int(2, 30) * 3_600_000 : t;
        const contact = b.contacts.length;
        b.contacts.push({
          person,
          occurredAt: iso(t),
          enteredAt: iso(Math.min(entered, now)),
          setting,
          staffId: staff,
          whatMattered: rng.pick(words.WHAT_MATTERED),
          createdBy: staff,
          updatedAt: iso(entered),
          updatedBy: staff,
        });
        b.notes.push(rng.pick(words.NOTES));
        // A contact lists an item once: a second pick of the same one is dropped (the first stays).
        const picked = new Set<number>();
        const service = (itemId: number) => {
          if (!picked.has(itemId)) b.services.push({ contact, itemId });
          picked.add(itemId);
        };
        const nServices = rng.weighted([[0, 3], [1, 4], [2, 2]] as const);
        for (let s = 0; s < nServices; s++) service(rng.pick(services));
        picked.clear();
        const give = (itemId: number, quantity: number) => {
          if (!picked.has(itemId)) b.supplies.push({ contact, itemId, quantity });
          picked.add(itemId);
        };
        if (setting === 'ssp_exchange' && syringes.length) give(syringes[0]!, rng.int(2, 20) * 5);
        if (rng.chance(0.12) && naloxone.length) give(rng.pick(naloxone), rng.int(1, 3));
        if (rng.chance(0.2) && strips.length) give(rng.pick(strips), rng.int(5, 20));
        if (rng.chance(0.1) && otherSupplies.length) give(rng.pick(otherSupplies), 1);
      }
      done += times.length;

      const entry = (kind: EntryKind, on: number, data: unknown) => {
        b.entries.push({ person, kind, occurredOn: day(on), data, createdAt: at, createdBy: o.actorId });
      };
      const first0 = times[0]!;
      const last = times[times.length - 1]!;
      const within = () => first0 + rng.next() * (last - first0);
      for (let g = rng.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const); g > 0; g--) {
        entry('goal', within(), { text: rng.pick(words.GOALS), status: rng.weighted([['working_on_it', 6], ['reached', 3], ['set_aside', 2]] as const) });
      }
      for (let m = rng.weighted([[0, 4], [1, 3], [2, 1]] as const); m > 0; m--) entry('moment', within(), { text: rng.pick(words.MOMENTS) });
      if (times.length >= 8 && last - first0 > 60 * DAY) {
        entry('phase_change', times[Math.min(times.length - 1, rng.int(5, 9))]!, { phase: 'maintenance', reason: 'Trust is there; they come back when they need to' });
        b.phased.push(person);
      }
      if (rng.chance(0.5)) {
        entry(
          'substance_use',
          within(),
          rng.chance(0.2)
            ? { prefersNotToSay: true, substances: [], note: '' }
            : {
                prefersNotToSay: false,
                substances: Array.from({ length: rng.int(1, 3) }, () => ({ substance: rng.pick(words.SUBSTANCES), route: rng.pick(['smoke', 'inject', 'snort', 'swallow'] as const), frequency: rng.pick(['daily', 'weekends', 'a few times a week', null]) })),
                note: '',
              },
        );
      }
      if (rng.chance(0.3)) {
        entry('treatment_interest', within(), { option: rng.pick(['buprenorphine', 'methadone', 'naltrexone'] as const), otherOption: null, stance: rng.pick(['not_right_now', 'curious', 'wants_to_start', 'started', 'paused'] as const), note: '' });
      }
      if (rng.chance(0.05)) {
        entry('overdose_response', within(), {
          reportedBy: rng.pick(['A friend', 'Outreach staff', 'The person themselves']),
          location: rng.pick(words.LOCATIONS),
          naloxoneDoses: rng.int(1, 3),
          called911: rng.pick(['yes', 'no', 'not_known'] as const),
          someoneStayed: rng.pick(['yes', 'yes', 'not_known'] as const),
          substancesInvolved: [rng.pick(words.SUBSTANCES)],
          outcome: rng.pick(['alive_stayed', 'alive_went_to_hospital', 'alive_declined_transport', 'not_known'] as const),
          note: '',
        });
      }
      if (rng.chance(0.2)) entry('referral', within(), { toWhat: rng.pick(words.REFERRALS), status: rng.pick(['offered', 'made', 'connected', 'not_now'] as const), note: '' });
      if (rng.chance(0.1)) {
        entry('consent', within(), { shareWith: rng.pick(words.REFERRALS), what: 'Name and how to reach them', until: day(now + rng.int(30, 365) * DAY), revokedOn: null });
      }
    }
    phased.push(...(await writeBatch(trx, engine, b)));
    o.onProgress?.(done, size.contacts);
  }

  await refreshAllContactSummaries(trx);
  await recomputeAllContactDays(trx, (await readSettingsIn(trx)).timeZone);
  for (const pid of phased) await refreshPhase(trx, pid);
  return { people: size.people, contacts: done };
}
