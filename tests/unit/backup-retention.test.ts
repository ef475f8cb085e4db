import { describe, expect, it } from 'vitest';
import { isoWeek, planRetention, type RetentionItem, type RetentionPolicy } from '../../electron/core/backup/retention';

/** Items from "YYYY-MM-DD HH:MM" (UTC); `?` after a time marks an unverified bundle. The id is the time as written. */
const items = (...times: string[]): RetentionItem[] =>
  times.map((t) => ({ id: t.replace('?', ''), createdAt: `${t.replace('?', '').replace(' ', 'T')}:00.000Z`, verified: !t.endsWith('?') }));

const policy = (keepDaily: number, keepWeekly: number, keepMonthly: number): RetentionPolicy => ({ keepDaily, keepWeekly, keepMonthly });

const sorted = (ids: string[]) => [...ids].sort();

function dailyYear(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2025, 2, 3, 10); t <= Date.UTC(2026, 2, 2, 10); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 16).replace('T', ' '));
  return out;
}

describe('retention (keep sets computed by hand)', () => {
  it.each([
    {
      name: 'daily 7 over ten days keeps the last seven',
      items: items('2026-03-01 10:00', '2026-03-02 10:00', '2026-03-03 10:00', '2026-03-04 10:00', '2026-03-05 10:00', '2026-03-06 10:00', '2026-03-07 10:00', '2026-03-08 10:00', '2026-03-09 10:00', '2026-03-10 10:00'),
      policy: policy(7, 0, 0),
      keep: ['2026-03-04 10:00', '2026-03-05 10:00', '2026-03-06 10:00', '2026-03-07 10:00', '2026-03-08 10:00', '2026-03-09 10:00', '2026-03-10 10:00'],
    },
    {
      name: 'two backups on one day: only the newest of that day fills the day',
      items: items('2026-03-01 09:00', '2026-03-01 18:00', '2026-03-02 10:00'),
      policy: policy(2, 0, 0),
      keep: ['2026-03-01 18:00', '2026-03-02 10:00'],
    },
    {
      name: 'weekly uses ISO weeks (Monday to Sunday)',
      items: items('2026-03-02 10:00', '2026-03-04 10:00', '2026-03-08 10:00', '2026-03-10 10:00', '2026-03-16 10:00'),
      policy: policy(1, 2, 0),
      keep: ['2026-03-10 10:00', '2026-03-16 10:00'],
    },
    {
      name: 'monthly keeps the newest of each of the last months that have one',
      items: items('2026-01-15 10:00', '2026-01-31 10:00', '2026-02-10 10:00', '2026-03-01 10:00', '2026-03-20 10:00', '2026-04-05 10:00'),
      policy: policy(0, 0, 3),
      keep: ['2026-02-10 10:00', '2026-03-20 10:00', '2026-04-05 10:00'],
    },
    {
      name: 'the newest verified bundle is kept even when every rule is 0',
      items: items('2026-03-01 10:00', '2026-03-02 10:00', '2026-03-03 10:00'),
      policy: policy(0, 0, 0),
      keep: ['2026-03-03 10:00'],
    },
    {
      name: 'an unverified bundle never fills a slot, and goes once a newer verified one exists',
      items: items('2026-03-01 10:00', '2026-03-02 10:00', '2026-03-03 10:00?', '2026-03-04 10:00'),
      policy: policy(2, 0, 0),
      keep: ['2026-03-02 10:00', '2026-03-04 10:00'],
    },
    {
      name: 'an unverified bundle newer than every verified one is left alone (it may still be being checked)',
      items: items('2026-03-01 10:00', '2026-03-02 10:00', '2026-03-03 10:00?'),
      policy: policy(1, 0, 0),
      keep: ['2026-03-02 10:00', '2026-03-03 10:00'],
    },
    {
      name: 'with no verified bundle at all, nothing is removed',
      items: items('2026-03-01 10:00?', '2026-03-02 10:00?'),
      policy: policy(7, 4, 12),
      keep: ['2026-03-01 10:00', '2026-03-02 10:00'],
    },
    {
      name: 'the defaults (7 daily, 4 weekly, 12 monthly) over a year of daily backups keep 19',
      items: items(...dailyYear()),
      policy: policy(7, 4, 12),
      keep: [
        // daily: the last seven days
        '2026-02-24 10:00', '2026-02-25 10:00', '2026-02-26 10:00', '2026-02-27 10:00', '2026-02-28 10:00', '2026-03-01 10:00', '2026-03-02 10:00',
        // weekly: the newest of weeks 10 (Mar 2), 9 (Mar 1), 8 (Feb 22), 7 (Feb 15)
        '2026-02-22 10:00', '2026-02-15 10:00',
        // monthly: the newest of each month, March 2026 back to April 2025 (Mar 2 and Feb 28 already kept)
        '2026-01-31 10:00', '2025-12-31 10:00', '2025-11-30 10:00', '2025-10-31 10:00', '2025-09-30 10:00', '2025-08-31 10:00', '2025-07-31 10:00', '2025-06-30 10:00',
        '2025-05-31 10:00', '2025-04-30 10:00',
      ],
    },
  ])('$name', ({ items: list, policy: p, keep }) => {
    const plan = planRetention(list, p, 'UTC');
    expect(sorted(plan.keep)).toEqual(sorted(keep));
    expect(sorted(plan.remove)).toEqual(sorted(list.map((i) => i.id).filter((id) => !keep.includes(id))));
  });

  it("counts days in the clinic's time zone", () => {
    const list = items('2026-03-02 23:30', '2026-03-03 01:00');
    // Two days in UTC; one afternoon (15:30 and 17:00 on 2 March) in Los Angeles.
    expect(sorted(planRetention(list, policy(2, 0, 0), 'UTC').keep)).toEqual(['2026-03-02 23:30', '2026-03-03 01:00']);
    expect(planRetention(list, policy(2, 0, 0), 'America/Los_Angeles').keep).toEqual(['2026-03-03 01:00']);
  });

  it('says why each bundle is kept', () => {
    const plan = planRetention(items('2026-03-01 10:00', '2026-03-02 10:00'), policy(1, 1, 1), 'UTC');
    expect(plan.reasons['2026-03-02 10:00']).toEqual(['newest', 'daily', 'weekly', 'monthly']);
    expect(plan.reasons['2026-03-01 10:00']).toBeUndefined();
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2025-12-28', '2025-W52'],
    ['2026-03-02', '2026-W10'],
    ['2026-03-01', '2026-W09'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
  ])('ISO week of %s is %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});
