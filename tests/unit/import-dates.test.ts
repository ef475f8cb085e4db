import { describe, expect, it } from 'vitest';
import { clinicDateOrder, fileDateOrder, instantOf, parseSheetDate, parseTimeOfDay, type DateOrder } from '../../electron/core/import/dates';
import { guessMapping, resolveMapping } from '../../electron/core/import/mapping';
import { readCsv } from '../../electron/core/import/read';
import { yesNo } from '../../electron/core/import/people-rows';
import { settingOf } from '../../electron/core/import/contact-rows';
import { messageText } from '../../shared/messages';

/**
 * Dates as spreadsheets hold them, each case worked by hand. Serials: Excel counts days from
 * 1899-12-30; 2023-01-01 is 44927, so 2024-01-01 is 44927 + 365 = 45292 and 2025-01-01 is
 * 45292 + 366 (2024 is a leap year) = 45658; 0.75 of a day is 18:00.
 */
const cases: [text: string, order: DateOrder, day: string | null, time: string | null, ambiguous: boolean][] = [
  // ISO, with and without a time
  ['2025-03-05', 'day_first', '2025-03-05', null, false],
  ['2025-03-05', 'month_first', '2025-03-05', null, false],
  ['2025/3/5', 'month_first', '2025-03-05', null, false],
  ['2025-03-05T14:30', 'day_first', '2025-03-05', '14:30:00', false],
  ['2025-03-05 09:15:20', 'day_first', '2025-03-05', '09:15:20', false],
  // A spreadsheet's date cell without a time (read.ts gives it as midnight with a T)
  ['2025-03-05T00:00:00', 'day_first', '2025-03-05', null, false],
  // Both readings possible: the order decides, and says so
  ['05/03/2025', 'day_first', '2025-03-05', null, true],
  ['05/03/2025', 'month_first', '2025-05-03', null, true],
  ['5.3.2025', 'day_first', '2025-03-05', null, true],
  ['5-3-25', 'month_first', '2025-05-03', null, true],
  // The same day and month both ways: not ambiguous at all
  ['04/04/2025', 'month_first', '2025-04-04', null, false],
  // One reading only, whatever the order
  ['13/04/2025', 'month_first', '2025-04-13', null, false],
  ['04/13/2025', 'day_first', '2025-04-13', null, false],
  ['31/12/2025', 'month_first', '2025-12-31', null, false],
  // With a time, 24-hour or AM/PM
  ['05/03/2025 14:30', 'day_first', '2025-03-05', '14:30:00', true],
  ['3/5/2025 2:30 PM', 'month_first', '2025-03-05', '14:30:00', true],
  ['3/5/2025 12:05 am', 'month_first', '2025-03-05', '00:05:00', true],
  // Month names, English and Spanish
  ['March 5, 2025', 'day_first', '2025-03-05', null, false],
  ['5 Mar 2025', 'month_first', '2025-03-05', null, false],
  ['5-Mar-2025', 'month_first', '2025-03-05', null, false],
  ['5 de marzo de 2025', 'month_first', '2025-03-05', null, false],
  ['5 de marzo de 2025 9:15', 'day_first', '2025-03-05', '09:15:00', false],
  // Excel serial numbers
  ['45658', 'day_first', '2025-01-01', null, false],
  ['45658.75', 'month_first', '2025-01-01', '18:00:00', false],
  ['45292', 'day_first', '2024-01-01', null, false],
  ['61', 'day_first', '1900-03-01', null, false],
  // Compact
  ['20250305', 'day_first', '2025-03-05', null, false],
  // Leap years: 29 February 2024 is a day, 2025 has none
  ['29/02/2024', 'day_first', '2024-02-29', null, false],
  // Not dates
  ['31/02/2025', 'day_first', null, null, false],
  ['31/02/2025', 'month_first', null, null, false],
  ['29/02/2025', 'day_first', null, null, false],
  ['13/13/2025', 'day_first', null, null, false],
  ['2025-02-30', 'day_first', null, null, false],
  ['yesterday', 'day_first', null, null, false],
  ['', 'day_first', null, null, false],
  // Excel's 29 February 1900 (serial 60) and small numbers are typos, not contacts in 1900
  ['60', 'day_first', null, null, false],
  ['7', 'day_first', null, null, false],
  ['05/03/2025 25:10', 'day_first', null, null, false],
];

describe('dates as spreadsheets hold them', () => {
  it.each(cases)('%s read %s', (text, order, day, time, ambiguous) => {
    const d = parseSheetDate(text, order);
    if (day === null) expect(d).toBeNull();
    else expect(d).toEqual({ day, time, ambiguous });
  });

  it.each([
    ['14:30', '14:30:00'],
    ['2:30 pm', '14:30:00'],
    ['2:30 p.m.', '14:30:00'],
    ['9 AM', '09:00:00'],
    ['12:00 PM', '12:00:00'],
    ['noon', null],
    ['24:00', null],
  ])('time of day %s', (text, want) => {
    expect(parseTimeOfDay(text)).toBe(want);
  });

  it.each([
    // Midday when there is no time: Los Angeles in winter is UTC-8
    [{ day: '2025-01-15', time: null }, 'America/Los_Angeles', '2025-01-15T20:00:00.000Z'],
    // Summer time in Los Angeles: UTC-7
    [{ day: '2025-07-01', time: '09:30:00' }, 'America/Los_Angeles', '2025-07-01T16:30:00.000Z'],
    // Madrid: UTC+1 in winter, UTC+2 in summer
    [{ day: '2025-01-15', time: null }, 'Europe/Madrid', '2025-01-15T11:00:00.000Z'],
    [{ day: '2025-07-05', time: '09:30:00' }, 'Europe/Madrid', '2025-07-05T07:30:00.000Z'],
    // The day summer time starts in New York (9 March 2025), after the change: UTC-4
    [{ day: '2025-03-09', time: '10:00:00' }, 'America/New_York', '2025-03-09T14:00:00.000Z'],
    [{ day: '2025-03-08', time: '23:30:00' }, 'America/New_York', '2025-03-09T04:30:00.000Z'],
    [{ day: '2025-03-05', time: '08:00:00' }, 'UTC', '2025-03-05T08:00:00.000Z'],
  ])('%o in %s is %s', (d, zone, want) => {
    expect(instantOf(d, zone)).toBe(want);
  });

  it.each([
    [['13/04/2025', '05/03/2025'], 'day_first'],
    [['04/13/2025 9:00', '05/03/2025'], 'month_first'],
    [['05/03/2025', '2025-04-13', '45658'], null],
    [['13/04/2025', '04/13/2025'], null],
    [[], null],
  ] as const)("a file's own dates %j show its order: %s", (texts, want) => {
    expect(fileDateOrder(texts)).toBe(want);
  });

  it("the clinic's order follows its time zone: month first in the United States, day first elsewhere", () => {
    expect(clinicDateOrder('America/Los_Angeles')).toBe('month_first');
    expect(clinicDateOrder('America/Indiana/Indianapolis')).toBe('month_first');
    expect(clinicDateOrder('Pacific/Honolulu')).toBe('month_first');
    expect(clinicDateOrder('America/Mexico_City')).toBe('day_first');
    expect(clinicDateOrder('Europe/Madrid')).toBe('day_first');
    expect(clinicDateOrder('UTC')).toBe('day_first');
  });
});

describe('columns and cells', () => {
  it('guesses the mapping from English and Spanish headers, and each column once', () => {
    expect(guessMapping('contacts', ['Código', 'Fecha', 'Hora', 'Tipo de contacto', 'Atendido por', 'Servicios', 'Jeringas', 'Notas'], ['Syringes'])).toEqual({
      clientCode: 'Código',
      date: 'Fecha',
      time: 'Hora',
      setting: 'Tipo de contacto',
      staff: 'Atendido por',
      services: 'Servicios',
      note: 'Notas',
      // A built-in supply answers to its name in both languages: Spanish "Jeringas" is the English list's "Syringes".
      'supply:Syringes': 'Jeringas',
    });
    expect(guessMapping('contacts', ['Client code', 'Date', 'Type', 'Syringes', 'Naloxone', 'What mattered'], ['Syringes', 'Naloxone (nasal)'])).toEqual({
      clientCode: 'Client code',
      date: 'Date',
      setting: 'Type',
      whatMattered: 'What mattered',
      'supply:Syringes': 'Syringes',
      'supply:Naloxone (nasal)': 'Naloxone',
    });
    expect(guessMapping('people', ['ID', 'Client code', 'Nombre', 'Año de nacimiento', 'OK to text'])).toEqual({
      clientCode: 'Client code',
      name: 'Nombre',
      birthYear: 'Año de nacimiento',
      okToText: 'OK to text',
    });
  });

  it('says what is wrong with a mapping', () => {
    const r = resolveMapping('contacts', { clientCode: 'Code', date: 'When', colour: 'Code', 'supply:Glitter': 'Date' }, ['Code', 'Date'], ['Syringes'], ['setting']);
    expect(r.problems.map((m) => messageText(m))).toEqual([
      'The mapping uses a column "When", and the file has no column with that header.',
      'The mapping names "colour", which is not something Doorway imports for contacts.',
      'The mapping names a supply, "Glitter", that is not in the site\'s list of supplies.',
      'No column is chosen for Date, and every row needs it.',
      'No column is chosen for Setting, and every row needs it.',
    ]);
  });

  it('reads a CSV with a BOM, semicolons, quoted separators and line breaks, and blank lines, keeping row numbers', () => {
    const csv = '\uFEFFCódigo;Nota\r\nKT-1;"uno; dos"\r\n\r\nKT-2;"línea uno\r\nlínea dos"\r\nKT-3;"dijo ""hola"""\r\n';
    const sheet = readCsv(Buffer.from(csv, 'utf8'));
    expect(sheet.columns).toEqual(['Código', 'Nota']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['KT-1', 'uno; dos'] },
      { row: 4, cells: ['KT-2', 'línea uno\r\nlínea dos'] },
      { row: 5, cells: ['KT-3', 'dijo "hola"'] },
    ]);
  });

  it('passes over a title row above the headers, and reads a one-column file', () => {
    const titled = readCsv(Buffer.from('"Harbour Street SSP log, March",,\n\nClient code,Date,Setting\nKT-1,2025-03-05,van\n'));
    expect(titled.columns).toEqual(['Client code', 'Date', 'Setting']);
    expect(titled.rows).toEqual([{ row: 4, cells: ['KT-1', '2025-03-05', 'van'] }]);
    const single = readCsv(Buffer.from('Client code\nKT-1\nKT-2\n'));
    expect(single.columns).toEqual(['Client code']);
    expect(single.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it("reads Excel's Windows CSV (Windows-1252) as well as UTF-8", () => {
    const sheet = readCsv(Buffer.from([...Buffer.from('C'), 0xf3, ...Buffer.from('digo,Nombre\nKT-1,Mar'), 0xed, ...Buffer.from('a\n')]));
    expect(sheet.columns).toEqual(['Código', 'Nombre']);
    expect(sheet.rows[0]!.cells).toEqual(['KT-1', 'María']);
  });

  it.each([
    ['yes', true],
    ['Sí', true],
    ['x', true],
    ['TRUE', true],
    ['no', false],
    ['', false],
    ['0', false],
    ['maybe', undefined],
  ])('yes or no: %s', (text, want) => {
    expect(yesNo(text)).toBe(want);
  });

  it.each([
    ['Drop-in', 'drop_in'],
    ['SSP', 'ssp_exchange'],
    ['intercambio', 'ssp_exchange'],
    ['Calle', 'street_outreach'],
    ['Teléfono', 'phone_text'],
    ['ER', 'emergency_department'],
    ['visita a domicilio', 'home_visit'],
    ['clinic_visit', 'clinic_visit'],
    ['the moon', undefined],
  ])('setting %s', (text, want) => {
    expect(settingOf(text)).toBe(want);
  });
});
