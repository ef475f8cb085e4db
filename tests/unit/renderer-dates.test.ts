import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../shared/continuity/days';
import i18n from '../../renderer/src/i18n/i18n';
import {
  elapsed,
  formatDateTime,
  formatDay,
  formatLongDay,
  formatMonth,
  formatPreciseDateTime,
  formatTime,
  lengthOfTime,
  relativeDay,
  relativeWords,
  type Elapsed,
} from '../../renderer/src/components/dates';
import { formatCount } from '../../renderer/src/components/numbers';

const t = i18n.t.bind(i18n) as TFunction;

/** Intl writes a narrow no-break space before AM/PM; the words are what is checked here. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('elapsed: one rounding for every length on screen', () => {
  const cases: [days: number, from: string | undefined, expected: Elapsed, words: string][] = [
    [0, undefined, { unit: 'days', count: 0 }, '0 days'],
    [1, undefined, { unit: 'days', count: 1 }, '1 day'],
    [13, undefined, { unit: 'days', count: 13 }, '13 days'],
    [14, undefined, { unit: 'weeks', count: 2 }, '2 weeks'],
    [21, undefined, { unit: 'weeks', count: 3 }, '3 weeks'],
    // Weeks round to the nearest: 53 days is closer to 8 weeks than to 7.
    [53, undefined, { unit: 'weeks', count: 8 }, '8 weeks'],
    [60, undefined, { unit: 'weeks', count: 9 }, '9 weeks'],
    // Past two months, calendar months: never "1 month" just after "9 weeks".
    [61, '2026-01-01', { unit: 'months', count: 2 }, '2 months'],
    // March 28 to August 3 is four months and six days.
    [128, '2026-03-28', { unit: 'months', count: 4 }, '4 months'],
    // Half a month or more rounds up, as people say it.
    [140, '2026-03-10', { unit: 'months', count: 5 }, '5 months'],
    [358, '2025-01-01', { unit: 'years', years: 1, months: 0 }, '1 year'],
    [365, '2025-01-01', { unit: 'years', years: 1, months: 0 }, '1 year'],
    [400, '2025-01-01', { unit: 'years', years: 1, months: 1 }, '1 year and 1 month'],
    [800, '2024-01-01', { unit: 'years', years: 2, months: 2 }, '2 years and 2 months'],
  ];
  it.each(cases)('%i days from %s', (days, from, expected, words) => {
    expect(elapsed(days, from)).toEqual(expected);
    expect(lengthOfTime(t, days, from)).toBe(words);
  });
});

describe('relativeDay: how long ago, counted in calendar days', () => {
  const today = '2026-03-20';
  const now = new Date('2026-03-20T17:00:00Z');
  const cases: [label: string, value: string, timeZone: string | undefined, words: string][] = [
    ['the same day', '2026-03-20', undefined, 'today'],
    ['the day before', '2026-03-19', undefined, 'yesterday'],
    ['three days', '2026-03-17', undefined, '3 days ago'],
    ['thirteen days', '2026-03-07', undefined, '13 days ago'],
    ['two weeks', '2026-03-06', undefined, '2 weeks ago'],
    ['53 days, as door\'s open rounds it', '2026-01-26', undefined, '8 weeks ago'],
    ['four months', addDays(today, -128), undefined, '4 months ago'],
    ['over a year', addDays(today, -400), undefined, '1 year and 1 month ago'],
    // 11:30 pm in Los Angeles is already the next day in UTC: the clinic's zone decides the day.
    ['late evening in the clinic\'s zone', '2026-03-20T06:30:00Z', 'America/Los_Angeles', 'yesterday'],
    ['an instant the same clinic day', '2026-03-20T16:00:00Z', 'America/Los_Angeles', 'today'],
  ];
  it.each(cases)('%s', (_label, value, timeZone, words) => {
    expect(relativeWords(t, relativeDay(value, now, timeZone))).toBe(words);
  });

  it('says of a day what door\'s open says of the same day', () => {
    // Door's open prints lengthOfTime(daysAway, lastContactDay) with "since their last contact";
    // the person page prints relativeWords with "ago". The length in both must be the same words.
    for (let days = 2; days < 900; days += 1) {
      const lastContact = addDays(today, -days);
      const personPage = relativeWords(t, relativeDay(lastContact, now));
      const doorsOpen = lengthOfTime(t, daysBetween(lastContact, today), lastContact);
      expect(personPage, lastContact).toBe(`${doorsOpen} ago`);
    }
  });
});

describe('one format per context, from the locale', () => {
  const instant = '2026-03-02T18:05:07Z';
  const zone = { timeZone: 'UTC' };
  const cases: [context: string, en: string, gb: string, write: (locale: string) => string][] = [
    ['a day in a table', 'Mar 28, 2026', '28 Mar 2026', (locale) => formatDay('2026-03-28', { locale })],
    ['a day in a sentence', 'March 28, 2026', '28 March 2026', (locale) => formatLongDay('2026-03-28', { locale })],
    ['when something happened', 'Mar 2, 2026, 6:05 PM', '2 Mar 2026, 18:05', (locale) => formatDateTime(instant, { ...zone, locale })],
    ['the audit trail', 'Mar 2, 2026, 6:05:07 PM', '2 Mar 2026, 18:05:07', (locale) => formatPreciseDateTime(instant, { ...zone, locale })],
    ['a clock time', '6:05 PM', '18:05', (locale) => formatTime(instant, { ...zone, locale })],
    ['a month', 'Mar 2026', 'Mar 2026', (locale) => formatMonth('2026-03', { locale })],
    ['a month on an axis', 'Mar', 'Mar', (locale) => formatMonth('2026-03', { locale, short: true })],
  ];
  it.each(cases)('%s', (_context, en, gb, write) => {
    expect(plain(write('en-US'))).toBe(en);
    // A 24-hour locale gets 24-hour times everywhere, never a mix.
    expect(plain(write('en-GB'))).toBe(gb);
  });

  it('never moves a calendar day, whatever the time zone', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      expect(formatDay('2026-01-01', { timeZone, locale: 'en-US' })).toBe('Jan 1, 2026');
    }
  });

  it('writes an instant on the clinic\'s day', () => {
    expect(formatDay('2026-03-02T03:00:00Z', { timeZone: 'America/Los_Angeles', locale: 'en-US' })).toBe('Mar 1, 2026');
  });
});

describe('formatCount: one number format', () => {
  const cases: [n: number, locale: string, expected: string][] = [
    [283067, 'en-US', '283,067'],
    [12, 'en-US', '12'],
    [1234567, 'en-US', '1,234,567'],
    [283067, 'es-MX', '283,067'],
    [283067, 'de-DE', '283.067'],
  ];
  it.each(cases)('%i in %s', (n, locale, expected) => {
    expect(formatCount(n, locale)).toBe(expected);
  });
});
