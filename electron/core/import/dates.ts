import { format, isValid, parse } from 'date-fns';
import { es } from 'date-fns/locale/es';

/**
 * Dates as spreadsheets hold them: ISO (2025-03-05), day/month/year or month/day/year with slashes,
 * dots or dashes, month names in English or Spanish, Excel serial numbers (45721), each with a time of
 * day or not. When a date reads both ways (03/04/2025), the clinic's order decides, and the preview says
 * which order was used; 13/04/2025 and 04/13/2025 read one way only, whatever the order.
 */

/** Which comes first in a date like 03/04/2025. */
export type DateOrder = 'day_first' | 'month_first';
export const DATE_ORDERS: readonly DateOrder[] = ['day_first', 'month_first'];

/** A date as read: the calendar day, with the time of day when the cell had one. */
export interface SheetDate {
  day: string; // YYYY-MM-DD
  time: string | null; // HH:mm:ss
  /** The day and month could have been read the other way round; the order given decided. */
  ambiguous: boolean;
}

/**
 * US zones write month first (04/13/2025); most of the rest of the world, Latin America and Spain
 * included, day first. The clinic's time zone is the clinic's own setting, so it stands for its order
 * until the clinic or the caller says otherwise.
 */
export function clinicDateOrder(timeZone: string): DateOrder {
  const us =
    /^America\/(New_York|Chicago|Denver|Phoenix|Los_Angeles|Anchorage|Juneau|Sitka|Metlakatla|Yakutat|Nome|Adak|Boise|Detroit|Menominee|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+|Puerto_Rico)$/.test(
      timeZone,
    ) || /^(Pacific\/Honolulu|US\/.+)$/.test(timeZone);
  return us ? 'month_first' : 'day_first';
}

/**
 * What a file's own dates say about its order: 13/04/2025 can only be day first, 04/13/2025 only
 * month first. A file whose dates all lean one way is read that way; with no such date, or both kinds
 * (a file that mixes orders), the clinic's order reads the dates that could go either way.
 */
export function fileDateOrder(texts: Iterable<string>): DateOrder | null {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const text of texts) {
    const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](?:\d{4}|\d{2})\b/.exec(text);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dayFirst++;
    else if (b > 12 && a <= 12) monthFirst++;
  }
  if (dayFirst > 0 && monthFirst === 0) return 'day_first';
  if (monthFirst > 0 && dayFirst === 0) return 'month_first';
  return null;
}

const REFERENCE = new Date(2000, 0, 1);
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Excel's largest date, 9999-12-31. */
const EXCEL_MAX_SERIAL = 2_958_465;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** date-fns checks the calendar (no 31 February, 29 February only in leap years). */
function checked(text: string, pattern: string, locale?: typeof es): string | null {
  const d = parse(text, pattern, REFERENCE, locale ? { locale } : undefined);
  return isValid(d) ? format(d, 'yyyy-MM-dd') : null;
}

function numericDay(a: number, b: number, year: string, order: DateOrder): { day: string | null; ambiguous: boolean } {
  const y = year.length === 2 ? year : pad(Number(year), 4);
  const pattern = year.length === 2 ? 'yy-M-d' : 'yyyy-M-d';
  const asDayFirst = a <= 31 && b <= 12 ? checked(`${y}-${b}-${a}`, pattern) : null;
  const asMonthFirst = a <= 12 && b <= 31 ? checked(`${y}-${a}-${b}`, pattern) : null;
  if (asDayFirst && asMonthFirst) return { day: order === 'day_first' ? asDayFirst : asMonthFirst, ambiguous: asDayFirst !== asMonthFirst };
  // One reading only: the other order's "month" is over 12. A day the calendar lacks reads neither way.
  if (order === 'day_first') return { day: b <= 12 ? asDayFirst : asMonthFirst, ambiguous: false };
  return { day: a <= 12 ? asMonthFirst : asDayFirst, ambiguous: false };
}

const TIME_PATTERNS = ['H:mm', 'H:mm:ss', 'h:mm a', 'h:mm:ss a', 'h a', 'h:mma', 'ha', 'H.mm'];

/** A time of day as HH:mm:ss, or null when the text is not one. */
export function parseTimeOfDay(text: string): string | null {
  const t = text
    .trim()
    .replace(/\s*([ap])\.?\s*m\.?$/i, ' $1m')
    .toUpperCase();
  if (t === '') return null;
  for (const p of TIME_PATTERNS) {
    const d = parse(t, p, REFERENCE);
    if (isValid(d)) return format(d, 'HH:mm:ss');
  }
  return null;
}

const NAMED_PATTERNS: { pattern: string; locale?: typeof es }[] = [
  { pattern: 'd MMM yyyy' },
  { pattern: 'd MMMM yyyy' },
  { pattern: 'MMM d yyyy' },
  { pattern: 'MMMM d yyyy' },
  { pattern: 'd-MMM-yyyy' },
  { pattern: 'd-MMM-yy' },
  { pattern: "d 'de' MMMM 'de' yyyy", locale: es },
  { pattern: 'd MMMM yyyy', locale: es },
  { pattern: 'd MMM yyyy', locale: es },
  { pattern: 'd-MMM-yyyy', locale: es },
];

function parseDayPart(text: string, order: DateOrder): { day: string | null; ambiguous: boolean } | null {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return { day: checked(`${m[1]}-${m[2]}-${m[3]}`, 'yyyy-M-d'), ambiguous: false };
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(text);
  if (m) return numericDay(Number(m[1]), Number(m[2]), m[3]!, order);
  if (/[a-z]/i.test(text)) {
    const cleaned = text.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
    for (const { pattern, locale } of NAMED_PATTERNS) {
      const day = checked(cleaned, pattern, locale);
      if (day) return { day, ambiguous: false };
    }
    return { day: null, ambiguous: false };
  }
  return null;
}

/**
 * An Excel serial number: days since 1899-12-30, the fraction the time of day. Serials before 61
 * (1 March 1900) are left out: Excel counts a 29 February 1900 that never was, and a small number in a
 * date column is far more likely a typo than a contact in 1900.
 */
function fromSerial(serial: number): SheetDate | null {
  if (!(serial >= 61 && serial <= EXCEL_MAX_SERIAL)) return null;
  const ms = Math.round((serial * 86_400_000) / 1000) * 1000 + EXCEL_EPOCH_MS;
  const d = new Date(ms);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hasTime = serial % 1 !== 0;
  return { day, time: hasTime ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : null, ambiguous: false };
}

/**
 * A date cell as text (a spreadsheet's Date cell arrives as YYYY-MM-DDTHH:mm:ss from read.ts), read in
 * the given order when ambiguous. Null: not a date.
 */
export function parseSheetDate(text: string, order: DateOrder): SheetDate | null {
  // A file's dates repeat (a busy day has many contacts): each distinct text is read once.
  const key = `${order}|${text}`;
  const known = parsedDates.get(key);
  if (known !== undefined) return known;
  if (parsedDates.size > 100_000) parsedDates.clear();
  const d = readSheetDate(text, order);
  parsedDates.set(key, d);
  return d;
}

const parsedDates = new Map<string, SheetDate | null>();

function readSheetDate(text: string, order: DateOrder): SheetDate | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+(\.\d+)?$/.test(t) && !/^\d{8}$/.test(t)) return fromSerial(Number(t));
  if (/^\d{8}$/.test(t)) {
    const day = checked(t, 'yyyyMMdd');
    return day ? { day, time: null, ambiguous: false } : null;
  }
  // ISO with a time: 2025-03-05T14:30, 2025-03-05 14:30:00
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})[T ](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?$/.exec(t);
  if (iso) {
    const day = parseDayPart(iso[1]!, order)?.day ?? null;
    const time = parseTimeOfDay(iso[2]!);
    return day && time ? { day, time: time === '00:00:00' && /T00:00:00$/.test(t) ? null : time, ambiguous: false } : null;
  }
  const whole = parseDayPart(t, order);
  if (whole?.day) return { day: whole.day, time: null, ambiguous: whole.ambiguous };
  // A date then a time: "05/03/2025 14:30", "5/3/2025 2:30 PM", "5 de marzo de 2025 9:15".
  const words = t.replace(/,/g, ' ').split(/\s+/);
  for (let k = words.length - 1; k >= 1; k--) {
    const time = parseTimeOfDay(words.slice(k).join(' '));
    if (!time) continue;
    const date = parseDayPart(words.slice(0, k).join(' '), order);
    if (date?.day) return { day: date.day, time, ambiguous: date.ambiguous };
  }
  return null;
}

/** An instant with an explicit offset or Z (2025-03-05T14:30:00Z): already a point in time. */
export function explicitInstant(text: string): string | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offsets by zone and quarter hour: zones change offset only on a quarter hour, and a file's contacts share a few thousand. */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60_000;

/** How far the zone's wall clock is ahead of UTC at `ms`. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    if (cache.size > 100_000) cache.clear();
    offset = computeOffsetMs(bucket * QUARTER_HOUR, timeZone);
    cache.set(bucket, offset);
  }
  return offset;
}

function computeOffsetMs(ms: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in the clinic's zone. A date without a time is taken at midday, so
 * it stays on its calendar day in the clinic's zone whatever the offset.
 */
export function instantOf(d: Pick<SheetDate, 'day' | 'time'>, timeZone: string): string {
  const [y, mo, da] = d.day.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = (d.time ?? '12:00:00').split(':').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, da, h, mi, s);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return new Date(second).toISOString();
}
