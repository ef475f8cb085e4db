/**
 * Continuity is counted in calendar days in the clinic's time zone (issue 4): a visit at 11 pm and one
 * at 1 am the next morning are on different days, wherever the computer's clock is set.
 */
export type CalendarDay = string; // YYYY-MM-DD

const formatters = new Map<string, Intl.DateTimeFormat>();

export function calendarDay(instant: string | Date, timeZone: string): CalendarDay {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(typeof instant === 'string' ? new Date(instant) : instant);
}

const dayNumber = (d: CalendarDay) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** Whole days from `a` to `b` (b later gives a positive number). */
export function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return Math.round(dayNumber(b) - dayNumber(a));
}

export function addDays(d: CalendarDay, days: number): CalendarDay {
  return new Date((dayNumber(d) + days) * 86_400_000).toISOString().slice(0, 10);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}
