import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ContactSetting } from '../../../shared/contract/record-schemas';
import type { ExportFile, ExportFormat, ReportFigures } from '../../../shared/contract/reports';
import type { LineListRow } from './repository';
import type { TemplateDef, TemplateExtras } from './templates';
import type { overdoseFigures } from './reports';

/**
 * Report files: the same rows as CSV (text) or XLSX (bytes, base64 for IPC), built here in core so
 * the renderer only saves them. Each file says what it is, where its fields come from, the clinic,
 * the period and the choices made, so a figure never travels without its meaning.
 */

const SETTING_WORDS: Record<ContactSetting, string> = {
  clinic_visit: 'Clinic visit',
  drop_in: 'Drop-in',
  street_outreach: 'Street outreach',
  van: 'Van',
  phone_text: 'Phone or text',
  telehealth: 'Telehealth',
  emergency_department: 'Emergency department',
  home_visit: 'Home visit',
  ssp_exchange: 'SSP exchange',
};
export const settingWords = (s: string): string => SETTING_WORDS[s as ContactSetting] ?? s.replace(/_/g, ' ');

type Cell = string | number;
type Sheet = { name: string; rows: Cell[][]; headerRows: number[] };

export interface FileMeta {
  clinicName: string;
  madeAt: string;
  scope: { from: string; to: string; setting: string | null; itemLabel: string | null };
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'clinic';

function scopeRows(m: FileMeta): Cell[][] {
  return [
    ['Clinic', m.clinicName],
    ['Period', `${m.scope.from} to ${m.scope.to} (both days included)`],
    ['Setting', m.scope.setting ? settingWords(m.scope.setting) : 'All settings'],
    ['Supply', m.scope.itemLabel ?? 'All supplies'],
    ['Made', `${m.madeAt} with Doorway`],
  ];
}

export function templateSheet(t: TemplateDef, f: ReportFigures, od: Awaited<ReturnType<typeof overdoseFigures>>, extras: TemplateExtras, m: FileMeta): Sheet {
  const rows: Cell[][] = [['Report', t.title]];
  for (const s of t.sources) rows.push(['Source', `${s.name}. ${s.publisher}. ${s.url}`]);
  rows.push(...scopeRows(m));
  rows.push(['Note', 'Counts only: no names, client codes or notes. Overdose responses are counted for the period, whatever the setting or supply chosen.']);
  rows.push([]);
  const header = rows.length;
  rows.push(['Field', 'Published name', 'Value', 'How Doorway counts it']);
  for (const r of t.rows(f, od, settingWords, extras)) rows.push([r.code, r.field, r.value, r.howCounted]);
  rows.push([]);
  for (const n of t.notMapped) rows.push(['Not mapped', n]);
  return { name: 'Report', rows, headerRows: [header] };
}

export function lineListSheets(rows: LineListRow[], m: FileMeta): Sheet[] {
  const table: Cell[][] = [['Client code', 'Date', 'Setting', 'Services', 'Supplies']];
  for (const r of rows) {
    table.push([r.clientCode, r.day, settingWords(r.setting), r.services.join('; '), r.supplies.map((s) => `${s.label} x${s.quantity}`).join('; ')]);
  }
  const about: Cell[][] = [
    ['Report', 'Line list of contacts (de-identified)'],
    ...scopeRows(m),
    ['Rows', rows.length],
    ['Contains', 'One row per contact: the clinic’s client code, the day (clinic time zone), the setting, services given and supplies given with quantities.'],
    ['Leaves out', 'Names, preferred names, birth years, contact details, notes, what mattered, staff and times of day.'],
    ['Supply chosen', 'When one supply is chosen, the rows are the contacts at which it was given, with everything given at them.'],
    ['Care', 'A client code still points at one person inside the clinic: share this file only as your agreement with the funder allows.'],
  ];
  return [
    { name: 'Contacts', rows: table, headerRows: [0] },
    { name: 'About', rows: about, headerRows: [] },
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
