import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { CONTACT_SETTINGS, type ContactSetting } from '../../../shared/contract/record-schemas';
import type { Language } from '../../../shared/languages';
import { messageText, msg, type Message, type MessageKey, type MessageParams } from '../../../shared/messages';
import type { ExportFile, ExportFormat, ReportFigures } from '../../../shared/contract/reports';
import type { LineListRow } from './repository';
import type { TemplateDef, TemplateExtras } from './templates';
import type { overdoseFigures } from './reports';

/**
 * Report files: the same rows as CSV (text) or XLSX (bytes, base64 for IPC), built here in core so
 * the renderer only saves them. Each file says what it is, where its fields come from, the clinic,
 * the period and the choices made, so a figure never travels without its meaning.
 */

const SETTINGS: ReadonlySet<string> = new Set<string>(CONTACT_SETTINGS);
/** A contact setting's name in a language (the same words as the screens'). */
export const settingWords = (s: string, language: Language = 'en'): string =>
  SETTINGS.has(s) ? messageText(msg(`records.settings.${s as ContactSetting}`), language) : s.replace(/_/g, ' ');

type Cell = string | number;
type Sheet = { name: string; rows: Cell[][]; headerRows: number[] };

export interface FileMeta {
  clinicName: string;
  madeAt: string;
  scope: { from: string; to: string; setting: string | null; itemLabel: string | null };
  /** The exporting staff member's language (reports/language.ts): the file's own words are in it. */
  language: Language;
}

/** The keys under a prefix (distributes over MessageKey's union). */
type KeyUnder<P extends string, K extends string = MessageKey> = K extends `${P}.${infer R}` ? R : never;
type FileWord = KeyUnder<'reports.files'>;
/** The file's words in its language. */
const wordsOf = (m: FileMeta) => (key: FileWord, params?: MessageParams) => messageText(msg(`reports.files.${key}`, params), m.language);

const safe = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'clinic';

function scopeRows(m: FileMeta): Cell[][] {
  const w = wordsOf(m);
  return [
    [w('clinic'), m.clinicName],
    [w('period'), w('periodValue', { from: m.scope.from, to: m.scope.to })],
    [w('setting'), m.scope.setting ? settingWords(m.scope.setting, m.language) : w('allSettings')],
    [w('supply'), m.scope.itemLabel ?? w('allSupplies')],
    [w('made'), w('madeValue', { day: m.madeAt })],
  ];
}

export function templateSheet(t: TemplateDef, f: ReportFigures, od: Awaited<ReturnType<typeof overdoseFigures>>, extras: TemplateExtras, m: FileMeta): Sheet {
  const w = wordsOf(m);
  const say = (x: Message) => messageText(x, m.language);
  const rows: Cell[][] = [[w('report'), say(msg(t.title))]];
  // A source's title is the publisher's own, so it stays as published.
  for (const s of t.sources) rows.push([w('source'), `${s.name}. ${s.publisher}. ${s.url}`]);
  rows.push(...scopeRows(m));
  rows.push([w('note'), w('countsOnly')]);
  rows.push([]);
  const header = rows.length;
  rows.push([w('field'), w('publishedName'), w('value'), w('howCounted')]);
  const words = { setting: (s: string) => settingWords(s, m.language), say };
  for (const r of t.rows(f, od, words, extras)) rows.push([r.code, typeof r.field === 'string' ? r.field : say(r.field), r.value, say(r.howCounted)]);
  rows.push([]);
  for (const n of t.notMapped) rows.push([w('notMapped'), say(msg(n))]);
  return { name: w('report'), rows, headerRows: [header] };
}

type LineListWord = KeyUnder<'reports.files.lineList'>;

export function lineListSheets(rows: LineListRow[], m: FileMeta): Sheet[] {
  const w = (key: LineListWord, params?: MessageParams) => messageText(msg(`reports.files.lineList.${key}`, params), m.language);
  const table: Cell[][] = [[w('clientCode'), w('date'), wordsOf(m)('setting'), w('services'), w('supplies')]];
  for (const r of rows) {
    table.push([r.clientCode, r.day, settingWords(r.setting, m.language), r.services.join('; '), r.supplies.map((s) => w('given', { label: s.label, quantity: s.quantity })).join('; ')]);
  }
  const about: Cell[][] = [
    [wordsOf(m)('report'), w('title')],
    ...scopeRows(m),
    [w('rows'), rows.length],
    [w('contains'), w('containsValue')],
    [w('leavesOut'), w('leavesOutValue')],
    [w('supplyChosen'), w('supplyChosenValue')],
    [w('care'), w('careValue')],
  ];
  return [
    { name: w('contactsSheet'), rows: table, headerRows: [0] },
    { name: w('aboutSheet'), rows: about, headerRows: [] },
  ];
}

function csvOf(sheets: Sheet[]): string {
  // CSV has one table: the line list's table alone (what a funder's system reads); a template's notes ride in its rows.
  return Papa.unparse(sheets[0]!.rows, { newline: '\r\n' });
}

async function xlsxOf(sheets: Sheet[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Doorway';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    for (const h of s.headerRows) ws.getRow(h + 1).font = { bold: true };
    ws.columns.forEach((c, i) => {
      const longest = Math.max(8, ...s.rows.map((r) => String(r[i] ?? '').length));
      c.width = Math.min(80, longest + 2);
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export async function fileOf(kind: string, sheets: Sheet[], format: ExportFormat, m: FileMeta, rows: number): Promise<ExportFile> {
  const filename = `doorway-${safe(m.clinicName)}-${kind}-${m.scope.from}-to-${m.scope.to}.${format}`;
  const content = format === 'csv' ? csvOf(sheets) : await xlsxOf(sheets);
  return { filename, format, content, rows };
}
