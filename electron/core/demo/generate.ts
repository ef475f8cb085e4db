import type { ContactSetting, EntryKind } from '../../../shared/contract/record-schemas';
import type { Role } from '../../../shared/roles';
import type { Data } from '../data/engine';
import type { Db } from '../db/database';
import { joinClinicalStore } from '../data/sqlite';
import { isClinicalKind } from '../records/entries';
import { DoorwayError } from '../errors';
import { recomputeAllContactDays } from '../continuity/contact-days';
import { refreshPhase } from '../records/people';
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
 * Fills an empty vault: `db` and `clinical` for the bulk inserts (prepared statements in large
 * synchronous batches, each one transaction over both stores), `data` (the same connections) for the
 * record rules the demo shares with the records feature.
 */
export async function generateDemo(stores: { db: Db; clinical: Db | null; data: Data }, o: DemoOptions): Promise<{ people: number; contacts: number }> {
  const { db, clinical, data } = stores;
  if (o.actorRole !== 'administrator') throw new DoorwayError('FORBIDDEN', 'Only an administrator can add demo data. Nothing was changed.');
  if (!clinical) throw new DoorwayError('FORBIDDEN', 'Demo data includes clinical notes, and the clinical records are not open in this session. Nothing was changed.');
  // One transaction for all of it: an interruption leaves the vault as empty as it was, never half a demo clinic.
  return data.transaction().execute(async (trx) => {
    await joinClinicalStore(trx);
    const made = await fillDemo(db, clinical, trx, o);
    await o.record?.(trx, made);
    return made;
  });
}

async function fillDemo(db: Db, clinical: Db, trx: Data, o: DemoOptions): Promise<{ people: number; contacts: number }> {
  const existing = await trx.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    throw new DoorwayError('CONFLICT', 'This vault already holds records. Demo data only goes into an empty vault, so nothing real is mixed with it.');
  }
  const size = DEMO_SIZES[o.size];
  const rng = new Random(o.seed);
  const now = o.now.getTime();
  const at = iso(now);

  const staffIds: number[] = [o.actorId];
  const addStaff = db.prepare("INSERT INTO staff_users (username, display_name, role, slot_id, created_at, created_by) VALUES (?, ?, 'clinician', ?, ?, ?)");
  COLLEAGUES.forEach((name, i) => {
    // Demo colleagues own no key slot, so they appear on records but can never sign in.
    const id = addStaff.run(`demo-${i + 1}`, name, `demo-no-slot-${o.seed}-${i + 1}`, at, o.actorId).lastInsertRowid;
    staffIds.push(Number(id));
  });

  const catalog = db.prepare('SELECT id, kind, category, label FROM catalog_items WHERE active = 1').all() as {
    id: number;
    kind: 'service' | 'supply';
    category: string | null;
    label: string;
  }[];
  const services = catalog.filter((c) => c.kind === 'service').map((c) => c.id);
  const supply = (category: string) => catalog.filter((c) => c.kind === 'supply' && c.category === category).map((c) => c.id);
  const naloxone = supply('naloxone');
  const syringes = supply('syringes');
  const strips = supply('test_strips');
  const otherSupplies = [...supply('safer_use'), ...supply('wound_care')];

  const insPerson = db.prepare(
    `INSERT INTO people (client_code, name, preferred_name, pronouns, birth_year, contact_prefs, usual_staff_id, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insSearch = db.prepare('INSERT INTO people_search (rowid, client_code, name, preferred_name) VALUES (?, ?, ?, ?)');
  const insPrefix = db.prepare('INSERT INTO people_prefix (rowid, client_code, name, preferred_name) VALUES (?, ?, ?, ?)');
  const insContact = db.prepare(
    `INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, what_mattered, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insNote = clinical.prepare('INSERT INTO clinical.contact_notes (contact_id, note) VALUES (?, ?)');
  const insEntryText = clinical.prepare('INSERT INTO clinical.entry_texts (entry_id, data) VALUES (?, ?)');
  const insService = db.prepare('INSERT OR IGNORE INTO contact_services (contact_id, item_id) VALUES (?, ?)');
  const insSupply = db.prepare('INSERT OR IGNORE INTO contact_supplies (contact_id, item_id, quantity) VALUES (?, ?, ?)');
  const insEntry = db.prepare(
    'INSERT INTO person_entries (person_id, kind, occurred_on, data, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const counts = contactCounts(rng, size.people, size.contacts);
  const codes = new Set<string>();
  const letters = 'ABCDEFGHJKLMNPRSTVWY';
  let done = 0;
  let personIndex = 0;
  const batch = Math.max(1, Math.floor(size.people / 100));
  /** People given a phase change; everyone else keeps the starting phase, as the phase rule gives them. */
  const phased: number[] = [];

  while (personIndex < size.people) {
    // Bulk inserts on the connections themselves (the data layer's transaction is open on both).
    {
      for (let b = 0; b < batch && personIndex < size.people; b++, personIndex++) {
        let code: string;
        do code = `${rng.pick([...letters])}${rng.pick([...letters])}${String(rng.int(0, 9999)).padStart(4, '0')}`;
        while (codes.has(code));
        codes.add(code);
        const named = rng.chance(0.45);
        const first = rng.pick(words.FIRST_NAMES);
        const name = named ? `${first} ${rng.pick(words.LAST_NAMES)}` : null;
        const preferred = named && rng.chance(0.4) ? first.slice(0, Math.max(3, first.length - 2)) : rng.chance(0.15) ? rng.pick(words.FIRST_NAMES) : null;
        const usual = rng.pick(staffIds);
        const prefs = {
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
        const pid = Number(
          insPerson.run(code, name, preferred, rng.chance(0.5) ? rng.pick(words.PRONOUNS) : null, rng.chance(0.3) ? rng.int(1955, 2004) : null, JSON.stringify(prefs), usual, createdAt, o.actorId, createdAt, o.actorId).lastInsertRowid,
        );
        insSearch.run(pid, code, name ?? '', preferred ?? '');
        insPrefix.run(pid, code, name ?? '', preferred ?? '');

        for (const t of times) {
          const setting = rng.weighted(SETTINGS);
          const staff = rng.chance(0.6) ? usual : rng.pick(staffIds);
          const entered = rng.chance(0.05) ? t + rng.int(2, 30) * 3_600_000 : t;
          const cid = Number(insContact.run(pid, iso(t), iso(Math.min(entered, now)), setting, staff, rng.pick(words.WHAT_MATTERED), staff, iso(entered), staff).lastInsertRowid);
          const note = rng.pick(words.NOTES);
          if (note !== '') insNote.run(cid, note);
          const nServices = rng.weighted([[0, 3], [1, 4], [2, 2]] as const);
          for (let s = 0; s < nServices; s++) insService.run(cid, rng.pick(services));
          if (setting === 'ssp_exchange' && syringes.length) insSupply.run(cid, syringes[0]!, rng.int(2, 20) * 5);
          if (rng.chance(0.12) && naloxone.length) insSupply.run(cid, rng.pick(naloxone), rng.int(1, 3));
          if (rng.chance(0.2) && strips.length) insSupply.run(cid, rng.pick(strips), rng.int(5, 20));
          if (rng.chance(0.1) && otherSupplies.length) insSupply.run(cid, rng.pick(otherSupplies), 1);
        }
        done += times.length;

        const entry = (kind: EntryKind, on: number, data: unknown) => {
          const clinicalText = isClinicalKind(kind);
          const id = insEntry.run(pid, kind, day(on), clinicalText ? '{}' : JSON.stringify(data), at, o.actorId, at, o.actorId).lastInsertRowid;
          if (clinicalText) insEntryText.run(id, JSON.stringify(data));
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
          phased.push(pid);
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
    }
    o.onProgress?.(done, size.contacts);
  }

  db.prepare(
    `UPDATE people SET (first_contact_at, last_contact_at, contact_count) =
       (SELECT min(occurred_at), max(occurred_at), count(*) FROM contacts WHERE person_id = people.id AND deleted_at IS NULL)`,
  ).run();
  await recomputeAllContactDays(trx, (await readSettingsIn(trx)).timeZone);
  for (const pid of phased) await refreshPhase(trx, pid);
  return { people: size.people, contacts: done };
}
