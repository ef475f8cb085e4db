import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, ContactPrefs, InputOf, OutputOf } from '../../shared/contract';
import { REACH_METHODS } from '../../shared/contract/continuity';
import { messageText } from '../../shared/messages';
import type { Router } from '../../electron/core';
import type { Doorway } from '../../electron/core';
import { addStaff, signIn } from '../support/staff';
import { contentHash, removeDir, rowsOf, setUpVault, tempDir, valueOf } from '../support/vault';

let dir: string;
let core: Doorway;
let router: Router;
let now = Date.parse('2026-08-05T18:00:00Z');

beforeEach(async () => {
  dir = tempDir();
  const made = await setUpVault(dir);
  core = made.core;
  router = made.router;
  now = Date.parse('2026-08-05T18:00:00Z');
  (core.options as { now?: () => Date }).now = () => new Date(now);
  await call('settings.update', { timeZone: 'America/Los_Angeles', absenceThresholdDays: 60 });
});
afterEach(() => {
  core.close();
  removeDir(dir);
});

async function call<K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await router(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as OutputOf<K>;
}

/** Local clinic times (Los Angeles, UTC-8 in winter, UTC-7 in summer). */
const la = (day: string, time = '10:00') => new Date(`${day}T${time}:00${day < '2026-03-08' || day > '2026-11-01' ? '-08:00' : '-07:00'}`).toISOString();

async function januaryToMarchThenAugust() {
  const p = await call('people.create', { clientCode: 'MA0712', preferredName: 'Maggie' });
  const catalog = await call('catalog.list', {});
  const nasal = catalog.find((i) => i.label === 'Naloxone (nasal)')!;
  for (const d of ['2026-01-10', '2026-01-24', '2026-02-07', '2026-02-21', '2026-03-20']) {
    await call('contacts.record', { personId: p.id, setting: 'drop_in', occurredAt: la(d), whatMattered: d === '2026-03-20' ? 'Her sister is visiting' : '' });
  }
  await call('contacts.record', { personId: p.id, setting: 'ssp_exchange', occurredAt: la('2026-02-07', '15:00'), supplies: [{ itemId: nasal.id, quantity: 2 }] });
  await call('entries.add', { personId: p.id, kind: 'goal', occurredOn: '2026-01-24', data: { text: 'Get my ID back' } });
  await call('entries.add', { personId: p.id, kind: 'moment', occurredOn: '2026-02-21', data: { text: 'Shared her story for the first time' } });
  return p;
}

describe('the engagement timeline', () => {
  it('January to March, four months away, back in August: two episodes, a labelled time away and a welcome back', async () => {
    const p = await januaryToMarchThenAugust();
    const cue = await call('continuity.welcomeBack', { personId: p.id });
    expect(cue).toEqual({
      isWelcomeBack: true,
      daysAway: 138,
      lastContactDay: '2026-03-20',
      openGoals: [{ id: expect.any(Number), text: 'Get my ID back', since: '2026-01-24' }],
      lastWhatMattered: 'Her sister is visiting',
    });
    await call('contacts.record', { personId: p.id, setting: 'clinic_visit', occurredAt: la('2026-08-05') });
    const t = await call('continuity.timeline', { personId: p.id });
    expect(t.episodes).toEqual([
      { start: '2026-01-10', end: '2026-03-20', contactCount: 6 },
      { start: '2026-08-05', end: '2026-08-05', contactCount: 1 },
    ]);
    // 20 March to 5 August: 11 + 30 + 31 + 30 + 31 + 5 = 138 days.
    expect(t.timeAway).toEqual([{ from: '2026-03-20', to: '2026-08-05', days: 138 }]);
    expect(t.welcomeBacks).toEqual(['2026-08-05']);
    expect(t.annotations.map((a) => [a.day, a.kind])).toEqual([
      ['2026-01-24', 'goal_set'],
      ['2026-02-07', 'naloxone'],
      ['2026-02-21', 'moment'],
    ]);
    expect(t.currentAbsence).toEqual({ days: 0, away: false });
    // One staff member for all 7 contacts.
    expect(t.measures).toMatchObject({ contacts: 7, providers: 1, coc: 1, upc: 1, secon: 1, hhi: 1 });
    expect(t.retention).toEqual({ twoContacts90DaysApart: true, contactInLast6Months: true });
  });

  it('uses calendar days in the clinic time zone: 11 pm and 1 am are different days', async () => {
    const p = await call('people.create', { clientCode: 'TZ0001' });
    await call('contacts.record', { personId: p.id, setting: 'street_outreach', occurredAt: la('2026-05-01', '23:00') });
    await call('contacts.record', { personId: p.id, setting: 'street_outreach', occurredAt: la('2026-05-02', '01:00') });
    expect((await call('continuity.timeline', { personId: p.id })).contacts.map((c) => c.day)).toEqual(['2026-05-01', '2026-05-02']);
    await call('settings.update', { timeZone: 'Asia/Tokyo' });
    expect((await call('continuity.timeline', { personId: p.id })).contacts.map((c) => c.day)).toEqual(['2026-05-02', '2026-05-02']);
  });

  it('shows an overdose response with its outcome to clinical roles; front desk does not see it on the timeline', async () => {
    const p = await januaryToMarchThenAugust();
    await call('entries.add', {
      personId: p.id,
      kind: 'overdose_response',
      occurredOn: '2026-03-01',
      data: { reportedBy: 'A friend', naloxoneDoses: 1, called911: 'no', someoneStayed: 'yes', outcome: 'alive_stayed' },
    });
    // With its outcome, read from the clinical store (the main row holds nothing of it).
    expect((await call('continuity.timeline', { personId: p.id })).annotations.filter((a) => a.kind === 'overdose_response')).toEqual([{ day: '2026-03-01', kind: 'overdose_response', label: 'alive_stayed' }]);
    // Signed in as front desk (on a hub a role changed in memory alone is caught at the next call).
    const desk = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
    await signIn(router, desk.username, desk.password);
    expect((await call('continuity.timeline', { personId: p.id })).annotations.some((a) => a.kind === 'overdose_response')).toBe(false);
  });
});

describe('home screen and door\'s open', () => {
  it('lists today\'s contacts, the welcome back this week, and the door\'s open with how to reach them', async () => {
    const p = await januaryToMarchThenAugust();
    const away = await call('people.create', {
      clientCode: 'DJ1103',
      contactPrefs: { okToText: true, okToCall: false, okToLeaveMessage: false, okToEmail: false, phone: '555-0101', email: null, safeTimes: 'Mornings', trustedContact: null, doNotContact: false, whatHelps: null },
    });
    await call('contacts.record', { personId: away.id, setting: 'van', occurredAt: la('2026-05-01') });
    const justInside = await call('people.create', { clientCode: 'JI0001' });
    await call('contacts.record', { personId: justInside.id, setting: 'van', occurredAt: la('2026-06-06') }); // exactly 60 days
    let d = await call('home.dashboard', {});
    expect(d.today).toBe('2026-08-05');
    expect(d.welcomeBacksThisWeek).toEqual([]);
    expect(d.doorsOpen.items.map((i) => [i.person.clientCode, i.daysAway])).toEqual([['DJ1103', 96], ['MA0712', 138]]);
    expect(d.doorsOpen.items[0]!.reach).toMatchObject({ okToText: true, okToCall: false, safeTimes: 'Mornings', hasPhone: true, doNotContact: false });

    const welcome = await call('contacts.record', { personId: p.id, setting: 'clinic_visit', occurredAt: la('2026-08-05', '09:30') });
    d = await call('home.dashboard', {});
    expect(d.todaysContacts.map((c) => c.contactId)).toEqual([welcome.id]);
    expect(d.welcomeBacksThisWeek).toEqual([{ contactId: welcome.id, day: '2026-08-05', daysAway: 138, person: expect.objectContaining({ clientCode: 'MA0712' }) }]);
    expect(d.doorsOpen.total).toBe(1);
    expect(d.testingPeriod.items.map((i) => i.person.clientCode).sort()).toEqual(['DJ1103', 'JI0001']);
    const aug = d.trends.find((m) => m.month === '2026-08')!;
    expect(aug).toEqual({ month: '2026-08', contacts: 1, people: 1, returns: 1 });
    expect(d.trends.find((m) => m.month === '2026-02')).toEqual({ month: '2026-02', contacts: 3, people: 1, returns: 0 });
    expect(d.trends).toHaveLength(12);
  });

  it('an outreach attempt is noted but never counts as a contact', async () => {
    await januaryToMarchThenAugust();
    const [item] = (await call('doors.list', {})).items;
    const before = await call('people.get', { id: item!.person.id });
    await call('outreach.record', { personId: item!.person.id, method: 'text', note: 'Sent the new drop-in hours' });
    const list = await call('doors.list', {});
    expect(list.items[0]!.lastOutreach).toMatchObject({ method: 'text', reached: false, note: 'Sent the new drop-in hours', staffName: 'River Stone' });
    expect(list.total).toBe(1);
    const after = await call('people.get', { id: item!.person.id });
    expect(after.person.contactCount).toBe(before.person.contactCount);
  });
});

describe('consent to contact in outreach', () => {
  const PREFS: ContactPrefs = { okToText: false, okToCall: false, okToLeaveMessage: false, okToEmail: false, phone: null, email: null, safeTimes: null, trustedContact: null, doNotContact: false, whatHelps: null };

  async function awayWith(clientCode: string, prefs: Partial<ContactPrefs>) {
    const p = await call('people.create', { clientCode, contactPrefs: { ...PREFS, ...prefs } });
    await call('contacts.record', { personId: p.id, setting: 'van', occurredAt: la('2026-04-01') });
    return p;
  }
  const refusal = async (input: InputOf<'outreach.record'>) => {
    const r = await router('outreach.record', input);
    if (r.ok) throw new Error('expected a refusal');
    return r.error;
  };

  it('refuses a way the person did not agree to, calmly, and changes nothing', async () => {
    const calls = await awayWith('CA0001', { okToCall: true, phone: '555-0110', safeTimes: 'After 3 pm' });
    const before = await contentHash(core);
    for (const method of ['text', 'message', 'email', 'in_person', 'trusted_contact', 'other'] as const) {
      const e = await refusal({ personId: calls.id, method, reached: false, note: 'Tried anyway' });
      expect(e).toMatchObject({ code: 'INVALID_INPUT', message: 'They agreed to calls only. Please use one of those ways.', fields: { method: expect.stringContaining('calls only') } });
      // What staff read is a key with the ways as codes, said in their own language by the renderer.
      expect(e).toMatchObject({ key: 'continuity.agreedOnly1', params: { a: 'call' } });
      expect(messageText({ key: e.key!, params: e.params }, 'es')).toBe('Solo aceptó llamadas. Use una de esas formas, por favor.');
    }
    expect(await contentHash(core)).toBe(before);
    expect(await call('outreach.list', { personId: calls.id })).toEqual([]);
    // The agreed way is noted as before.
    await call('outreach.record', { personId: calls.id, method: 'call', note: 'Left no message' });
    expect((await call('outreach.list', { personId: calls.id })).map((o) => o.method)).toEqual(['call']);
  });

  it('a trusted contact is a way only when one is noted; nothing said yet keeps every way', async () => {
    const trusted = await awayWith('TC0001', { okToText: true, phone: '555-0111', trustedContact: 'Sam, 555-0112' });
    await call('outreach.record', { personId: trusted.id, method: 'trusted_contact' });
    await call('outreach.record', { personId: trusted.id, method: 'text' });
    expect(await refusal({ personId: trusted.id, method: 'call', reached: false, note: '' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'They agreed to texts and their trusted contact only. Please use one of those ways.',
    });
    const textsOnly = await awayWith('TX0001', { okToText: true });
    expect((await refusal({ personId: textsOnly.id, method: 'trusted_contact', reached: false, note: '' })).code).toBe('INVALID_INPUT');
    const notSaid = await awayWith('NS0001', {});
    for (const method of REACH_METHODS) await call('outreach.record', { personId: notSaid.id, method });
    expect(await call('outreach.list', { personId: notSaid.id })).toHaveLength(REACH_METHODS.length);
  });

  it('do not contact: no outreach at all, and nothing changes', async () => {
    const dnc = await awayWith('DN0001', { doNotContact: true, okToText: true, phone: '555-0113' });
    const before = await contentHash(core);
    for (const method of REACH_METHODS) {
      const e = await refusal({ personId: dnc.id, method, reached: true, note: '' });
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/^They asked not to be contacted/);
    }
    expect(await contentHash(core)).toBe(before);
    const item = (await call('doors.list', {})).items.find((i) => i.person.id === dnc.id)!;
    expect(item.reach).toMatchObject({ doNotContact: true, phone: null });
  });

  it("door's open carries the number only when calls or texts are agreed", async () => {
    await awayWith('PH0001', { okToCall: true, phone: '555-0120' });
    await awayWith('PH0002', { okToText: true, phone: '555-0121' });
    await awayWith('PH0003', { okToLeaveMessage: true, okToEmail: true, phone: '555-0122', email: 'x@example.org' });
    const phones = Object.fromEntries((await call('doors.list', {})).items.map((i) => [i.person.clientCode, i.reach.phone]));
    expect(phones).toEqual({ PH0001: '555-0120', PH0002: '555-0121', PH0003: null });
  });
});

describe('clinic overview for a period', () => {
  it('counts people, contacts and naloxone kits separately, with new people and returns, and exports CSV', async () => {
    const p = await januaryToMarchThenAugust();
    await call('contacts.record', { personId: p.id, setting: 'clinic_visit', occurredAt: la('2026-08-05', '09:30') });
    const q = await call('people.create', { clientCode: 'QQ0001' });
    const catalog = await call('catalog.list', {});
    const inj = catalog.find((i) => i.label === 'Naloxone (injectable)')!;
    await call('contacts.record', { personId: q.id, setting: 'van', occurredAt: la('2026-02-10'), supplies: [{ itemId: inj.id, quantity: 3 }] });
    const o = await call('overview.period', { from: '2026-02-01', to: '2026-08-31' });
    // Maggie: 7 Feb x2, 21 Feb, 20 Mar, 5 Aug = 5 contacts; QQ0001: 1 contact. Naloxone: 2 + 3 kits.
    expect(o).toMatchObject({ distinctPeople: 2, contacts: 6, naloxoneKits: 5, newPeople: 1, returnsAfterTimeAway: 1 });
    expect(o.supplies).toEqual([
      { label: 'Naloxone (nasal)', category: 'naloxone', quantity: 2 },
      { label: 'Naloxone (injectable)', category: 'naloxone', quantity: 3 },
    ]);
    expect(o.continuity.coc).toEqual({ mean: 1, people: 1 });
    expect(o.continuity.peopleSeen).toBe(2);
    const csv = await call('overview.exportCsv', { from: '2026-02-01', to: '2026-08-31' });
    expect(csv.filename).toBe('doorway-harbour-street-clinic-overview-2026-02-01-to-2026-08-31.csv');
    const rows = Papa.parse<string[]>(csv.csv).data;
    expect(rows).toContainEqual(['Counts', 'Naloxone kits given', '5', 'Kits, not people or contacts']);
    expect(rows).toContainEqual(['Continuity', 'COC', '1.000', 'Average over 1 person with at least 2 contacts']);
    expect(await valueOf(core, "SELECT count(*) FROM audit_events WHERE action = 'overview.export'")).toBe(1);
  });

  it('counts two contacts 90 days apart over the 12 months ending with the period, and names categories in the CSV', async () => {
    const catalog = await call('catalog.list', {});
    const nasal = catalog.find((i) => i.label === 'Naloxone (nasal)')!;
    // Rae: 1 Oct 2025 and 10 Feb 2026, 132 days apart, both within the 12 months up to 28 Feb 2026.
    const rae = await call('people.create', { clientCode: 'RA0001' });
    await call('contacts.record', { personId: rae.id, setting: 'drop_in', occurredAt: la('2025-10-01') });
    await call('contacts.record', { personId: rae.id, setting: 'drop_in', occurredAt: la('2026-02-10'), supplies: [{ itemId: nasal.id, quantity: 1200 }] });
    // Sol: 15 Jan 2025 is more than 12 months before 28 Feb 2026 (the window starts 1 Mar 2025), so one contact in it.
    const sol = await call('people.create', { clientCode: 'SO0001' });
    await call('contacts.record', { personId: sol.id, setting: 'van', occurredAt: la('2025-01-15') });
    await call('contacts.record', { personId: sol.id, setting: 'van', occurredAt: la('2026-02-20') });
    const o = await call('overview.period', { from: '2026-02-01', to: '2026-02-28' });
    // Within February alone each has one contact: counting over the period only would give 0.
    expect(o.continuity).toMatchObject({ peopleSeen: 2, twoContacts90DaysApart: 1, contactInLast6Months: 2, retentionTo: '2026-02-28' });
    const rows = Papa.parse<string[]>((await call('overview.exportCsv', { from: '2026-02-01', to: '2026-02-28' })).csv).data;
    expect(rows).toContainEqual(['Supplies', 'Naloxone (nasal)', '1200', 'Naloxone']);
    expect(rows).toContainEqual([
      'Continuity',
      'People with two contacts at least 90 days apart within 12 months',
      '1',
      'Of 2 people seen in the period; the 12 months up to 2026-02-28',
    ]);
    expect(rows.flat()).not.toContain('naloxone');
  });

  it('refuses a period that ends before it starts, writing nothing', async () => {
    const before = await contentHash(core);
    const r = await router('overview.period', { from: '2026-05-01', to: '2026-04-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'The period starts before it ends. Please check the dates.' } });
    expect(await contentHash(core)).toBe(before);
  });
});

describe('derived days stay in step with edits', () => {
  it('backdating, moving and removing contacts recompute gaps from that point on', async () => {
    const p = await call('people.create', { clientCode: 'GG0001' });
    const a = await call('contacts.record', { personId: p.id, setting: 'drop_in', occurredAt: la('2026-01-01') });
    const c = await call('contacts.record', { personId: p.id, setting: 'drop_in', occurredAt: la('2026-05-01') });
    const gaps = async () =>
      (await rowsOf<{ local_day: string; prev_gap_days: number | null }>(core, 'SELECT local_day, prev_gap_days FROM contacts WHERE person_id = ? AND deleted_at IS NULL ORDER BY occurred_at', p.id)).map((r) => [r.local_day, r.prev_gap_days]);
    expect(await gaps()).toEqual([['2026-01-01', null], ['2026-05-01', 120]]);
    const b = await call('contacts.record', { personId: p.id, setting: 'drop_in', occurredAt: la('2026-02-15') });
    expect(await gaps()).toEqual([['2026-01-01', null], ['2026-02-15', 45], ['2026-05-01', 75]]);
    await call('contacts.update', { id: b.id, changes: { occurredAt: la('2026-04-20') } });
    expect(await gaps()).toEqual([['2026-01-01', null], ['2026-04-20', 109], ['2026-05-01', 11]]);
    await call('contacts.delete', { id: a.id, reason: 'Recorded for the wrong person' });
    expect(await gaps()).toEqual([['2026-04-20', null], ['2026-05-01', 11]]);
    await call('contacts.restore', { id: a.id });
    expect(await gaps()).toEqual([['2026-01-01', null], ['2026-04-20', 109], ['2026-05-01', 11]]);
    expect(c.id).toBeGreaterThan(0);
  });
});

describe('monthly figures kept by triggers', () => {
  const direct = () =>
    rowsOf(
      core,
      `SELECT substr(local_day, 1, 7) AS month, count(*) AS contacts, count(DISTINCT person_id) AS people,
         coalesce(sum(CASE WHEN prev_gap_days > (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'absenceThresholdDays') THEN 1 ELSE 0 END), 0) AS returns
       FROM contacts WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1`,
    );
  const kept = () => rowsOf(core, 'SELECT month, contacts, people, returns FROM month_stats WHERE contacts > 0 ORDER BY month');

  it('match a direct count after records, edits, removals, restores, a time zone change and a threshold change', async () => {
    const a = await call('people.create', { clientCode: 'AA0001' });
    const b = await call('people.create', { clientCode: 'BB0002' });
    const ids: number[] = [];
    for (const [p, d] of [[a, '2026-01-05'], [a, '2026-01-31'], [b, '2026-01-20'], [a, '2026-05-01'], [b, '2026-05-02'], [b, '2026-07-30']] as const) {
      ids.push((await call('contacts.record', { personId: p.id, setting: 'drop_in', occurredAt: la(d, '23:30') })).id);
    }
    expect(await kept()).toEqual(await direct());
    await call('contacts.update', { id: ids[1]!, changes: { occurredAt: la('2026-03-15') } });
    await call('contacts.delete', { id: ids[3]!, reason: 'Entered twice by mistake' });
    expect(await kept()).toEqual(await direct());
    await call('contacts.restore', { id: ids[3]! });
    await call('settings.update', { timeZone: 'Pacific/Auckland' });
    expect(await kept()).toEqual(await direct());
    await call('settings.update', { absenceThresholdDays: 30 });
    expect(await kept()).toEqual(await direct());
    expect(((await kept()) as { returns: number }[]).reduce((sum, m) => sum + m.returns, 0)).toBeGreaterThan(0);
  });
});
