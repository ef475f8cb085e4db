import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Doorway, Router } from '../../electron/core';
import { invoke } from '../../electron/core';
import { EXPORTED_TABLES, NOT_PERSON_DATA } from '../../electron/core/own-record/gather';
import { channels, type ChannelName, type InputOf, type OutputOf } from '../../shared/contract';
import { ALL_ROLES, CLINICAL_ROLES } from '../../shared/roles';
import { onPostgres } from '../support/engine';
import { addStaff, signIn, signInAdmin, type TestStaff } from '../support/staff';
import { closeCore, columnOf, contentHash, removeDir, rowsOf, setUpVault, tempDir } from '../support/vault';

let dir: string;
let made: Awaited<ReturnType<typeof setUpVault>>;
let core: Doorway;
let router: Router;
let sam: TestStaff;
let jo: TestStaff;
let now = Date.parse('2026-11-21T15:00:00Z');

beforeEach(async () => {
  dir = tempDir('doorway-own-record-');
  made = await setUpVault(dir, { clinicName: 'Harbour Street Clinic' });
  core = made.core;
  router = made.router;
  now = Date.parse('2026-11-21T15:00:00Z');
  (core.options as { now?: () => Date }).now = () => new Date(now);
  sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
  jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
  await call('settings.update', { timeZone: 'America/Chicago' });
});
afterEach(async () => {
  await closeCore(made);
  removeDir(dir);
});

async function call<K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await invoke(router, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/**
 * One person, built by hand so every figure below is known: three contacts kept and one removed,
 * supplies on two of them, clinical notes, two goals, a referral, a moment, a clinical entry, an
 * outreach attempt, an edit of their details, and a draft someone left.
 */
async function handBuiltPerson() {
  const items = await call('catalog.list', {});
  const id = (label: string) => items.find((i) => i.label === label)!.id;
  const p = await call('people.create', { clientCode: 'AB-1234', name: 'Alma Baptiste', preferredName: 'Al', pronouns: 'she/her', contactPrefs: { okToText: true, phone: '555-0101' } });
  await call('people.update', { id: p.id, changes: { preferredName: 'Ally' } });
  // 3 September (two contacts that month), 20 September, a removed one in October, 2 November; Chicago days.
  await call('contacts.record', {
    personId: p.id,
    occurredAt: '2026-09-03T16:00:00Z',
    setting: 'drop_in',
    whatMattered: 'Wanted warm socks before the cold',
    supplies: [{ itemId: id('Syringes'), quantity: 20 }, { itemId: id('Naloxone (nasal)'), quantity: 2 }],
    note: 'Abscess on left forearm, cleaned and dressed',
  });
  await call('contacts.record', { personId: p.id, occurredAt: '2026-09-20T03:30:00Z', setting: 'van', services: [id('Check-in / conversation')], whatMattered: 'Talked about her sister' });
  const removed = await call('contacts.record', { personId: p.id, occurredAt: '2026-10-01T17:00:00Z', setting: 'phone_text', whatMattered: 'Entered for the wrong person' });
  await call('contacts.delete', { id: removed.id, reason: 'Recorded for someone else by mistake' });
  await call('contacts.record', { personId: p.id, occurredAt: '2026-11-02T18:00:00Z', setting: 'clinic_visit', supplies: [{ itemId: id('Naloxone (nasal)'), quantity: 1 }], note: 'Wound healing well' });
  await call('entries.add', { personId: p.id, kind: 'goal', occurredOn: '2026-09-03', data: { text: 'keep my room at the shelter til spring' } });
  const reached = await call('entries.add', { personId: p.id, kind: 'goal', occurredOn: '2026-09-03', data: { text: 'get my ID back' } });
  now = Date.parse('2026-10-15T15:00:00Z');
  await call('entries.update', { id: reached.id, data: { text: 'get my ID back', status: 'reached' } });
  now = Date.parse('2026-11-21T15:00:00Z');
  await call('entries.add', { personId: p.id, kind: 'referral', occurredOn: '2026-09-20', data: { toWhat: 'Dental clinic on 5th Street', status: 'made' } });
  await call('entries.add', { personId: p.id, kind: 'moment', occurredOn: '2026-09-20', data: { text: 'First time she stayed for coffee' } });
  await call('entries.add', { personId: p.id, kind: 'treatment_interest', occurredOn: '2026-11-02', data: { option: 'buprenorphine', stance: 'curious', note: 'Asked about patches' } });
  await call('outreach.record', { personId: p.id, method: 'text', reached: true, note: 'Sent the new van times' });
  await call('drafts.save', { key: `contact:new:${p.id}`, form: 'contact', personId: p.id, fields: { whatMattered: 'Half-typed: asked about' } });
  return p;
}

describe('the summary for the person', () => {
  it('has their contacts by month, what they were given, goals in their words and referrals; no notes unless asked', async () => {
    const p = await handBuiltPerson();
    const doc = await call('records.personSummary', { personId: p.id });
    expect(doc.clinicName).toBe('Harbour Street Clinic');
    expect(doc.madeOn).toBe('2026-11-21');
    expect(doc.person).toEqual({ clientCode: 'AB-1234', name: 'Alma Baptiste', preferredName: 'Ally', pronouns: 'she/her' });
    // 2026-09-20T03:30Z is the evening of the 19th in Chicago. The removed October contact is not there.
    expect(doc.months.map((m) => [m.month, m.contacts.map((c) => c.day)])).toEqual([
      ['2026-11', ['2026-11-02']],
      ['2026-09', ['2026-09-03', '2026-09-19']],
    ]);
    expect([doc.firstDay, doc.lastDay]).toEqual(['2026-09-03', '2026-11-02']);
    const first = doc.months[1]!.contacts[0]!;
    expect(first).toEqual({
      day: '2026-09-03',
      setting: 'drop_in',
      services: [],
      supplies: [
        { label: 'Naloxone (nasal)', quantity: 2 },
        { label: 'Syringes', quantity: 20 },
      ],
      whatMattered: 'Wanted warm socks before the cold',
      note: null,
    });
    expect(doc.months[1]!.contacts[1]!.services).toEqual(['Check-in / conversation']);
    expect(doc.suppliesTotal).toEqual([
      { label: 'Syringes', quantity: 20 },
      { label: 'Naloxone (nasal)', quantity: 3 },
    ]);
    // Their words as written (lower case, "til"), oldest first; a reached goal is dated when it was reached.
    expect(doc.goals).toEqual([
      { text: 'keep my room at the shelter til spring', status: 'working_on_it', since: '2026-09-03' },
      { text: 'get my ID back', status: 'reached', since: '2026-10-15' },
    ]);
    expect(doc.referrals).toEqual([{ toWhat: 'Dental clinic on 5th Street', status: 'made', on: '2026-09-20' }]);
    expect(doc.includesClinicalNotes).toBe(false);
    const text = JSON.stringify(doc);
    for (const hidden of ['Abscess', 'Wound healing', 'patches', 'coffee', 'wrong person']) expect(text).not.toContain(hidden);
  });

  it('a clinician may include clinical notes; each printing is in the audit trail, with whether notes were in it', async () => {
    const p = await handBuiltPerson();
    await signIn(router, sam.username, sam.password);
    const withNotes = await call('records.personSummary', { personId: p.id, includeClinicalNotes: true });
    expect(withNotes.includesClinicalNotes).toBe(true);
    expect(withNotes.months.flatMap((m) => m.contacts.map((c) => c.note))).toEqual(['Wound healing well', 'Abscess on left forearm, cleaned and dressed', null]);
    await call('records.personSummary', { personId: p.id });
    const events = await rowsOf<{ actor_username: string; subject_id: string; details: string }>(
      core,
      "SELECT actor_username, subject_id, details FROM audit_events WHERE action = 'person.summary' ORDER BY id",
    );
    expect(events.map((e) => [e.actor_username, e.subject_id, JSON.parse(e.details)])).toEqual([
      ['sam', String(p.id), { clinicalNotesIncluded: true }],
      ['sam', String(p.id), { clinicalNotesIncluded: false }],
    ]);
  });

  it('the front desk prints without goals or notes, and asking for notes is refused by core with nothing written', async () => {
    const p = await handBuiltPerson();
    await signIn(router, jo.username, jo.password);
    const doc = await call('records.personSummary', { personId: p.id });
    expect(doc.goals).toBeNull();
    expect(doc.months.flatMap((m) => m.contacts.map((c) => c.note))).toEqual([null, null, null]);
    expect(doc.referrals).toHaveLength(1);
    expect(JSON.stringify(doc)).not.toMatch(/Abscess|Wound healing|shelter|ID back/);
    const before = await contentHash(core);
    const r = await invoke(router, 'records.personSummary', { personId: p.id, includeClinicalNotes: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/does not include clinical notes/) } });
    expect(await contentHash(core)).toBe(before);
  });

  it('a person with no contacts yet gets a summary that says so (empty months), and an unknown person is NOT_FOUND', async () => {
    const p = await call('people.create', { clientCode: 'NEW-1' });
    const doc = await call('records.personSummary', { personId: p.id });
    expect(doc).toMatchObject({ months: [], suppliesTotal: [], goals: [], referrals: [], firstDay: null, lastDay: null });
    expect(await invoke(router, 'records.personSummary', { personId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

async function openZip(base64: string) {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const text = (name: string) => zip.file(name)!.async('string');
  const csv = async (name: string) => Papa.parse<Record<string, string>>(await text(name), { header: true, skipEmptyLines: true }).data;
  return { zip, text, csv, json: async <T = unknown>(name: string) => JSON.parse(await text(name)) as T };
}

describe('the complete export (right of access)', () => {
  it('is for administrators and clinicians in the contract; the summary is for every role', () => {
    expect(channels['records.personExport'].access).toEqual(CLINICAL_ROLES);
    expect(channels['records.personSummary'].access).toEqual(ALL_ROLES);
  });

  it('is a zip of JSON and CSV with a README explaining each file, holding all of it, clinical content included', async () => {
    const p = await handBuiltPerson();
    const out = await call('records.personExport', { personId: p.id });
    expect(out.fileName).toBe('doorway-record-AB-1234-2026-11-21.zip');
    const z = await openZip(out.zipBase64);
    const names = Object.keys(z.zip.files).sort();
    expect(names).toEqual(out.files.slice().sort());
    expect(names).toEqual(
      ['README.txt', 'continuity.json', 'contacts.csv', 'contacts.json', 'entries.csv', 'entries.json', 'history.csv', 'history.json', 'outreach.csv', 'person.json', 'record-log.csv', 'services.csv', 'supplies.csv', 'unsaved-drafts.json'].sort(),
    );
    const readme = await z.text('README.txt');
    expect(readme).toMatch(/^Your record at Harbour Street Clinic/);
    for (const n of names.filter((n) => n !== 'README.txt')) expect(readme, n).toContain(`${n}\r\n  `);

    const person = await z.json<Record<string, unknown>>('person.json');
    expect(person).toMatchObject({ client_code: 'AB-1234', name: 'Alma Baptiste', preferred_name: 'Ally', created_by: 'River Stone', contact_prefs: { okToText: true, phone: '555-0101' } });

    const contacts = await z.csv('contacts.csv');
    expect(contacts.map((c) => [c.local_day, c.setting, c.note, c.delete_reason])).toEqual([
      ['2026-09-03', 'drop_in', 'Abscess on left forearm, cleaned and dressed', ''],
      ['2026-09-19', 'van', '', ''],
      ['2026-10-01', 'phone_text', '', 'Recorded for someone else by mistake'],
      ['2026-11-02', 'clinic_visit', 'Wound healing well', ''],
    ]);
    expect(contacts[0]!.staff).toBe('River Stone');
    const supplies = await z.csv('supplies.csv');
    expect(supplies.map((s) => [s.label, s.quantity]).sort()).toEqual([['Naloxone (nasal)', '1'], ['Naloxone (nasal)', '2'], ['Syringes', '20']]);
    expect((await z.csv('services.csv')).map((s) => s.label)).toEqual(['Check-in / conversation']);
    expect((await z.json<{ supplies: unknown[] }[]>('contacts.json'))[0]!.supplies).toHaveLength(2);

    const entries = await z.json<{ kind: string; data: Record<string, unknown> }[]>('entries.json');
    expect(entries.map((e) => e.kind).sort()).toEqual(['goal', 'goal', 'moment', 'referral', 'treatment_interest']);
    expect(entries.find((e) => e.kind === 'treatment_interest')!.data).toMatchObject({ option: 'buprenorphine', note: 'Asked about patches' });
    expect(await z.text('entries.csv')).toContain('keep my room at the shelter til spring');

    const history = await z.csv('history.csv');
    expect(history.find((h) => h.record_type === 'person')!.previous).toContain('"preferredName":"Al"');
    expect(history.some((h) => h.record_type === 'contact' && h.change === 'delete' && h.reason === 'Recorded for someone else by mistake')).toBe(true);
    expect(history.some((h) => h.record_type === 'entry' && (h.previous ?? '').includes('working_on_it'))).toBe(true);

    expect((await z.csv('outreach.csv')).map((o) => [o.method, o.reached, o.note])).toEqual([['text', 'yes', 'Sent the new van times']]);
    const continuity = await z.json<{ contactsByMonth: unknown; episodes: unknown; timeAway: unknown }>('continuity.json');
    expect(continuity.contactsByMonth).toEqual([
      { month: '2026-09', contacts: 2 },
      { month: '2026-11', contacts: 1 },
    ]);
    // 60 days is the threshold: 19 September to 2 November is 44 days, one run of contact.
    expect(continuity.episodes).toEqual([{ start: '2026-09-03', end: '2026-11-02', contactCount: 3 }]);
    expect(continuity.timeAway).toEqual([]);
    expect(await z.text('unsaved-drafts.json')).toContain('Half-typed: asked about');
    const log = await z.csv('record-log.csv');
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['person.create', 'person.update', 'contact.create', 'contact.delete', 'entry.create', 'outreach.create']));
  });

  it('is audited; the front desk cannot export (core refuses, nothing written); a clinician can', async () => {
    const p = await handBuiltPerson();
    await signIn(router, jo.username, jo.password);
    const before = await contentHash(core);
    expect(await invoke(router, 'records.personExport', { personId: p.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await contentHash(core)).toBe(before);
    await signIn(router, sam.username, sam.password);
    await call('records.personExport', { personId: p.id });
    expect(await columnOf(core, "SELECT actor_username FROM audit_events WHERE action = 'person.export' AND subject_id = ?", String(p.id))).toEqual(['sam']);
    await signInAdmin(router);
    expect(await invoke(router, 'records.personExport', { personId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('another person in the same clinic is not in it', async () => {
    const p = await handBuiltPerson();
    const other = await call('people.create', { clientCode: 'ZZ-9', name: 'Other Person' });
    await call('contacts.record', { personId: other.id, setting: 'van', whatMattered: 'Not Alma at all', note: 'Other note' });
    const z = await openZip((await call('records.personExport', { personId: p.id })).zipBase64);
    for (const name of Object.keys(z.zip.files)) expect(await z.text(name), name).not.toMatch(/ZZ-9|Other Person|Not Alma|Other note/);
  });
});

describe('nothing about a person is left out of the export', () => {
  const migrationsRoot = join(__dirname, '../../electron/core/db');
  function tablesInMigrations(): Set<string> {
    const found = new Set<string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.ts')) for (const m of readFileSync(join(d, e.name), 'utf8').matchAll(/CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_.]+)/g)) found.add(m[1]!);
      }
    };
    walk(migrationsRoot);
    walk(join(migrationsRoot, '..', 'data'));
    found.add('schema_versions');
    return found;
  }

  it('every table the migrations create is exported or named as holding nothing about one person', () => {
    const tables = tablesInMigrations();
    expect(tables.size).toBeGreaterThan(20);
    const placed = new Set<string>([...EXPORTED_TABLES, ...Object.keys(NOT_PERSON_DATA)]);
    const unplaced = [...tables].filter((t) => !placed.has(t));
    expect(unplaced, 'a new table: add it to the export (own-record/gather.ts) or to NOT_PERSON_DATA with why').toEqual([]);
    expect(EXPORTED_TABLES.filter((t) => t in NOT_PERSON_DATA)).toEqual([]);
  });

  it('and so is every table in the live database of this engine', async () => {
    const placed = new Set<string>([...EXPORTED_TABLES, ...Object.keys(NOT_PERSON_DATA)]);
    const live = onPostgres
      ? (
          await rowsOf<{ s: string; t: string }>(core, "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'clinical', 'hub')")
        ).map((r) => (r.s === 'public' ? r.t : `${r.s}.${r.t}`))
      : (await columnOf<string>(core, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).filter((n) => !/^people_(search|prefix)_/.test(n));
    expect(live.length).toBeGreaterThan(10);
    expect(live.filter((t) => !placed.has(t))).toEqual([]);
  });

  it('every exported table has rows for the hand-built person, so each one is really read', async () => {
    const p = await handBuiltPerson();
    const z = await openZip((await call('records.personExport', { personId: p.id })).zipBase64);
    const all = (await Promise.all(Object.keys(z.zip.files).map((n) => z.text(n)))).join('\n');
    // One value from each exported table, written by handBuiltPerson, found somewhere in the zip.
    const marks: Record<(typeof EXPORTED_TABLES)[number], string> = {
      people: 'Alma Baptiste',
      record_history: '"preferredName": "Al"',
      contacts: 'Wanted warm socks before the cold',
      contact_services: 'Check-in / conversation',
      contact_supplies: 'Syringes',
      person_entries: 'Dental clinic on 5th Street',
      outreach_attempts: 'Sent the new van times',
      person_month: '"month": "2026-11"',
      drafts: 'contact:new:',
      audit_events: 'person.create',
      'clinical.contact_notes': 'Wound healing well',
      'clinical.entry_texts': 'Asked about patches',
      'clinical.history_details': 'Abscess on left forearm',
      'clinical.draft_texts': 'Half-typed',
    };
    for (const [table, mark] of Object.entries(marks)) expect(all, table).toContain(mark);
  });
});
