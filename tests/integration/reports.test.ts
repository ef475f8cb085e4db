import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke, type Doorway, type Router } from '../../electron/core';
import { overdoseFigures } from '../../electron/core/reports/reports';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import { addStaff, signIn, signInAdmin } from '../support/staff';
import { contentHash, dataOf, removeDir, rowsOf, setUpVault, tempDir } from '../support/vault';

/**
 * Funder reports against a small hand-built clinic whose numbers are worked out by hand below. The
 * clinic is in Los Angeles; the period is March 2026 (UTC-8 until 8 March, UTC-7 after).
 *
 *   AA01 returning  first 15 Feb (drop-in); 1 Mar van, 20 syringes (the first day); 5 Mar removed; 20 Mar drop-in
 *   BB02 new        31 Mar 23:30 local (1 Apr in UTC) SSP exchange: 10 syringes, 2 nasal naloxone (the last day)
 *   CC03 not seen   1 Apr 00:30 local (the day after), naloxone training
 *   DD04 new        10 Mar street outreach, 1 injectable naloxone; 15 Mar van, naloxone training
 *   EE05 not seen   28 Feb (the day before)
 *   FF06 returning  1 Oct 2025 drop-in; 25 Mar drop-in after 175 days away (a welcome back)
 *
 * March: 6 contacts, 4 people (2 new: BB02 DD04; 2 returning: AA01 FF06), 1 return after time away;
 * drop-in 2 contacts / 2 people, street outreach 1/1, van 2/2, SSP exchange 1/1;
 * syringes 30, nasal naloxone 2, injectable naloxone 1: naloxone kits 3.
 *
 * Overdose responses in March: BB02 12 Mar (someone with them, alive and stayed, 2 doses), DD04 31 Mar
 * (their own, alive and went to hospital, 1 dose), FF06 1 Mar (who not recorded, not known, 0 doses);
 * AA01 1 Apr (died) is the day after and does not count.
 */

let dir: string;
let core: Doorway;
let router: Router;

beforeEach(async () => {
  dir = tempDir();
  const made = await setUpVault(dir);
  core = made.core;
  router = made.router;
  (core.options as { now?: () => Date }).now = () => new Date('2026-04-10T18:00:00Z');
  await call('settings.update', { timeZone: 'America/Los_Angeles', absenceThresholdDays: 60 });
});
afterEach(() => {
  core.close();
  removeDir(dir);
});

async function call<K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await invoke(router, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const la = (day: string, time = '10:00') => new Date(`${day}T${time}:00${day < '2026-03-08' || day > '2026-11-01' ? '-08:00' : '-07:00'}`).toISOString();
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function clinic() {
  const catalog = await call('catalog.list', {});
  const item = (label: string) => catalog.find((i) => i.label === label)!.id;
  const [syringes, nasal, injectable] = [item('Syringes'), item('Naloxone (nasal)'), item('Naloxone (injectable)')];
  const person = (clientCode: string, name: string) => call('people.create', { clientCode, name, birthYear: 1980 });
  const contact = (personId: number, day: string, setting: InputOf<'contacts.record'>['setting'], extra: Partial<InputOf<'contacts.record'>> = {}, time?: string) =>
    call('contacts.record', { personId, setting, occurredAt: la(day, time), note: `Private note for ${day}`, ...extra });

  const a = await person('AA01', 'Avery Private');
  await contact(a.id, '2026-02-15', 'drop_in');
  await contact(a.id, '2026-03-01', 'van', { supplies: [{ itemId: syringes, quantity: 20 }] }, '00:15');
  const removed = await contact(a.id, '2026-03-05', 'drop_in', { supplies: [{ itemId: syringes, quantity: 500 }] });
  await call('contacts.delete', { id: removed.id, reason: 'Entered for the wrong person' });
  await contact(a.id, '2026-03-20', 'drop_in', { services: [item('Wound care')] });

  const b = await person('BB02', 'Bea Private');
  await contact(b.id, '2026-03-31', 'ssp_exchange', { supplies: [{ itemId: syringes, quantity: 10 }, { itemId: nasal, quantity: 2 }] }, '23:30');

  const c = await person('CC03', 'Cam Private');
  await contact(c.id, '2026-04-01', 'van', { supplies: [{ itemId: nasal, quantity: 5 }], services: [item('Naloxone training')] }, '00:30');

  const d = await person('DD04', 'Dee Private');
  await contact(d.id, '2026-03-10', 'street_outreach', { supplies: [{ itemId: injectable, quantity: 1 }] });
  await contact(d.id, '2026-03-15', 'van', { services: [item('Naloxone training')] });

  const e = await person('EE05', 'Eli Private');
  await contact(e.id, '2026-02-28', 'van', {}, '23:59');

  const f = await person('FF06', 'Fay Private');
  await contact(f.id, '2025-10-01', 'drop_in');
  await contact(f.id, '2026-03-25', 'drop_in');

  const overdose = (personId: number, occurredOn: string, data: Record<string, unknown>) =>
    call('entries.add', { personId, kind: 'overdose_response', occurredOn, data: { reportedBy: 'Outreach worker', location: 'Secret place', called911: 'yes', someoneStayed: 'yes', ...data } });
  await overdose(b.id, '2026-03-12', { whoOverdosed: 'someone_with_them', naloxoneDoses: 2, outcome: 'alive_stayed' });
  await overdose(d.id, '2026-03-31', { whoOverdosed: 'this_person', naloxoneDoses: 1, outcome: 'alive_went_to_hospital' });
  await overdose(f.id, '2026-03-01', { naloxoneDoses: 0, outcome: 'not_known' });
  await overdose(a.id, '2026-04-01', { whoOverdosed: 'this_person', naloxoneDoses: 3, outcome: 'died' });
  return { syringes, nasal, injectable, wound: item('Wound care') };
}

describe('funder report figures', () => {
  it('counts people, contacts and supplies apart, new against returning, on the period’s edges', async () => {
    await clinic();
    const f = await call('reports.figures', MARCH);
    expect(f).toMatchObject({ people: 4, contacts: 6, newPeople: 2, returningPeople: 2, returnsAfterTimeAway: 1, naloxoneKits: 3, itemLabel: null });
    expect(f.bySetting).toEqual([
      { setting: 'drop_in', contacts: 2, people: 2 },
      { setting: 'street_outreach', contacts: 1, people: 1 },
      { setting: 'van', contacts: 2, people: 2 },
      { setting: 'ssp_exchange', contacts: 1, people: 1 },
    ]);
    expect(f.supplies).toEqual([
      { label: 'Naloxone (nasal)', category: 'naloxone', quantity: 2 },
      { label: 'Naloxone (injectable)', category: 'naloxone', quantity: 1 },
      { label: 'Syringes', category: 'syringes', quantity: 30 },
    ]);
    expect(f.supplyCategories).toEqual([
      { category: 'naloxone', quantity: 3 },
      { category: 'syringes', quantity: 30 },
    ]);
    // The same rules as the clinic overview: the unscoped report and the overview agree.
    const o = await call('overview.period', MARCH);
    expect([o.distinctPeople, o.contacts, o.newPeople, o.naloxoneKits, o.returnsAfterTimeAway]).toEqual([f.people, f.contacts, f.newPeople, f.naloxoneKits, f.returnsAfterTimeAway]);
  });

  it('one day: the first day of the period alone, and the day after it', async () => {
    await clinic();
    expect(await call('reports.figures', { from: '2026-03-01', to: '2026-03-01' })).toMatchObject({ people: 1, contacts: 1, newPeople: 0, returningPeople: 1 });
    // 1 April: CC03's first contact (new); BB02's 23:30 on 31 March is not on it.
    expect(await call('reports.figures', { from: '2026-04-01', to: '2026-04-01' })).toMatchObject({ people: 1, contacts: 1, newPeople: 1, naloxoneKits: 5 });
  });

  it('one setting: the van in March', async () => {
    await clinic();
    const f = await call('reports.figures', { ...MARCH, setting: 'van' });
    // AA01 on 1 March (returning) and DD04 on 15 March (new: first contact 10 March, at another setting).
    expect(f).toMatchObject({ people: 2, contacts: 2, newPeople: 1, returningPeople: 1, naloxoneKits: 0, setting: 'van' });
    expect(f.bySetting).toEqual([{ setting: 'van', contacts: 2, people: 2 }]);
    expect(f.supplies).toEqual([{ label: 'Syringes', category: 'syringes', quantity: 20 }]);
  });

  it('one supply: nasal naloxone counts only the contacts it was given at, and only itself', async () => {
    const { nasal, wound } = await clinic();
    const f = await call('reports.figures', { ...MARCH, itemId: nasal });
    expect(f).toMatchObject({ people: 1, contacts: 1, newPeople: 1, returningPeople: 0, naloxoneKits: 2, itemLabel: 'Naloxone (nasal)' });
    expect(f.supplies).toEqual([{ label: 'Naloxone (nasal)', category: 'naloxone', quantity: 2 }]);
    const service = await invoke(router, 'reports.figures', { ...MARCH, itemId: wound });
    expect(service).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'That is a service, not a supply. Please choose a supply.' } });
    expect(await invoke(router, 'reports.figures', { ...MARCH, itemId: 99_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await invoke(router, 'reports.figures', { from: '2026-03-31', to: '2026-03-01' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The period starts before it ends. Please check the dates.' },
    });
  });

  it('overdose responses reported, with their outcomes, counted only', async () => {
    await clinic();
    const od = await call('reports.overdoseResponses', MARCH);
    expect(od).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      total: 3,
      byOutcome: [
        { outcome: 'alive_stayed', count: 1 },
        { outcome: 'alive_went_to_hospital', count: 1 },
        { outcome: 'alive_declined_transport', count: 0 },
        { outcome: 'died', count: 0 },
        { outcome: 'not_known', count: 1 },
      ],
      byWho: [
        { who: 'this_person', count: 1 },
        { who: 'someone_with_them', count: 1 },
        { who: 'not_recorded', count: 1 },
      ],
      naloxoneDosesUsed: 3,
    });
    expect(JSON.stringify(od)).not.toMatch(/Secret place|Outreach worker/);
  });
});

describe('exports', () => {
  it('the line list as CSV: one row per contact, de-identified, and audited', async () => {
    await clinic();
    const file = await call('reports.exportLineList', { ...MARCH, format: 'csv' });
    expect(file.filename).toBe('doorway-harbour-street-clinic-line-list-2026-03-01-to-2026-03-31.csv');
    const parsed = Papa.parse<string[]>(file.content, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['Client code', 'Date', 'Setting', 'Services', 'Supplies'],
      ['AA01', '2026-03-01', 'Van', '', 'Syringes x20'],
      ['DD04', '2026-03-10', 'Street outreach', '', 'Naloxone (injectable) x1'],
      ['DD04', '2026-03-15', 'Van', 'Naloxone training', ''],
      ['AA01', '2026-03-20', 'Drop-in', 'Wound care', ''],
      ['FF06', '2026-03-25', 'Drop-in', '', ''],
      ['BB02', '2026-03-31', 'SSP exchange', '', 'Naloxone (nasal) x2; Syringes x10'],
    ]);
    expect(file.rows).toBe(6);
    expect(file.content).not.toMatch(/Private|1980|note/i);
    const [event] = await rowsOf<{ action: string; actor_username: string; details: string }>(core, "SELECT action, actor_username, details FROM audit_events WHERE action = 'report.lineList'");
    expect(event).toMatchObject({ action: 'report.lineList', actor_username: 'river' });
    expect(JSON.parse(event!.details)).toEqual({ format: 'csv', from: '2026-03-01', to: '2026-03-31', setting: null, itemId: null, rows: 6 });
  });

  it('the line list as XLSX, read back with exceljs, for one setting', async () => {
    await clinic();
    const file = await call('reports.exportLineList', { ...MARCH, setting: 'van', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Contacts')!;
    const rows = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ['Client code', 'Date', 'Setting', 'Services', 'Supplies'],
      ['AA01', '2026-03-01', 'Van', '', 'Syringes x20'],
      ['DD04', '2026-03-15', 'Van', 'Naloxone training', ''],
    ]);
    const about = wb.getWorksheet('About')!.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).join(' ') : ''));
    expect(about.join('\n')).toMatch(/Setting Van/);
    expect(about.join('\n')).toMatch(/Leaves out Names/);
  });

  it('the SSP indicators template as CSV names its source and fills the fields it can', async () => {
    await clinic();
    const file = await call('reports.exportTemplate', { ...MARCH, template: 'ssp_indicators', format: 'csv' });
    const rows = Papa.parse<string[]>(file.content, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Report', 'Syringe services program indicators']);
    expect(rows.filter((r) => r[0] === 'Source').map((r) => r[1])).toEqual([expect.stringContaining('https://sharpta.uw.edu/'), expect.stringContaining('https://sharpta.uw.edu/')]);
    const value = (code: string) => rows.find((r) => r[0] === code)?.[2];
    expect(value('05')).toBe('Drop-in; Street outreach; Van; SSP exchange');
    expect(value('06')).toBe('6');
    expect(value('11')).toBe('3');
    expect(value('12')).toBe('1');
    expect(value('13')).toBe('1');
    expect(rows.some((r) => r[0] === 'Not mapped')).toBe(true);
    expect(file.content).not.toMatch(/Private|Secret place|AA01/);
    const [event] = await rowsOf<{ details: string }>(core, "SELECT details FROM audit_events WHERE action = 'report.export'");
    expect(JSON.parse(event!.details)).toMatchObject({ template: 'ssp_indicators', format: 'csv', from: '2026-03-01', to: '2026-03-31' });
  });

  it('the naloxone quarterly template as XLSX, read back with exceljs', async () => {
    await clinic();
    const file = await call('reports.exportTemplate', { ...MARCH, template: 'naloxone_quarterly', format: 'xlsx' });
    expect(file.filename).toMatch(/naloxone-quarterly-2026-03-01-to-2026-03-31\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
    // getSheetValues is sparse: blank rows are holes.
    const rows = wb.getWorksheet('Report')!.getSheetValues().filter(Array.isArray).map((r) => (r as unknown[]).slice(1));
    const value = (code: string) => rows.find((r) => r[0] === code)?.[2];
    expect(value('ONP i')).toBe(1);
    expect(value('ONP ii')).toBe(2);
    // DD04 trained on 15 March; CC03 on 1 April is the day after.
    expect(value('ONP iii')).toBe(1);
    // Alive afterwards, whoever responded: BB02's and DD04's.
    expect(value('CA NDP')).toBe(2);
    expect(rows.filter((r) => r[0] === 'Source').map((r) => String(r[1]))).toEqual([expect.stringContaining('https://confluence.camh.ca/x/iR7IB'), expect.stringContaining('https://www.dhcs.ca.gov/')]);
  });
});

describe('roles', () => {
  it('the front desk sees the figures but is refused overdose outcomes and the exports, with a clear message, and nothing changes', async () => {
    await clinic();
    const jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
    await signIn(router, jo.username, jo.password);
    expect(await call('reports.figures', MARCH)).toMatchObject({ people: 4, contacts: 6 });
    const before = await contentHash(core, { exceptAudit: true });
    const refused = 'Your role does not include this. An administrator can help if you need it.';
    expect(await invoke(router, 'reports.overdoseResponses', MARCH)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: refused, key: 'general.roleLacks' } });
    expect(await invoke(router, 'reports.exportTemplate', { ...MARCH, template: 'ssp_indicators', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: refused } });
    expect(await invoke(router, 'reports.exportLineList', { ...MARCH, format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: refused } });
    expect(await contentHash(core, { exceptAudit: true })).toBe(before);
    // Core refuses too, whatever the router: the outcomes are clinical.
    await expect(overdoseFigures(dataOf(core), MARCH, 'front_desk')).rejects.toThrow('Overdose responses and their outcomes are clinical records, so they are for clinicians and administrators.');
    await signInAdmin(router);
    expect(await rowsOf(core, "SELECT id FROM audit_events WHERE action IN ('report.export', 'report.lineList')")).toEqual([]);
  });

  it('a clinician may prepare the reports', async () => {
    await clinic();
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Lee');
    await signIn(router, sam.username, sam.password);
    expect((await call('reports.overdoseResponses', MARCH)).total).toBe(3);
    expect((await call('reports.exportLineList', { ...MARCH, format: 'csv' })).rows).toBe(6);
  });
});
