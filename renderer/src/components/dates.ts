import { CalendarDate, CalendarDateTime } from '@internationalized/date';
import { format, intervalToDuration, parseISO } from 'date-fns';
import type { TFunction } from 'i18next';
import { addDays, calendarDay, daysBetween } from '../../../shared/continuity/days';
import { appLocale } from './locale';

/*
 * Every date, time and "how long ago" on screen is written here, so the same day reads the same on
 * the person page, on door's open and in a backup's line, and all of them follow one locale: a clinic
 * whose computers say 24-hour times never sees "2:15 PM" beside "14:15".
 */

// ---- how long, in words ----------------------------------------------------------------------

/**
 * A stretch of time in calm, rounded units: days under two weeks, weeks under two months, then
 * calendar months (half a month or more counts as one, as people say it) and years with months.
 */
export type Elapsed =
  | { unit: 'days'; count: number }
  | { unit: 'weeks'; count: number }
  | { unit: 'months'; count: number }
  | { unit: 'years'; years: number; months: number };

/**
 * `days` counted on the calendar from `from` (YYYY-MM-DD), so months have their real lengths. Without
 * `from` an ordinary year is assumed; callers that know the start day pass it.
 */
export function elapsed(days: number, from?: string): Elapsed {
  if (days < 14) return { unit: 'days', count: Math.max(days, 0) };
  if (days < 61) return { unit: 'weeks', count: Math.round(days / 7) };
  const start = from ?? '2001-01-01';
  const d = intervalToDuration({ start: parseISO(start), end: parseISO(addDays(start, days)) });
  let years = d.years ?? 0;
  let months = (d.months ?? 0) + ((d.days ?? 0) >= 15 ? 1 : 0);
  if (months === 12) {
    years += 1;
    months = 0;
  }
  // 61 days is never "1 month": a month and a bit reads as two, like the weeks before it.
  if (years === 0) return { unit: 'months', count: Math.max(months, 2) };
  return { unit: 'years', years, months };
}

/** "10 days", "3 weeks", "4 months", "1 year and 2 months": never "about" or "over". */
export function lengthWords(t: TFunction, e: Elapsed): string {
  if (e.unit !== 'years') return t(`dates.length.${e.unit}`, { count: e.count });
  const years = t('dates.length.years', { count: e.years });
  if (e.months === 0) return years;
  return t('dates.length.yearsMonths', { years, months: t('dates.length.months', { count: e.months }) });
}

/** Shorthand for the sentences that carry a length: "4 months away", "3 weeks since their last contact". */
export const lengthOfTime = (t: TFunction, days: number, from?: string): string => lengthWords(t, elapsed(days, from));

/** How long ago a day was, from today: the same rounding as every length on screen. */
export type RelativeDay = { unit: 'today' } | { unit: 'yesterday' } | { unit: 'ago'; length: Elapsed };

/**
 * `value` is a calendar day (YYYY-MM-DD) or an instant; an instant's day is taken in `timeZone` (the
 * clinic's, where known, so it agrees with door's open, which core counts in that zone).
 */
export function relativeDay(value: string, now: Date = new Date(), timeZone?: string): RelativeDay {
  const then = dayOf(value, timeZone);
  const today = dayOf(now, timeZone);
  const days = daysBetween(then, today);
  if (days <= 0) return { unit: 'today' };
  if (days === 1) return { unit: 'yesterday' };
  return { unit: 'ago', length: elapsed(days, then) };
}

/** "today", "yesterday", "3 weeks ago": lower case, to sit inside a sentence. */
export function relativeWords(t: TFunction, r: RelativeDay): string {
  if (r.unit === 'ago') return t('dates.ago', { length: lengthWords(t, r.length) });
  return t(`dates.${r.unit}`);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day of an instant in `timeZone` (this computer's when not given); a day stays itself. */
function dayOf(value: string | Date, timeZone?: string): string {
  if (typeof value === 'string' && ISO_DAY.test(value)) return value;
  const instant = typeof value === 'string' ? parseISO(value) : value;
  return timeZone ? calendarDay(instant, timeZone) : format(instant, 'yyyy-MM-dd');
}

// ---- dates and times, one format per context --------------------------------------------------

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/**
 * A calendar day is the clinic's day already: it is written at noon UTC in UTC, so no time zone can
 * move it to the day before. An instant is written in `timeZone`, or this computer's.
 */
function point(value: string, timeZone?: string): { date: Date; timeZone: string | undefined } {
  if (ISO_DAY.test(value)) return { date: new Date(`${value}T12:00:00Z`), timeZone: 'UTC' };
  return { date: parseISO(value), timeZone };
}

export interface DateOptions {
  /** IANA zone for instants; calendar days ignore it. */
  timeZone?: string;
  locale?: string;
}

/** "Mar 28, 2026": in tables, lists, ranges and beside other words. */
export function formatDay(value: string, { timeZone, locale = appLocale() }: DateOptions = {}): string {
  const p = point(value, timeZone);
  return formatter(locale, { dateStyle: 'medium', timeZone: p.timeZone }).format(p.date);
}

/** "March 28, 2026": the day a sentence or a heading is about. */
export function formatLongDay(value: string, { timeZone, locale = appLocale() }: DateOptions = {}): string {
  const p = point(value, timeZone);
  return formatter(locale, { dateStyle: 'long', timeZone: p.timeZone }).format(p.date);
}

/** "Mar 2, 2026, 10:00 AM": when something happened. */
export function formatDateTime(value: string, { timeZone, locale = appLocale() }: DateOptions = {}): string {
  const p = point(value, timeZone);
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: p.timeZone }).format(p.date);
}

/** "Mar 2, 2026, 10:00:07 AM": the audit trail, where the order within a minute matters. */
export function formatPreciseDateTime(value: string, { timeZone, locale = appLocale() }: DateOptions = {}): string {
  const p = point(value, timeZone);
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: p.timeZone }).format(p.date);
}

/** "10:00 AM" (or "10:00" where the locale keeps a 24-hour clock). */
export function formatTime(value: string | Date, { timeZone, locale = appLocale() }: DateOptions = {}): string {
  const date = typeof value === 'string' ? parseISO(value) : value;
  return formatter(locale, { timeStyle: 'short', timeZone }).format(date);
}

/** "Mar 2026" for a month (YYYY-MM); `short` gives "Mar" alone, for a chart's axis; `long` "March 2026", as in a letter. */
export function formatMonth(month: string, { locale = appLocale(), short = false, long = false }: { locale?: string; short?: boolean; long?: boolean } = {}): string {
  const options: Intl.DateTimeFormatOptions = short
    ? { month: 'short', timeZone: 'UTC' }
    : { month: long ? 'long' : 'short', year: 'numeric', timeZone: 'UTC' };
  return formatter(locale, options).format(new Date(`${month.slice(0, 7)}-15T12:00:00Z`));
}

/** A chart's own date labels (the timeline's axis), in the same locale as every other date, asked for at each use: the language can change while the app runs. */
export function dateLabels(options: Intl.DateTimeFormatOptions): { format(date: Date): string } {
  return { format: (date: Date) => formatter(appLocale(), options).format(date) };
}

// ---- calendar values for the date fields -----------------------------------------------------

/** Today as YYYY-MM-DD in this computer's time zone (entries are dated by the calendar day). */
export const todayIso = (now: Date = new Date()): string => format(now, 'yyyy-MM-dd');

export function toCalendarDate(isoDay: string): CalendarDate {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new CalendarDate(y ?? 1970, m ?? 1, d ?? 1);
}

export const fromCalendarDate = (d: CalendarDate): string => d.toString();

export function toCalendarDateTime(when: Date): CalendarDateTime {
  return new CalendarDateTime(when.getFullYear(), when.getMonth() + 1, when.getDate(), when.getHours(), when.getMinutes());
}

/** A local date and time from the form, as an instant with this computer's offset. */
export function fromCalendarDateTime(v: CalendarDateTime): string {
  return new Date(v.year, v.month - 1, v.day, v.hour, v.minute).toISOString();
}

/** "5:42 PM" for a moment earlier today, "Mar 2, 2026, 5:42 PM" before that: when unsaved work was kept. */
export function formatTimeOrDateTime(value: string, { now = new Date(), locale = appLocale() }: { now?: Date; locale?: string } = {}): string {
  const date = parseISO(value);
  return format(date, 'yyyy-MM-dd') === format(now, 'yyyy-MM-dd') ? formatTime(date, { locale }) : formatDateTime(value, { locale });
}
