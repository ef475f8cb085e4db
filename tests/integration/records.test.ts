import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import type { Router } from '../../electron/core';
import type { Doorway } from '../../electron/core';
import { columnOf, contentHash, removeDir, setUpVault, tempDir, valueOf } from '../support/vault';

let dir: string;
let core: Doorway;
let router: Router;
let now = Date.parse('2026-11-21T15:00:00Z');

beforeEach(async () => {
  dir = tempDir();
  now = Date.parse('2026-11-21T15:00:00Z');
  const made = await setUpVault(dir);
  core = made.core;
  router = made.router;
  (core.options as { now?: () => Date }).now = () => new Date(now);
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

async function refused<K extends ChannelName>(name: K, input: unknown, code: string, message: RegExp) {
  const before = await contentHash(core);
  const r = await router(name, input);
  expect(r.ok, `${name} should refuse`).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
  }
  expect(await contentHash(core), `${name} wrote something while refusing`).toBe(before);
  return r;
}

describe('people', () => {
  it('a person can be just a client code; the code is stored in capitals', async () => {
    const p = await call('people.create', { clientCode: 'ma0712' });
    expect(p).toMatchObject({ clientCode: 'MA0712', name: null, preferredName: null, phase: 'engagement', contactCount: 0, lastContactAt: null });
  });

  it('a client code collision is shown with the existing record, never merged', async () => {
    const first = await call('people.create', { clientCode: 'MA0712', name: 'Maggie Example' });
    const r = await refused('people.create', { clientCode: 'ma0712', name: 'Someone Else' }, 'CONFLICT', /already belongs to someone else/);
    if (!r.ok) expect(r.error.conflictId).toBe(first.id);
    expect((await call('people.list', {})).total).toBe(1);
  });

  it("follows the clinic's client-code recipe when one is set", async () => {
    await call('settings.update', { clientCodeMask: 'AA9999', clientCodeHint: "two letters of your mother's name, then birth month and day" });
    await refused('people.create', { clientCode: 'M0712' }, 'INVALID_INPUT', /recipe \(AA9999: two letters/);
    expect((await call('people.create', { clientCode: 'ma0712' })).clientCode).toBe('MA0712');
  });

  it('search finds by code, name and preferred-name fragments, tolerant of case and partial input', async () => {
    const maggie = await call('people.create', { clientCode: 'MA0712', name: 'Margaret Okafor', preferredName: 'Maggie' });
    const dee = await call('people.create', { clientCode: 'DJ1103', name: 'Deandre Jackson', preferredName: 'Dee' });
    await call('people.create', { clientCode: 'TQ0420' });
    const ids = async (q: string) => (await call('people.search', { query: q })).map((p) => p.id).sort();
    expect(await ids('ma07')).toEqual([maggie.id]);
    expect(await ids('0712')).toEqual([maggie.id]);
    expect(await ids('okaf')).toEqual([maggie.id]);
    expect(await ids('AGGI')).toEqual([maggie.id]);
    expect(await ids('dee')).toEqual([dee.id]);
    expect(await ids('jack')).toEqual([dee.id]);
    expect(await ids('de')).toEqual([dee.id]);
    expect(await ids('d')).toEqual([dee.id]);
    expect(await ids('deandre jack')).toEqual([dee.id]);
    expect(await ids('zzz')).toEqual([]);
    expect(await ids('"')).toEqual([]);
    // Edits and removals are reflected at once.
    await call('people.update', { id: dee.id, changes: { preferredName: 'Andre' } });
    expect(await ids('andre')).toEqual([dee.id]);
    await call('people.delete', { id: maggie.id, reason: 'Entered twice by mistake' });
    expect(await ids('okaf')).toEqual([]);
  });

  it('every edit keeps who, when and the previous value', async () => {
    const p = await call('people.create', { clientCode: 'MA0712', preferredName: 'Mags' });
    now += 60_000;
    await call('people.update', { id: p.id, changes: { preferredName: 'Maggie', pronouns: 'she/her' } });
    const h = await call('history.get', { recordType: 'person', id: p.id });
    expect(h).toEqual([
      expect.objectContaining({ change: 'edit', changedBy: 'River Stone', changedAt: '2026-11-21T15:01:00.000Z', previous: { preferredName: 'Mags', pronouns: null } }),
    ]);
    // An edit that changes nothing keeps no history.
    await call('people.update', { id: p.id, changes: { preferredName: 'Maggie' } });
    expect(await call('history.get', { recordType: 'person', id: p.id })).toHaveLength(1);
  });

  it('soft delete needs a reason; an administrator restores; the code must still be free', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    await refused('people.delete', { id: p.id, reason: '' }, 'INVALID_INPUT', /say briefly why/);
    await call('people.delete', { id: p.id, reason: 'Entered twice by mistake' });
    expect((await call('people.list', {})).total).toBe(0);
    expect((await call('people.list', { removed: true })).items.map((x) => x.id)).toEqual([p.id]);
    const page = await call('people.get', { id: p.id });
    expect(page.person).toMatchObject({ deleted: true, deleteReason: 'Entered twice by mistake' });
    await call('people.restore', { id: p.id });
    expect((await call('people.list', {})).total).toBe(1);
    const h = await call('history.get', { recordType: 'person', id: p.id });
    expect(h.map((x) => x.change)).toEqual(['restore', 'delete']);
  });

  it('lists sort by last contact and filter by phase', async () => {
    const a = await call('people.create', { clientCode: 'AA0001' });
    const b = await call('people.create', { clientCode: 'BB0002' });
    const c = await call('people.create', { clientCode: 'CC0003' });
    await call('contacts.record', { personId: a.id, setting: 'drop_in', occurredAt: '2026-10-01T10:00:00Z' });
    await call('contacts.record', { personId: b.id, setting: 'drop_in', occurredAt: '2026-11-01T10:00:00Z' });
    await call('entries.add', { personId: a.id, kind: 'phase_change', occurredOn: '2026-11-01', data: { phase: 'maintenance', reason: 'Comes in every week now' } });
    expect((await call('people.list', { sort: 'last_contact' })).items.map((p) => p.id)).toEqual([b.id, a.id, c.id]);
    expect((await call('people.list', { phase: 'maintenance' })).items.map((p) => p.id)).toEqual([a.id]);
    expect((await call('people.list', { phase: 'engagement' })).items.map((p) => p.id)).toEqual([b.id, c.id]);
  });
});

describe('contacts', () => {
  it('records a contact with services, supplies and defaults (now, signed-in staff), and keeps the summary current', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    const catalog = await call('catalog.list', {});
    const nasal = catalog.find((i) => i.label === 'Naloxone (nasal)')!;
    const strips = catalog.find((i) => i.label === 'Fentanyl test strips')!;
    const wound = catalog.find((i) => i.label === 'Wound care')!;
    const c = await call('contacts.record', {
      personId: p.id,
      setting: 'ssp_exchange',
      services: [wound.id],
      supplies: [{ itemId: nasal.id, quantity: 2 }, { itemId: strips.id, quantity: 10 }],
      whatMattered: 'Wanted to talk about her sister',
      note: 'Cleaned and dressed a wound on the left forearm.',
    });
    expect(c).toMatchObject({
      occurredAt: '2026-11-21T15:00:00.000Z',
      enteredLater: false,
      staffName: 'River Stone',
      services: [{ label: 'Wound care' }],
      supplies: [{ label: 'Naloxone (nasal)', category: 'naloxone', quantity: 2 }, { label: 'Fentanyl test strips', quantity: 10 }],
    });
    const page = await call('people.get', { id: p.id });
    expect(page.person).toMatchObject({ contactCount: 1, lastContactAt: '2026-11-21T15:00:00.000Z', firstContactAt: '2026-11-21T15:00:00.000Z' });
  });

  it('backdating is allowed and marked "entered later" with the real entry time', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    const c = await call('contacts.record', { personId: p.id, setting: 'street_outreach', occurredAt: '2026-11-19T21:30:00-05:00' });
    expect(c).toMatchObject({ occurredAt: '2026-11-20T02:30:00.000Z', enteredAt: '2026-11-21T15:00:00.000Z', enteredLater: true });
  });

  it('refuses wrong input with a clear message and writes nothing', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    await refused('contacts.record', { personId: p.id, setting: 'jail' }, 'INVALID_INPUT', /./);
    await refused('contacts.record', { personId: 999, setting: 'drop_in' }, 'NOT_FOUND', /could not be found/);
    await refused('contacts.record', { personId: p.id, setting: 'drop_in', occurredAt: '2026-12-25T10:00:00Z' }, 'INVALID_INPUT', /future/);
    await refused('contacts.record', { personId: p.id, setting: 'drop_in', supplies: [{ itemId: 9999, quantity: 1 }] }, 'INVALID_INPUT', /not in the site's list/);
    await refused('contacts.record', { personId: p.id, setting: 'drop_in', supplies: [{ itemId: 9, quantity: 0 }] }, 'INVALID_INPUT', /start at 1/);
    await refused('contacts.record', { personId: p.id, setting: 'drop_in', staffId: 77 }, 'INVALID_INPUT', /staff member/);
  });

  it('edit history and soft delete / restore round-trip', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    const c = await call('contacts.record', { personId: p.id, setting: 'drop_in', whatMattered: 'Getting ID back' });
    now += 120_000;
    await call('contacts.update', { id: c.id, changes: { whatMattered: 'Getting her ID back before court' } });
    await call('contacts.delete', { id: c.id, reason: 'Recorded for the wrong person' });
    let page = await call('people.get', { id: p.id });
    expect(page.person.contactCount).toBe(0);
    expect(page.contacts[0]).toMatchObject({ deleted: true, deleteReason: 'Recorded for the wrong person' });
    await call('contacts.restore', { id: c.id });
    page = await call('people.get', { id: p.id });
    expect(page.person.contactCount).toBe(1);
    expect(page.contacts[0]).toMatchObject({ deleted: false, whatMattered: 'Getting her ID back before court' });
    const h = await call('history.get', { recordType: 'contact', id: c.id });
    expect(h.map((x) => x.change)).toEqual(['restore', 'delete', 'edit']);
    expect(h[2]!.previous).toMatchObject({ whatMattered: 'Getting ID back' });
    const actions = await columnOf(core, "SELECT action FROM audit_events WHERE action LIKE 'contact.%' ORDER BY id");
    expect(actions).toEqual(['contact.create', 'contact.update', 'contact.delete', 'contact.restore']);
  });
});

describe('what matters to the person', () => {
  it('goals in their own words, with status changes kept as history', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    const g = await call('entries.add', { personId: p.id, kind: 'goal', occurredOn: '2026-11-02', data: { text: 'Get my own place by spring' } });
    expect(g.data).toEqual({ text: 'Get my own place by spring', status: 'working_on_it', statusChangedOn: null });
    const reached = await call('entries.update', { id: g.id, data: { status: 'reached' } });
    expect(reached.data).toEqual({ text: 'Get my own place by spring', status: 'reached', statusChangedOn: '2026-11-21' });
    await refused('entries.update', { id: g.id, data: { status: 'failed' } }, 'INVALID_INPUT', /./);
    const h = await call('history.get', { recordType: 'entry', id: g.id });
    expect(h[0]!.previous).toEqual({ occurredOn: '2026-11-02', data: { text: 'Get my own place by spring', status: 'working_on_it', statusChangedOn: null } });
  });

  it('a phase change is dated, says who and why, and sets the current phase', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    const e = await call('entries.add', { personId: p.id, kind: 'phase_change', occurredOn: '2026-09-15', data: { phase: 'maintenance', reason: 'Trust is there; weekly visits' } });
    expect(e).toMatchObject({ createdBy: 'River Stone', occurredOn: '2026-09-15' });
    expect((await call('people.get', { id: p.id })).person.phase).toBe('maintenance');
    await call('entries.delete', { id: e.id, reason: 'Entered for the wrong person' });
    expect((await call('people.get', { id: p.id })).person.phase).toBe('engagement');
  });

  it('substance use is optional, several at once, and "prefers not to say" is always valid', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    await call('entries.add', { personId: p.id, kind: 'substance_use', occurredOn: '2026-11-02', data: { prefersNotToSay: true } });
    await call('entries.add', {
      personId: p.id,
      kind: 'substance_use',
      occurredOn: '2026-11-10',
      data: { substances: [{ substance: 'Fentanyl', route: 'smoke', frequency: 'daily' }, { substance: 'Methamphetamine', route: 'smoke' }] },
    });
    await refused('entries.add', { personId: p.id, kind: 'substance_use', occurredOn: '2026-11-10', data: {} }, 'INVALID_INPUT', /prefers not to say/);
  });

  it('overdose responses, treatment interest, referrals and consents are validated by kind', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    await call('entries.add', {
      personId: p.id,
      kind: 'overdose_response',
      occurredOn: '2026-11-12',
      data: { reportedBy: 'A friend', location: 'Behind the library', naloxoneDoses: 2, called911: 'yes', someoneStayed: 'yes', substancesInvolved: ['fentanyl', 'xylazine'], outcome: 'alive_declined_transport' },
    });
    await call('entries.add', { personId: p.id, kind: 'treatment_interest', occurredOn: '2026-11-12', data: { option: 'buprenorphine', stance: 'not_right_now' } });
    await call('entries.add', { personId: p.id, kind: 'referral', occurredOn: '2026-11-12', data: { toWhat: 'Housing navigator' } });
    await call('entries.add', { personId: p.id, kind: 'consent', occurredOn: '2026-11-12', data: { shareWith: 'Eastside Housing', what: 'Name and phone number', until: '2027-05-12' } });
    await refused('entries.add', { personId: p.id, kind: 'overdose_response', occurredOn: '2026-11-12', data: { reportedBy: 'x', naloxoneDoses: -1, called911: 'yes', someoneStayed: 'no', outcome: 'not_known' } }, 'INVALID_INPUT', /Doses start at 0/);
    await refused('entries.add', { personId: p.id, kind: 'moment', occurredOn: '2027-01-01', data: { text: 'Came back' } }, 'INVALID_INPUT', /future/);
    const page = await call('people.get', { id: p.id });
    expect(page.entries.map((e) => e.kind).sort()).toEqual(['consent', 'overdose_response', 'referral', 'treatment_interest']);
  });
});

describe('audit of record openings', () => {
  it('records an opening once per person per minute, not per query', async () => {
    const p = await call('people.create', { clientCode: 'MA0712' });
    await call('people.get', { id: p.id });
    await call('people.get', { id: p.id });
    now += 30_000;
    await call('people.get', { id: p.id });
    now += 31_000;
    await call('people.get', { id: p.id });
    expect(await valueOf(core, "SELECT count(*) FROM audit_events WHERE action = 'person.open'")).toBe(2);
  });
});
