import { CalendarDate, CalendarDateTime } from '@internationalized/date';
import { differenceInCalendarDays, differenceInCalendarMonths, format, parseISO } from 'date-fns';

/**
 * How long ago, in calendar days, said plainly. Gaps are normal (DESIGN.md), so there is no
 * colour or warning attached: "3 weeks ago" is a fact, not an alarm.
 */
export type RelativeDay =
  | { unit: 'today' }
  | { unit: 'yesterday' }
  | { unit: 'days'; count: number }
  | { unit: 'weeks'; count: number }
  | { unit: 'months'; count: number }
  | { unit: 'years'; count: number };

export function relativeDay(iso: string, now: Date = new Date()): RelativeDay {
  const then = parseISO(iso);
  const days = differenceInCalendarDays(now, then);
  if (days <= 0) return { unit: 'today' };
  if (days === 1) return { unit: 'yesterday' };
  if (days < 14) return { unit: 'days', count: days };
  if (days < 60) return { unit: 'weeks', count: Math.floor(days / 7) };
  const months = differenceInCalendarMonths(now, then);
  if (months < 24) return { unit: 'months', count: Math.max(2, months) };
  return { unit: 'years', count: Math.floor(months / 12) };
}

/** "12 Mar 2025", the way a date reads on a record. */
export const formatDay = (iso: string): string => format(parseISO(iso), 'd MMM yyyy');
/** "12 Mar 2025, 14:05" in this computer's time. */
export const formatDateTime = (iso: string): string => format(parseISO(iso), 'd MMM yyyy, HH:mm');
export const formatTime = (iso: string): string => format(parseISO(iso), 'HH:mm');

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
