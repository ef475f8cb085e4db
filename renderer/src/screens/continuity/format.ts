import { format, intervalToDuration, parseISO } from 'date-fns';
import type { TFunction } from 'i18next';
import type { PersonSummary } from '../../../../shared/contract';
import { addDays } from '../../../../shared/continuity/days';

/** "March 28, 2026": calendar days are the clinic's days already, so no time zone is applied. */
export const longDay = (day: string): string => format(parseISO(day), 'MMMM d, yyyy');
export const shortDay = (day: string): string => format(parseISO(day), 'MMM d, yyyy');
export const monthName = (month: string): string => format(parseISO(`${month}-01`), 'MMM yyyy');
export const shortMonth = (month: string): string => format(parseISO(`${month}-01`), 'MMM');

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** The clock time of an instant in the clinic's time zone, e.g. "2:15 PM". */
export function clockTime(instant: string, timeZone: string): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
    timeFormats.set(timeZone, f);
  }
  return f.format(new Date(instant));
}

/**
 * A length of time in calm, rounded words, like date-fns' formatDistance but without "about" or
 * "over": "10 days", "3 weeks", "4 months", "1 year and 2 months". Counted on the calendar from
 * `from` to `from + days`, so months have their real lengths.
 */
export function lengthOfTime(t: TFunction, days: number, from?: string): string {
  if (days < 14) return t('timeline.length.days', { count: days });
  if (days < 61) return t('timeline.length.weeks', { count: Math.round(days / 7) });
  const start = from ?? '2001-01-01';
  const d = intervalToDuration({ start: parseISO(start), end: parseISO(addDays(start, days)) });
  let years = d.years ?? 0;
  let months = (d.months ?? 0) + ((d.days ?? 0) >= 15 ? 1 : 0);
  if (months === 12) {
    years += 1;
    months = 0;
  }
  if (years === 0) return t('timeline.length.months', { count: Math.max(months, 2) });
  if (months === 0) return t('timeline.length.years', { count: years });
  return t('timeline.length.yearsMonths', {
    years: t('timeline.length.years', { count: years }),
    months: t('timeline.length.months', { count: months }),
  });
}

/** The name the person goes by, else their name, else their client code. */
export function personLabel(p: Pick<PersonSummary, 'preferredName' | 'name' | 'clientCode'>): string {
  return p.preferredName ?? p.name ?? p.clientCode;
}

/** The client code beside the name, unless the code is all there is. */
export function personSecondary(p: Pick<PersonSummary, 'preferredName' | 'name' | 'clientCode'>): string | null {
  return p.preferredName ?? p.name ? p.clientCode : null;
}

/** For the clinic's word at the start of a sentence: "participants" → "Participants". */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** One number format for counts: whole numbers with thousands separators ("1,234"). */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

const SUPPLY_CATEGORIES = ['naloxone', 'syringes', 'test_strips', 'safer_use', 'wound_care'] as const;

/** A supply category in words, as the catalog settings name it; no category reads as "Other". */
export function categoryLabel(t: TFunction, category: string | null): string {
  if (category === null) return t('catalog.categories.none');
  return (SUPPLY_CATEGORIES as readonly string[]).includes(category)
    ? t(`catalog.categories.${category as (typeof SUPPLY_CATEGORIES)[number]}`)
    : category.replace(/_/g, ' ');
}
