import { addDays, daysBetween, type CalendarDay } from './days';

/**
 * Retention-style views, shown beside the measures and never as a grade of the person: the research
 * calls intense-then-absent a normal pattern.
 */
export interface RetentionView {
  /** At least two contacts at least 90 days apart within the last 12 months. */
  twoContacts90DaysApart: boolean;
  /** A contact within the last 6 months. */
  contactInLast6Months: boolean;
}

export function retentionView(days: readonly CalendarDay[], today: CalendarDay): RetentionView {
  const yearAgo = addDays(today, -365);
  const halfYearAgo = addDays(today, -182);
  const inYear = days.filter((d) => d > yearAgo && d <= today).sort();
  const spread = inYear.length >= 2 ? daysBetween(inYear[0]!, inYear[inYear.length - 1]!) : 0;
  return {
    twoContacts90DaysApart: inYear.length >= 2 && spread >= 90,
    contactInLast6Months: days.some((d) => d > halfYearAgo && d <= today),
  };
}
