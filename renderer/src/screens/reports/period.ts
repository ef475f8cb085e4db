import type { CalendarDate } from '@internationalized/date';

export type Preset = 'lastQuarter' | 'thisQuarter' | 'lastMonth' | 'last12Months';
export const PRESETS: readonly Preset[] = ['lastQuarter', 'thisQuarter', 'lastMonth', 'last12Months'];

/** Calendar quarters (January, April, July, October), as funders' quarterly reports count them. */
export function presetPeriod(preset: Preset, today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const quarterStart = today.set({ month: Math.floor((today.month - 1) / 3) * 3 + 1, day: 1 });
  switch (preset) {
    case 'thisQuarter':
      return { from: quarterStart, to: today };
    case 'lastQuarter': {
      const from = quarterStart.subtract({ months: 3 });
      return { from, to: quarterStart.subtract({ days: 1 }) };
    }
    case 'lastMonth': {
      const monthStart = today.set({ day: 1 });
      return { from: monthStart.subtract({ months: 1 }), to: monthStart.subtract({ days: 1 }) };
    }
    case 'last12Months':
      return { from: today.subtract({ months: 12 }).add({ days: 1 }), to: today };
  }
}
