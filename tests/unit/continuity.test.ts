import { describe, expect, it } from 'vitest';
import { addDays, calendarDay, daysBetween } from '../../shared/continuity/days';
import { currentAbsence, deriveEpisodes } from '../../shared/continuity/episodes';
import { clinicMeasures, continuityMeasures } from '../../shared/continuity/measures';
import { retentionView } from '../../shared/continuity/retention';

describe('calendar days in the clinic time zone', () => {
  it.each([
    ['2026-03-08T06:30:00Z', 'America/Los_Angeles', '2026-03-07'],
    ['2026-03-08T06:30:00Z', 'UTC', '2026-03-08'],
    ['2026-07-01T23:30:00-04:00', 'America/New_York', '2026-07-01'],
    ['2026-07-01T23:30:00-04:00', 'Europe/London', '2026-07-02'],
  ])('%s in %s is %s', (instant, tz, day) => expect(calendarDay(instant, tz)).toBe(day));

  it.each([
    ['2026-01-01', '2026-03-02', 60],
    ['2026-01-01', '2026-03-03', 61],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-03-20', '2026-08-01', 134],
    ['2026-05-05', '2026-05-05', 0],
  ])('%s to %s is %i days', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
    expect(addDays(a, n)).toBe(b);
  });
});

describe('episodes, time away and welcome back (threshold 60 days)', () => {
  const cases: { name: string; days: string[]; episodes: [string, string, number][]; away: number[]; welcome: string[] }[] = [
    { name: 'no contacts', days: [], episodes: [], away: [], welcome: [] },
    { name: 'one contact', days: ['2026-01-05'], episodes: [['2026-01-05', '2026-01-05', 1]], away: [], welcome: [] },
    { name: 'two contacts on the same day', days: ['2026-01-05', '2026-01-05'], episodes: [['2026-01-05', '2026-01-05', 2]], away: [], welcome: [] },
    { name: 'a gap of exactly the threshold stays one episode', days: ['2026-01-01', '2026-03-02'], episodes: [['2026-01-01', '2026-03-02', 2]], away: [], welcome: [] },
    {
      name: 'a gap of one day more is time away',
      days: ['2026-01-01', '2026-03-03'],
      episodes: [['2026-01-01', '2026-01-01', 1], ['2026-03-03', '2026-03-03', 1]],
      away: [61],
      welcome: ['2026-03-03'],
    },
    {
      name: 'January to March, four months away, back in August (unsorted input)',
      days: ['2026-08-01', '2026-01-10', '2026-03-20', '2026-01-20', '2026-02-15', '2026-08-04'],
      episodes: [['2026-01-10', '2026-03-20', 4], ['2026-08-01', '2026-08-04', 2]],
      away: [134],
      welcome: ['2026-08-01'],
    },
    {
      name: 'two times away',
      days: ['2025-01-01', '2025-01-03', '2025-06-01', '2025-06-02', '2025-06-30', '2026-01-15'],
      episodes: [['2025-01-01', '2025-01-03', 2], ['2025-06-01', '2025-06-30', 3], ['2026-01-15', '2026-01-15', 1]],
      away: [149, 199],
      welcome: ['2025-06-01', '2026-01-15'],
    },
  ];
  it.each(cases)('$name', ({ days, episodes, away, welcome }) => {
    const v = deriveEpisodes(days, 60);
    expect(v.episodes.map((e) => [e.start, e.end, e.contactCount])).toEqual(episodes);
    expect(v.timeAway.map((t) => t.days)).toEqual(away);
    expect(v.welcomeBacks).toEqual(welcome);
    expect(v.episodes.reduce((s, e) => s + e.contactCount, 0)).toBe(days.length);
  });

  it('honours another threshold', () => {
    expect(deriveEpisodes(['2026-01-01', '2026-01-31'], 29).timeAway).toEqual([{ from: '2026-01-01', to: '2026-01-31', days: 30 }]);
    expect(deriveEpisodes(['2026-01-01', '2026-01-31'], 30).timeAway).toEqual([]);
  });

  it.each([
    [null, '2026-11-21', null],
    ['2026-09-22', '2026-11-21', { days: 60, away: false }],
    ['2026-09-21', '2026-11-21', { days: 61, away: true }],
  ])('current absence from %s to %s', (last, today, expected) => expect(currentAbsence(last, today, 60)).toEqual(expected));
});

describe('continuity measures (staff member as provider)', () => {
  const n = (v: number | null) => (v === null ? null : Number(v.toFixed(6)));
  it.each([
    { name: 'N = 0', seq: [], want: { coc: null, upc: null, secon: null, mmci: null, hhi: null } },
    { name: 'N = 1 is not enough contacts yet, never 0', seq: ['A'], want: { coc: null, upc: null, secon: null, mmci: null, hhi: null } },
    { name: 'N = 2, same staff member', seq: ['A', 'A'], want: { coc: 1, upc: 1, secon: 1, mmci: 1, hhi: 1 } },
    { name: 'N = 2, different staff', seq: ['A', 'B'], want: { coc: 0, upc: 0.5, secon: 0, mmci: n(0.1 / 1.1), hhi: 0.5 } },
    { name: 'one staff member, N = 4', seq: ['A', 'A', 'A', 'A'], want: { coc: 1, upc: 1, secon: 1, mmci: 1, hhi: 1 } },
    { name: 'all different staff, N = 4', seq: ['A', 'B', 'C', 'D'], want: { coc: 0, upc: 0.25, secon: 0, mmci: n(0.1 / 3.1), hhi: 0.25 } },
    // n = A3 B1 C1: sum n^2 = 11; COC = (11-5)/20; SECON: 1 of 4 pairs; MMCI = (1-3/5.1)/(1-1/5.1) = 2.1/4.1.
    { name: 'mixed, N = 5', seq: ['A', 'A', 'B', 'A', 'C'], want: { coc: 0.3, upc: 0.6, secon: 0.25, mmci: n(2.1 / 4.1), hhi: 0.44 } },
  ])('$name', ({ seq, want }) => {
    const m = continuityMeasures(seq);
    expect({ coc: n(m.coc), upc: n(m.upc), secon: n(m.secon), mmci: n(m.mmci), hhi: n(m.hhi) }).toEqual(want);
    expect(m.contacts).toBe(seq.length);
  });

  it('the clinic figure averages over people with enough contacts, and says how many', () => {
    const c = clinicMeasures([continuityMeasures(['A', 'A']), continuityMeasures(['A', 'B']), continuityMeasures(['A'])]);
    expect(c.coc).toEqual({ mean: 0.5, people: 2 });
    expect(c.upc).toEqual({ mean: 0.75, people: 2 });
    expect(clinicMeasures([continuityMeasures([])]).coc).toEqual({ mean: null, people: 0 });
  });
});

describe('retention views', () => {
  it.each([
    { days: [], want: { twoContacts90DaysApart: false, contactInLast6Months: false } },
    { days: ['2026-01-10', '2026-05-01'], want: { twoContacts90DaysApart: true, contactInLast6Months: false } },
    { days: ['2026-09-01', '2026-11-20'], want: { twoContacts90DaysApart: false, contactInLast6Months: true } },
    { days: ['2026-08-23', '2026-11-21'], want: { twoContacts90DaysApart: true, contactInLast6Months: true } },
    { days: ['2025-10-01', '2026-02-01'], want: { twoContacts90DaysApart: false, contactInLast6Months: false } },
  ])('$days', ({ days, want }) => expect(retentionView(days, '2026-11-21')).toEqual(want));
});
