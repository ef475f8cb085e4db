import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';

/**
 * A spreadsheet as rows of text, whatever it came as. Row numbers are the ones the spreadsheet shows
 * (the header is usually row 1), so a problem can be found where staff look for it: a CSV cell with a
 * line break in quotes is still one row, and a blank line still has its number.
 */
export type SheetFormat = 'csv' | 'xlsx';

export interface SheetRow {
  row: number;
  cells: string[];
}

export interface Sheet {
  format: SheetFormat;
  /** The header row's cells, trimmed; a column without a header is "Column C" (its letter). */
  columns: string[];
  /** Data rows only: the header and blank rows are left out. */
  rows: SheetRow[];
}

/** Bounds that keep one file from taking the computer's memory. */
export const MAX_ROWS = 1_000_000;
export const MAX_COLUMNS = 200;

export function formatOf(name: string, bytes: Uint8Array): SheetFormat {
  // An XLSX file is a zip whatever its name says.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (/\.xls$/i.test(name)) {
    throw new DoorwayError('INVALID_INPUT', msg('import.file.olderExcel'));
  }
  return 'csv';
}

export async function readSheet(name: string, bytes: Buffer): Promise<Sheet> {
  return formatOf(name, bytes) === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

/** UTF-8 (with or without its byte order mark), or Windows-1252, which Excel's plain "CSV" uses on Windows. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const columnLetter = (index: number): string => {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

function headerFrom(cells: string[]): string[] {
  if (cells.length > MAX_COLUMNS) {
    throw new DoorwayError('INVALID_INPUT', msg('import.file.tooManyColumns', { columns: cells.length, max: MAX_COLUMNS }));
  }
  const seen = new Set<string>();
  return cells.map((c, i) => {
    let name = c.trim().replace(/\s+/g, ' ') || `Column ${columnLetter(i)}`;
    // Two columns with the same header stay apart: the second is "Date (column D)".
    if (seen.has(name.toLowerCase())) name = `${name} (column ${columnLetter(i)})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
const filled = (cells: readonly string[]) => cells.reduce((n, c) => (c.trim() === '' ? n : n + 1), 0);

/**
 * The header is the first row with more than one cell filled in, among the first ten (a single-column
 * file: the first row): a title row above the headers ("Harbour Street SSP log, March") is passed over.
 */
function withHeader(rows: SheetRow[]): { columns: string[]; rows: SheetRow[] } {
  if (rows.length === 0) return { columns: [], rows };
  const first = rows.slice(0, 10);
  const widest = Math.max(...first.map((r) => filled(r.cells)));
  const at = first.findIndex((r) => filled(r.cells) >= Math.min(2, widest));
  const data = rows.slice(at + 1);
  if (data.length > MAX_ROWS) throw tooMany();
  return { columns: headerFrom(rows[at]!.cells), rows: data };
}

function tooMany(): DoorwayError {
  // The number as a number: each language writes it its own way (1,000,000 or 1.000.000).
  return new DoorwayError('INVALID_INPUT', msg('import.file.tooManyRows', { max: MAX_ROWS }));
}

/** Comma, semicolon (Excel's CSV where the decimal mark is a comma) or tab, as the file uses. */
export function readCsv(bytes: Uint8Array): Sheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  // The separator is guessed from the first rows that have something in them; the whole file is then
  // read with blank lines kept, so every row keeps the number the spreadsheet shows.
  const delimiter = Papa.parse<string[]>(text.slice(0, 64 * 1024), { delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: 'greedy', preview: 50 }).meta.delimiter;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const quoteProblem = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteProblem) {
    const row = (quoteProblem.row ?? 0) + 1;
    throw new DoorwayError(
      'INVALID_INPUT',
      msg(quoteProblem.code === 'MissingQuotes' ? 'import.file.quoteNotClosed' : 'import.file.textAfterQuote', { row }),
    );
  }
  const rows: SheetRow[] = [];
  parsed.data.forEach((cells, i) => {
    if (isBlank(cells)) return;
    if (rows.length > MAX_ROWS) throw tooMany();
    rows.push({ row: i + 1, cells });
  });
  return { format: 'csv', ...withHeader(rows) };
}

type CellValue = ExcelJS.CellValue;

/** A cell as text: dates as YYYY-MM-DDTHH:mm:ss (the wall clock the sheet shows), formulas as their result. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  // exceljs gives a date cell as a Date whose UTC fields are the sheet's wall clock.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 19);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result ?? null);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** The first worksheet, read as a stream: the workbook is never held whole in memory. */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    // Styles tell a date cell from a number: without them a date arrives as its serial number.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: SheetRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        // row.values is 1-based (index 0 is empty).
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c] as CellValue));
        if (isBlank(cells)) continue;
        if (rows.length > MAX_ROWS) throw tooMany();
        rows.push({ row: row.number, cells });
      }
      // The first worksheet only; the others are left unread.
      break;
    }
  } catch (e) {
    if (e instanceof DoorwayError) throw e;
    throw new DoorwayError('INVALID_INPUT', msg('import.file.notAWorkbook'));
  }
  return { format: 'xlsx', ...withHeader(rows) };
}
