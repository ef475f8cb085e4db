import { calendarDay, type CalendarDay } from '../../../shared/continuity/days';

export interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

export interface RetentionItem {
  id: string;
  createdAt: string;
  verified: boolean;
}

export type KeepReason = 'newest' | 'daily' | 'weekly' | 'monthly' | 'newer than the newest verified';

export interface RetentionPlan {
  keep: string[];
  remove: string[];
  reasons: Record<string, KeepReason[]>;
}

/** ISO 8601 week of a calendar day, as "2026-W01" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: CalendarDay): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which bundles to keep, like restic's `forget --keep-daily/-weekly/-monthly`: for the last N days
 * (weeks, months) that have a verified bundle, keep the newest one of each. Days are calendar days in
 * the clinic's time zone. Two rules no policy can override: the newest verified bundle is always
 * kept, and an unverified bundle never fills a slot. Unverified bundles are removed only once a newer
 * verified one exists (one still being checked by another process is newer than all of them).
 */
export function planRetention(items: readonly RetentionItem[], policy: RetentionPolicy, timeZone: string): RetentionPlan {
  const newestFirst = [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const verified = newestFirst.filter((i) => i.verified);
  const reasons: Record<string, KeepReason[]> = {};
  const keep = (id: string, why: KeepReason) => (reasons[id] ??= []).push(why);

  const newest = verified[0];
  if (newest) keep(newest.id, 'newest');

  const rules: [KeepReason, number, (day: CalendarDay) => string][] = [
    ['daily', policy.keepDaily, (day) => day],
    ['weekly', policy.keepWeekly, isoWeek],
    ['monthly', policy.keepMonthly, (day) => day.slice(0, 7)],
  ];
  for (const [why, count, bucketOf] of rules) {
    const seen = new Set<string>();
    for (const item of verified) {
      if (seen.size >= count) break;
      const bucket = bucketOf(calendarDay(item.createdAt, timeZone));
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      keep(item.id, why);
    }
  }

  for (const item of newestFirst) {
    if (!item.verified && (!newest || item.createdAt >= newest.createdAt)) keep(item.id, 'newer than the newest verified');
  }
  return {
    keep: newestFirst.filter((i) => reasons[i.id]).map((i) => i.id),
    remove: newestFirst.filter((i) => !reasons[i.id]).map((i) => i.id),
    reasons,
  };
}
