import { CalendarDate } from '@internationalized/date';
import { describe, expect, it } from 'vitest';
import { presetPeriod, type PeriodPreset } from '../../renderer/src/components/period';

// Worked by hand on a calendar: both ends are included, quarters are calendar quarters.
describe('a period preset covers the days a person would count', () => {
  it.each<[string, PeriodPreset, CalendarDate, string, string]>([
    ['this month, mid-month', 'thisMonth', new CalendarDate(2026, 12, 5), '2026-12-01', '2026-12-05'],
    ['this month, on the 1st', 'thisMonth', new CalendarDate(2026, 3, 1), '2026-03-01', '2026-03-01'],
    ['last month across a year', 'lastMonth', new CalendarDate(2026, 1, 15), '2025-12-01', '2025-12-31'],
    ['last month, February in a leap year', 'lastMonth', new CalendarDate(2024, 3, 31), '2024-02-01', '2024-02-29'],
    ['this quarter, its first day', 'thisQuarter', new CalendarDate(2026, 10, 1), '2026-10-01', '2026-10-01'],
    ['this quarter, its last day', 'thisQuarter', new CalendarDate(2026, 6, 30), '2026-04-01', '2026-06-30'],
    ['last quarter across a year', 'lastQuarter', new CalendarDate(2026, 2, 10), '2025-10-01', '2025-12-31'],
    ['last quarter, mid-year', 'lastQuarter', new CalendarDate(2026, 8, 20), '2026-04-01', '2026-06-30'],
    ['last 3 months, ending today', 'last3Months', new CalendarDate(2026, 12, 5), '2026-09-06', '2026-12-05'],
    ['last 3 months from the 31st', 'last3Months', new CalendarDate(2026, 5, 31), '2026-03-01', '2026-05-31'],
    ['last 12 months', 'last12Months', new CalendarDate(2026, 12, 5), '2025-12-06', '2026-12-05'],
    ['last 12 months from a leap day', 'last12Months', new CalendarDate(2024, 2, 29), '2023-03-01', '2024-02-29'],
  ])('%s', (_name, preset, today, from, to) => {
    const p = presetPeriod(preset, today);
    expect({ from: p.from.toString(), to: p.to.toString() }).toEqual({ from, to });
  });
});
