import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import { problemText, type ImportProblem } from '../../shared/contract/import';
import { messageText } from '../../shared/messages';
import type { Doorway, Router } from '../../electron/core';
import { addStaff, signIn } from '../support/staff';
import { contentHash, removeDir, rowsOf, setUpVault, tempDir, valueOf } from '../support/vault';

/**
 * Spreadsheet import through the router, on a real encrypted vault: the files are the messy ones
 * programs bring (a BOM, semicolons, quoted commas and line breaks, blank lines, mixed date formats,
 * Spanish headers, an XLSX from Excel), and nothing is written unless every row is in order.
 */

let dir: string;
let core: Doorway;
let router: Router;
const NOW = Date.parse('2026-11-21T15:00:00Z');

beforeEach(async () => {
  dir = tempDir('doorway-import-');
  const made = await setUpVault(dir);
  core = made.core;
  router = made.router;
  (core.options as { now?: () => Date }).now = () => new Date(NOW);
  // A clinic in Los Angeles: dates that read both ways are month first, days are Pacific days.
  await call('settings.update', { timeZone: 'America/Los_Angeles' });
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

/** Each problem as the command line prints it (English), the sentence the screen says in each staff member's language. */
const texts = (r: { problems: ImportProblem[] }) => r.problems.map((p) => problemText(p, messageText));

const file = (name: string, content: string | Buffer) => ({ name, base64: Buffer.from(content).toString('base64') });
const sha256 = (content: string | Buffer) => createHash('sha256').update(Buffer.from(content)).digest('hex');
const importEvents = () => rowsOf<{ details: string }>(core, "SELECT details FROM audit_events WHERE action = 'records.import' ORDER BY id");

/** Runs an import that must be refused, and proves it wrote nothing at all (audit trail included). */
async function refusedImport(input: InputOf<'import.run'>) {
  const before = await contentHash(core);
  const r = await call('import.run', input);
  expect(r.written).toBe(false);
  expect(r.problemCount).toBeGreaterThan(0);
  expect(await contentHash(core), 'a refused import wrote something').toBe(before);
  return r;
}

const PEOPLE_CSV =
  '\uFEFFCódigo;Nombre;Nombre preferido;Año de nacimiento;OK para mensajes;Teléfono;Horario seguro\r\n' +
  'kt-0412;"Flores, Ana";Ani;1985;sí;555-0101;"mañanas; no después de las 6"\r\n' +
  '\r\n' +
  'MB-2207;;;;no;;\r\n' +
  'RS-0033;"Stone, River ""Riv""";;1979.0;x;;"weekdays\r\nnot Fridays"\r\n';

describe('people from a spreadsheet', () => {
  it('previews a semicolon CSV with a BOM, Spanish headers, quoted separators and line breaks, writing nothing', async () => {
    const before = await contentHash(core);
    const p = await call('import.preview', { kind: 'people', file: file('personas.csv', PEOPLE_CSV) });
    expect(await contentHash(core)).toBe(before);
    expect(p.mappingFrom).toBe('guessed');
    expect(p.mapping).toEqual({
      clientCode: 'Código',
      name: 'Nombre',
      preferredName: 'Nombre preferido',
      birthYear: 'Año de nacimiento',
      okToText: 'OK para mensajes',
      phone: 'Teléfono',
      safeTimes: 'Horario seguro',
    });
    expect(p.problems).toEqual([]);
    expect(p.counts).toEqual({ rows: 3, peopleAdded: 3, peopleMatched: 0, contactsAdded: 0 });
    expect(p.sha256).toBe(sha256(PEOPLE_CSV));
    // The blank line keeps its number: the next person is on row 4, as the spreadsheet shows it.
    expect(p.rows.map((r) => r.row)).toEqual([2, 4, 5]);
    expect(p.rows[0]!.values).toMatchObject({ clientCode: 'KT-0412', name: 'Flores, Ana', preferredName: 'Ani', birthYear: 1985, okToText: true, phone: '555-0101', safeTimes: 'mañanas; no después de las 6' });
    expect(p.rows[2]!.values).toMatchObject({ clientCode: 'RS-0033', name: 'Stone, River "Riv"', birthYear: 1979, okToText: true, safeTimes: 'weekdays\r\nnot Fridays' });
    expect(p.fields.find((f) => f.field === 'clientCode')).toEqual({ field: 'clientCode', label: { key: 'import.fields.clientCode' }, required: true, column: 'Código' });
  });

  it('adds everyone in one step, findable, and audits the import once with the file name, SHA-256 and counts', async () => {
    const r = await call('import.run', { kind: 'people', file: file('personas.csv', PEOPLE_CSV) });
    expect(r).toMatchObject({ written: true, dryRun: false, problemCount: 0, counts: { rows: 3, peopleAdded: 3, peopleMatched: 0, contactsAdded: 0 } });
    const found = await call('people.search', { query: 'KT-0412', limit: 5 });
    expect(found[0]).toMatchObject({ clientCode: 'KT-0412', name: 'Flores, Ana', preferredName: 'Ani' });
    const page = await call('people.get', { id: found[0]!.id });
    expect(page.person.birthYear).toBe(1985);
    expect(page.person.contactPrefs).toMatchObject({ okToText: true, okToCall: false, phone: '555-0101', safeTimes: 'mañanas; no después de las 6' });
    const events = await importEvents();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toEqual({
      kind: 'people',
      file: 'personas.csv',
      sha256: sha256(PEOPLE_CSV),
      format: 'csv',
      rows: 3,
      peopleAdded: 3,
      peopleMatched: 0,
      contactsAdded: 0,
      matchExisting: false,
      dateOrder: 'month_first',
    });
    // No event per person: the import is one event.
    expect(Number(await valueOf(core, "SELECT count(*) FROM audit_events WHERE action = 'person.create'"))).toBe(0);
    const chain = await call('audit.verify', {});
    expect(chain.intact).toBe(true);
    // The administrator's audit screen lists it, filtered by its action.
    const listed = await call('audit.list', { action: 'records.import' });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ action: 'records.import', actorName: 'River Stone', subjectType: 'import', subjectId: null, person: null, details: { file: 'personas.csv', sha256: sha256(PEOPLE_CSV) } });
  });

  it('refuses codes that appear twice in the file, naming both rows, and writes nothing', async () => {
    const csv = 'Client code,Name\nKT-1,Ana\nKT-2,Ben\nkt-1,Another Ana\n';
    const r = await refusedImport({ kind: 'people', file: file('dup.csv', csv) });
    expect(texts(r)).toEqual(['Row 4, Client code: KT-1 is also on row 2. Each person is on one row; please keep one of them.']);
    expect(r.problems[0]).toMatchObject({ row: 4, column: 'Client code' });
  });

  it('shows people already in Doorway as matches, refuses them unless asked, and never changes their record', async () => {
    const existing = await call('people.create', { clientCode: 'KT-1', name: 'Ana Flores', preferredName: 'Ani' });
    const csv = 'Client code,Name\nKT-1,Somebody Else\nKT-2,Ben\n';
    const refused = await refusedImport({ kind: 'people', file: file('p.csv', csv) });
    expect(refused.matches).toEqual([{ row: 2, clientCode: 'KT-1', personId: existing.id, rows: 1 }]);
    expect(texts(refused)[0]).toMatch(/^Row 2, Client code: KT-1 is already in Doorway\. Nothing is added to someone's record from a file unless you choose to match/);

    const preview = await call('import.preview', { kind: 'people', file: file('p.csv', csv) });
    expect(preview.matches).toHaveLength(1);

    const r = await call('import.run', { kind: 'people', file: file('p.csv', csv), matchExisting: true });
    expect(r).toMatchObject({ written: true, counts: { peopleAdded: 1, peopleMatched: 1 } });
    const page = await call('people.get', { id: existing.id });
    expect(page.person).toMatchObject({ name: 'Ana Flores', preferredName: 'Ani' });
    expect(Number(await valueOf(core, 'SELECT count(*) FROM people'))).toBe(2);
  });

  it("checks new codes against the clinic's recipe and each cell with the record's own rules", async () => {
    await call('settings.update', { clientCodeMask: 'AA-9999' });
    const csv = 'Client code,Birth year,OK to call,Pronouns\nKT-0412,1985,yes,she/her\nKT-12,1985,,\nKT-0413,1850,,\nKT-0414,nineteen,,\nKT-0415,,maybe,\n,,,\n';
    const r = await refusedImport({ kind: 'people', file: file('p.csv', csv) });
    expect(texts(r)).toEqual([
      "Row 3, Client code: KT-12: This code doesn't follow the clinic's recipe (AA-9999).",
      // The rule's own words come from the record's schema (shared/contract/record-schemas), after the cell.
      expect.stringMatching(/^Row 4, Birth year: 1850: \S/),
      'Row 5, Birth year: nineteen is not a year.',
      'Row 6, OK to call: maybe is not yes or no.',
    ]);
  });

  it('remembers the mapping used for a file with the same headers, in any order', async () => {
    const mapping = { clientCode: 'Ref', preferredName: 'Alias' };
    await call('import.run', { kind: 'people', file: file('jan.csv', 'Ref,Alias,Staff notes\nKT-1,Ani,\n'), mapping });
    const next = await call('import.preview', { kind: 'people', file: file('feb.csv', 'alias,REF,Staff notes\nBen,KT-2,\n') });
    expect(next.mappingFrom).toBe('remembered');
    expect(next.mapping).toEqual(mapping);
    expect(next.rows[0]!.values).toMatchObject({ clientCode: 'KT-2', preferredName: 'Ben' });
    const other = await call('import.preview', { kind: 'people', file: file('other.csv', 'Ref,Alias\nKT-3,Cy\n') });
    expect(other.mappingFrom).toBe('guessed');
  });

  it('says plainly what is wrong with a mapping, and reads no rows', async () => {
    const r = await refusedImport({ kind: 'people', file: file('p.csv', 'Code,Name\nKT-1,Ana\n'), mapping: { clientCode: 'Client code', name: 'Name', pronouns: '' } });
    expect(texts(r)).toEqual([
      'The mapping uses a column "Client code", and the file has no column with that header.',
      'No column is chosen for Client code, and every row needs it.',
    ]);
    expect(r.problems[0]!.row).toBeNull();
  });
});

describe('contacts from a spreadsheet', () => {
  it('reads mixed date formats in the clinic order, services and supplies, and adds the people it names', async () => {
    const known = await call('people.create', { clientCode: 'KT-0412' });
    const csv = [
      'Client code,Date,Time,Setting,Staff,Services,Supplies,Naloxone (nasal),What mattered,Notes',
      // ISO with a time of its own
      'KT-0412,2025-03-05 14:30,,drop-in,River Stone,Wound care; Naloxone training,Syringes x20,2,"Warm socks, coffee",',
      // Both readings possible: the clinic (Los Angeles) reads month first, 3 May
      'KT-0412,05/03/2025,9:15 AM,SSP,river,,Syringes: 10; Fentanyl test strips 5,,,"Came back after the winter.\nAsked about housing."',
      '',
      // One reading only (so the file itself is month first); an Excel serial (45658 = 2025-01-01); a Spanish setting
      'NEW-7,4/13/2025,,calle,,,,1,,',
      'NEW-7,45658,,intercambio,,Check-in / conversation,,,,',
    ].join('\n');
    const unmatched = await call('import.preview', { kind: 'contacts', file: file('log.csv', csv) });
    expect(unmatched.matches).toEqual([{ row: 2, clientCode: 'KT-0412', personId: known.id, rows: 2 }]);
    expect(unmatched.problems.map((x) => x.row)).toEqual([2]);
    const p = await call('import.preview', { kind: 'contacts', file: file('log.csv', csv), matchExisting: true });
    expect(p.problems).toEqual([]);
    expect(p.dateOrder).toBe('month_first');
    expect(p.dateOrderFrom).toBe('file');
    expect(p.ambiguousDates).toBe(1);
    expect(p.mapping).toMatchObject({ clientCode: 'Client code', date: 'Date', time: 'Time', setting: 'Setting', staff: 'Staff', services: 'Services', supplies: 'Supplies', 'supply:Naloxone (nasal)': 'Naloxone (nasal)', whatMattered: 'What mattered', note: 'Notes' });
    expect(p.rows.map((r) => [r.row, r.values.day, r.values.setting])).toEqual([
      [2, '2025-03-05', 'drop_in'],
      [3, '2025-05-03', 'ssp_exchange'],
      [5, '2025-04-13', 'street_outreach'],
      [6, '2025-01-01', 'ssp_exchange'],
    ]);
    expect(p.rows[0]!.values).toMatchObject({ occurredAt: '2025-03-05T22:30:00.000Z', staff: 'River Stone', services: 'Wound care; Naloxone training', supplies: 'Syringes × 20; Naloxone (nasal) × 2', whatMattered: 'Warm socks, coffee', newPerson: false });
    expect(p.rows[1]!.values).toMatchObject({ occurredAt: '2025-05-03T16:15:00.000Z', supplies: 'Syringes × 10; Fentanyl test strips × 5', note: 'Came back after the winter.\nAsked about housing.' });
    expect(p.counts).toEqual({ rows: 4, peopleAdded: 1, peopleMatched: 1, contactsAdded: 4 });

    // KT-0412 is already in Doorway: the contacts go to them only when staff say so.
    await refusedImport({ kind: 'contacts', file: file('log.csv', csv) });
    const r = await call('import.run', { kind: 'contacts', file: file('log.csv', csv), matchExisting: true });
    expect(r).toMatchObject({ written: true, counts: { peopleAdded: 1, peopleMatched: 1, contactsAdded: 4 } });

    const page = await call('people.get', { id: known.id });
    expect(page.person).toMatchObject({ contactCount: 2, firstContactAt: '2025-03-05T22:30:00.000Z', lastContactAt: '2025-05-03T16:15:00.000Z' });
    const latest = page.contacts[0]!;
    expect(latest).toMatchObject({ setting: 'ssp_exchange', staffName: 'River Stone', note: 'Came back after the winter.\nAsked about housing.', enteredLater: true });
    expect(latest.supplies.map((s) => [s.label, s.quantity])).toEqual(expect.arrayContaining([['Syringes', 10], ['Fentanyl test strips', 5]]));
    expect(page.contacts[1]!.services.map((s) => s.label).sort()).toEqual(['Naloxone training', 'Wound care']);

    const [newPerson] = await call('people.search', { query: 'NEW-7', limit: 1 });
    expect(newPerson).toMatchObject({ clientCode: 'NEW-7', name: null, contactCount: 2, lastContactAt: '2025-04-13T19:00:00.000Z' });
    // Calendar days and gaps, as continuity counts them (Pacific days): 1 January, then 13 April, 102 days later.
    const days = await rowsOf(core, 'SELECT local_day, prev_gap_days FROM contacts WHERE person_id = ? ORDER BY occurred_at', newPerson!.id);
    expect(days).toEqual([
      { local_day: '2025-01-01', prev_gap_days: null },
      { local_day: '2025-04-13', prev_gap_days: 102 },
    ]);
    const events = (await importEvents()).map((e) => JSON.parse(e.details) as Record<string, unknown>);
    expect(events).toEqual([expect.objectContaining({ kind: 'contacts', file: 'log.csv', sha256: sha256(csv), peopleAdded: 1, peopleMatched: 1, contactsAdded: 4, matchExisting: true })]);

    // The same file again would add every contact twice: refused, saying who imported it and when.
    const again = await refusedImport({ kind: 'contacts', file: file('log-copy.csv', csv), matchExisting: true });
    expect(texts(again)).toEqual(['This file was imported before (on 2026-11-21 by River Stone; the same SHA-256). Importing it again would add its rows a second time.']);
  });

  it('a day-first choice, a file that is day first, or a day-first clinic reads the same date the other way', async () => {
    const csv = 'Client code,Date,Setting\nKT-1,05/03/2025,van\n';
    const chosen = await call('import.preview', { kind: 'contacts', file: file('c.csv', csv), dateOrder: 'day_first' });
    expect(chosen).toMatchObject({ dateOrder: 'day_first', dateOrderFrom: 'chosen', ambiguousDates: 1 });
    expect(chosen.rows[0]!.values.day).toBe('2025-03-05');
    // A file whose other dates can only be day first is read day first, whatever the clinic's order.
    const dayFirstFile = await call('import.preview', { kind: 'contacts', file: file('c.csv', `${csv}KT-2,13/03/2025,van\n`) });
    expect(dayFirstFile).toMatchObject({ dateOrder: 'day_first', dateOrderFrom: 'file', ambiguousDates: 1 });
    expect(dayFirstFile.rows[0]!.values.day).toBe('2025-03-05');
    // A file that mixes both orders: the clinic's order (month first in Los Angeles) reads the ambiguous ones.
    const mixed = await call('import.preview', { kind: 'contacts', file: file('c.csv', `${csv}KT-2,13/03/2025,van\nKT-3,03/14/2025,van\n`) });
    expect(mixed).toMatchObject({ dateOrder: 'month_first', dateOrderFrom: 'clinic' });
    expect(mixed.rows[0]!.values.day).toBe('2025-05-03');
    await call('settings.update', { timeZone: 'Europe/Madrid' });
    const clinic = await call('import.preview', { kind: 'contacts', file: file('c.csv', csv) });
    expect(clinic).toMatchObject({ dateOrder: 'day_first', dateOrderFrom: 'clinic' });
    expect(clinic.rows[0]!.values.day).toBe('2025-03-05');
  });

  it('names each problem by row and column in plain words, and writes nothing', async () => {
    const csv = [
      'Client code,Date,Setting,Staff,Services,Syringes,What mattered',
      'KT-1,31/02/2025,van,,,,',
      'KT-1,2025-03-05,the moon,,,,',
      'KT-1,2025-03-05,van,Nobody Here,,,',
      'KT-1,2025-03-05,van,,Juggling,,',
      'KT-1,2025-03-05,van,,Wound care; wound care,,',
      'KT-1,2025-03-05,van,,,lots,',
      'KT-1,2027-01-01,van,,,,',
      ',2025-03-05,van,,,,',
      'KT-1,,van,,,,',
      'KT-1,2025-03-05,van,,,20000,',
      `KT-1,2025-03-05,van,,,,${'x'.repeat(2001)}`,
      'K,2025-03-05,van,,,,',
    ].join('\n');
    const r = await refusedImport({ kind: 'contacts', file: file('bad.csv', csv) });
    expect(texts(r)).toEqual([
      'Row 2, Date: 31/02/2025 is not a date.',
      'Row 3, Setting: the moon is not a setting Doorway knows (for example clinic visit, drop-in, street outreach, van, phone/text, telehealth, emergency department, home visit, SSP exchange).',
      "Row 4, Staff: Nobody Here is not a current staff member's name or username.",
      "Row 5, Services: Juggling is not in the site's list of services.",
      'Row 6, Services: wound care is listed twice.',
      'Row 7, Syringes: lots is not a quantity (a whole number).',
      'Row 8, Date: 2027-01-01 is in the future. A contact is recorded once it has happened.',
      'Row 9: there is no client code. Every contact belongs to someone.',
      'Row 10, Date: there is no date. Every contact needs the day it happened.',
      // The rules' own words come from the contact's and the person's schemas (shared/contract/record-schemas), after the cell.
      expect.stringMatching(/^Row 11, Syringes: 20000: \S/),
      expect.stringMatching(/^Row 12, What mattered: x{37}\.\.\.: \S/),
      expect.stringMatching(/^Row 13, Client code: K: \S/),
    ]);
    // What staff read is a message in their language, with the file's own header and cell as they are.
    expect(r.problems[0]).toEqual({ row: 2, column: 'Date', value: null, message: { key: 'import.problem.notADate', params: { value: '31/02/2025' } } });
    expect(problemText(r.problems[0]!, (m) => messageText(m, 'es'))).toBe('Fila 2, Date: 31/02/2025 no es una fecha.');
    expect(r.problems[9]).toMatchObject({ row: 11, column: 'Syringes', value: '20000' });
  });

  it('a bad row at line 9,000 of 10,000 stops the whole file: nothing written, the row named', async () => {
    const lines = ['Client code,Date,Setting,Syringes'];
    for (let i = 2; i <= 10_000; i++) {
      const code = `HS-${String(i % 400).padStart(4, '0')}`;
      lines.push(i === 9_000 ? `${code},31/02/2025,ssp,10` : `${code},${i % 2 ? '2025-03-05' : '3/6/2025'},ssp,${i % 30}`);
    }
    const csv = lines.join('\n');
    const r = await refusedImport({ kind: 'contacts', file: file('big.csv', csv) });
    expect(r.counts.rows).toBe(9_999);
    expect(texts(r)).toEqual(['Row 9000, Date: 31/02/2025 is not a date.']);
    expect(r.problems[0]).toMatchObject({ row: 9_000, column: 'Date' });
    expect(Number(await valueOf(core, 'SELECT count(*) FROM contacts'))).toBe(0);
    expect(Number(await valueOf(core, 'SELECT count(*) FROM people'))).toBe(0);

    // Fixed, the same file goes in whole, in one transaction.
    const fixed = csv.replace('31/02/2025', '2/28/2025');
    const ok = await call('import.run', { kind: 'contacts', file: file('big.csv', fixed) });
    expect(ok).toMatchObject({ written: true, counts: { rows: 9_999, peopleAdded: 400, contactsAdded: 9_999 } });
    expect(Number(await valueOf(core, 'SELECT count(*) FROM contacts'))).toBe(9_999);
    expect(Number(await valueOf(core, 'SELECT sum(contact_count) FROM people'))).toBe(9_999);
    expect(await importEvents()).toHaveLength(1);
    // The monthly figures the triggers keep are the ones a full recount gives.
    const figures = () => rowsOf(core, 'SELECT * FROM month_stats ORDER BY month');
    const kept = await figures();
    expect(kept).toEqual([{ month: '2025-02', contacts: 1, returns: expect.any(Number), people: 1 }, { month: '2025-03', contacts: 9_998, returns: expect.any(Number), people: 400 }]);
    await core.vault.open().data.transaction().execute((trx) => core.context.engine.monthStats.rebuild(trx));
    expect(await figures()).toEqual(kept);
  });

  it('reads an XLSX workbook with date cells, numbers, a formula and rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Registro');
    ws.addRow(['Código', 'Fecha', 'Hora', 'Tipo', 'Jeringas', 'Lo que importó']);
    ws.addRow(['KT-0412', new Date(Date.UTC(2025, 2, 5)), '14:30', 'Intercambio', 20, 'Un café, y hablar']);
    ws.addRow([]);
    ws.addRow(['kt-0413', new Date(Date.UTC(2025, 2, 6, 9, 45)), null, 'Calle', { formula: '5*2', result: 10 }, { richText: [{ text: 'Quería ' }, { text: 'calcetines', font: { bold: true } }] }]);
    ws.addRow(['KT-0414', 45658, null, 'van', null, null]);
    ws.getColumn(2).numFmt = 'dd/mm/yyyy';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await call('catalog.create', { kind: 'supply', label: 'Jeringas', category: 'syringes' });

    const p = await call('import.preview', { kind: 'contacts', file: file('registro.xlsx', bytes) });
    expect(p.format).toBe('xlsx');
    expect(p.problems).toEqual([]);
    expect(p.columns).toEqual(['Código', 'Fecha', 'Hora', 'Tipo', 'Jeringas', 'Lo que importó']);
    expect(p.mapping).toEqual({ clientCode: 'Código', date: 'Fecha', time: 'Hora', setting: 'Tipo', whatMattered: 'Lo que importó', 'supply:Jeringas': 'Jeringas' });
    expect(p.rows.map((r) => [r.row, r.values.clientCode, r.values.occurredAt, r.values.setting, r.values.supplies, r.values.whatMattered])).toEqual([
      [2, 'KT-0412', '2025-03-05T22:30:00.000Z', 'ssp_exchange', 'Jeringas × 20', 'Un café, y hablar'],
      [4, 'KT-0413', '2025-03-06T17:45:00.000Z', 'street_outreach', 'Jeringas × 10', 'Quería calcetines'],
      [5, 'KT-0414', '2025-01-01T20:00:00.000Z', 'van', '', ''],
    ]);
    const r = await call('import.run', { kind: 'contacts', file: file('registro.xlsx', bytes) });
    expect(r).toMatchObject({ written: true, format: 'xlsx', sha256: sha256(bytes), counts: { peopleAdded: 3, contactsAdded: 3 } });
  });

  it('a dry run checks everything and writes nothing', async () => {
    const before = await contentHash(core);
    const r = await call('import.run', { kind: 'contacts', file: file('c.csv', 'Client code,Date,Setting\nKT-1,2025-03-05,van\n'), dryRun: true });
    expect(r).toMatchObject({ dryRun: true, written: false, problemCount: 0, counts: { peopleAdded: 1, contactsAdded: 1 } });
    expect(await contentHash(core)).toBe(before);
  });

  it('a file without a setting column takes the setting chosen for it', async () => {
    const csv = 'Client code,Date\nKT-1,2025-03-05\n';
    const r = await refusedImport({ kind: 'contacts', file: file('c.csv', csv) });
    expect(texts(r)).toEqual(['No column is chosen for Setting, and every row needs it.']);
    const ok = await call('import.run', { kind: 'contacts', file: file('c.csv', csv), defaultSetting: 'street_outreach' });
    expect(ok.written).toBe(true);
    expect(await valueOf(core, 'SELECT setting FROM contacts')).toBe('street_outreach');
  });

  it('refuses a file that is not a spreadsheet, an old .xls, and an unclosed quote, changing nothing', async () => {
    const before = await contentHash(core);
    const broken = await router('import.run', { kind: 'contacts', file: { name: 'x.xlsx', base64: Buffer.from('PK\u0003\u0004 not really a zip').toString('base64') } });
    expect(broken).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/could not be read as an Excel workbook/) } });
    const xls = await router('import.preview', { kind: 'people', file: file('old.xls', 'whatever') });
    expect(xls).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/older Excel file/) } });
    const quote = await router('import.run', { kind: 'people', file: file('q.csv', 'Client code,Name\nKT-1,"Ana\nKT-2,Ben\n') });
    expect(quote).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Row 2: a quoted cell is not closed/) } });
    const after = await router('import.run', { kind: 'people', file: file('q.csv', 'Client code,Name\nKT-1,Ana\nKT-2,"Ben" Okoro\n') });
    expect(after).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Row 3: a quoted cell has more text after its closing quote/) } });
    expect(await contentHash(core)).toBe(before);
  });

  it('is for administrators and clinicians: the front desk is refused by the router', async () => {
    const jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    await signIn(router, jo.username, jo.password);
    const refused = await router('import.preview', { kind: 'people', file: file('p.csv', 'Client code\nKT-1\n') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signIn(router, sam.username, sam.password);
    const r = await call('import.run', { kind: 'contacts', file: file('c.csv', 'Client code,Date,Setting,Note\nKT-1,2025-03-05,van,A note\n') });
    expect(r.written).toBe(true);
    // A row without a staff member is the importer's, as a contact recorded by hand is.
    expect(Number(await valueOf(core, 'SELECT staff_id FROM contacts'))).toBe(sam.id);
  });
});
