import type { CalendarDate } from '@internationalized/date';

/** The quick choices of a period, for the clinic overview and funder reports. */
export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'lastQuarter' | 'last3Months' | 'last12Months';

/**
 * A preset's first and last day, both included. Quarters are calendar quarters (January, April, July,
 * October), as funders' quarterly reports count them; "last 3 months" ends today.
 */
export function presetPeriod(preset: PeriodPreset, today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const monthStart = today.set({ day: 1 });
  const quarterStart = today.set({ month: Math.floor((today.month - 1) / 3) * 3 + 1, day: 1 });
  switch (preset) {
    case 'thisMonth':
      return { from: monthStart, to: today };
    case 'lastMonth':
      return { from: monthStart.subtract({ months: 1 }), to: monthStart.subtract({ days: 1 }) };
    case 'thisQuarter':
      return { from: quarterStart, to: today };
    case 'lastQuarter':
      return { from: quarterStart.subtract({ months: 3 }), to: quarterStart.subtract({ days: 1 }) };
    case 'last3Months':
      return { from: today.subtract({ months: 3 }).add({ days: 1 }), to: today };
    case 'last12Months':
      return { from: today.subtract({ months: 12 }).add({ days: 1 }), to: today };
  }
}
