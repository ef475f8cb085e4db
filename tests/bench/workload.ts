import type { Db } from '../../electron/core/db/database';
import type { BenchSize } from './bench';

/**
 * A synthetic contact log shaped like Doorway's records: short codes, ISO times, a setting, a staff
 * member and a free-text note of a few sentences. Seeded, so every run and both databases get the
 * same rows and the same queries.
 */
export const ROWS: Record<BenchSize, number> = { small: 50_000, medium: 200_000, large: 1_000_000 };

export interface ContactRow {
  id: number;
  personCode: string;
  at: string;
  setting: string;
  staffId: number;
  services: string;
  note: string;
}

/** mulberry32: small, fast and good enough to make repeatable test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SETTINGS = ['clinic visit', 'drop-in', 'street outreach', 'van', 'phone or text', 'telehealth', 'home visit', 'SSP exchange'];
const SERVICES = ['naloxone', 'syringes', 'test strips', 'wound care', 'safer smoking kit', 'referral', 'housing support', 'ID help'];
const SENTENCES = [
  'Stopped by the van for supplies and a coffee.',
  'Talked about housing options; wants to look at them again next week.',
  'Welcome back after some time away. Caught up on how things have been.',
  'Took two naloxone nasal sprays and a box of fentanyl test strips.',
  'Asked about wound care; cleaned and dressed a small wound on the left forearm.',
  'Not interested in treatment right now, and that is fine. The door is open.',
  'Shared how the week went. Their priority is getting a new ID card.',
  'Referred to the walk-in dental clinic for a toothache, with a bus pass.',
  'Picked up a safer smoking kit and unused syringes for a friend.',
  'Phone check-in: doing okay, plans to come by on Thursday afternoon.',
  'Wants to keep working on reconnecting with their sister.',
  'Asked for information about medication for opioid use disorder, to think about.',
];

function personCode(n: number): string {
  return `P${n.toString(36).toUpperCase().padStart(4, '0')}`;
}

/** Rows in time order over about three years, as a clinic's log grows. */
export function makeRows(count: number, seed = 20_240_601): ContactRow[] {
  const random = seededRandom(seed);
  const people = Math.max(100, Math.floor(count / 10));
  const start = Date.UTC(2022, 0, 3, 8);
  const span = 3 * 365 * 24 * 3600 * 1000;
  const rows: ContactRow[] = [];
  for (let i = 0; i < count; i++) {
    const sentences = 1 + Math.floor(random() * 4);
    const note = Array.from({ length: sentences }, () => SENTENCES[Math.floor(random() * SENTENCES.length)]).join(' ');
    const services = SERVICES.filter(() => random() < 0.25);
    rows.push({
      id: i + 1,
      personCode: personCode(Math.floor(random() * people)),
      at: new Date(start + Math.floor((i / count) * span) + Math.floor(random() * 3600_000)).toISOString(),
      setting: SETTINGS[Math.floor(random() * SETTINGS.length)]!,
      staffId: 1 + Math.floor(random() * 12),
      services: JSON.stringify(services),
      note,
    });
  }
  return rows;
}

export function createSchema(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS contacts (
      id          INTEGER PRIMARY KEY,
      person_code TEXT NOT NULL,
      at          TEXT NOT NULL,
      setting     TEXT NOT NULL,
      staff_id    INTEGER NOT NULL,
      services    TEXT NOT NULL,
      note        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS contacts_person ON contacts(person_code, at);
    CREATE INDEX IF NOT EXISTS contacts_at ON contacts(at);
  `);
}

/** Inserts rows in transactions of `batch`, as the app writes (each commit is a durable write). */
export function insertRows(db: Db, rows: readonly ContactRow[], batch = 500): void {
  const insert = db.prepare(
    'INSERT INTO contacts (id, person_code, at, setting, staff_id, services, note) VALUES (@id, @personCode, @at, @setting, @staffId, @services, @note)',
  );
  const insertMany = db.transaction((chunk: readonly ContactRow[]) => {
    for (const r of chunk) insert.run(r);
  });
  for (let i = 0; i < rows.length; i += batch) insertMany(rows.slice(i, i + batch));
}

export interface ReadPlan {
  ids: number[];
  people: string[];
  ranges: [string, string][];
}

/** One batch of reads like the app's screens make: open a record, a person's recent contacts, a week's summary. */
export function makeReadPlan(rows: readonly ContactRow[], seed = 7): ReadPlan {
  const random = seededRandom(seed);
  const pick = () => rows[Math.floor(random() * rows.length)]!;
  const week = 7 * 24 * 3600 * 1000;
  return {
    ids: Array.from({ length: 200 }, () => pick().id),
    people: Array.from({ length: 50 }, () => pick().personCode),
    ranges: Array.from({ length: 5 }, () => {
      const from = new Date(pick().at);
      return [from.toISOString(), new Date(from.getTime() + week).toISOString()] as [string, string];
    }),
  };
}

/** Prepared once per database so the timed part is the reading itself. */
export function readRunner(db: Db, plan: ReadPlan): () => number {
  const byId = db.prepare('SELECT * FROM contacts WHERE id = ?');
  const byPerson = db.prepare('SELECT id, at, setting, note FROM contacts WHERE person_code = ? ORDER BY at DESC LIMIT 20');
  const week = db.prepare(
    'SELECT setting, count(*) AS n, sum(length(note)) AS chars FROM contacts WHERE at BETWEEN ? AND ? GROUP BY setting',
  );
  return () => {
    let seen = 0;
    for (const id of plan.ids) seen += byId.get(id) ? 1 : 0;
    for (const p of plan.people) seen += byPerson.all(p).length;
    for (const [from, to] of plan.ranges) seen += week.all(from, to).length;
    return seen;
  };
}
