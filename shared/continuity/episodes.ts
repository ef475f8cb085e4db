import { daysBetween, type CalendarDay } from './days';

export const DEFAULT_ABSENCE_THRESHOLD_DAYS = 60;

export interface Episode {
  start: CalendarDay;
  end: CalendarDay;
  contactCount: number;
}

export interface TimeAway {
  /** Day of the last contact before the time away. */
  from: CalendarDay;
  /** Day of the welcome-back contact. */
  to: CalendarDay;
  days: number;
}

export interface EpisodeView {
  episodes: Episode[];
  timeAway: TimeAway[];
  /** Days of welcome-back contacts: the first contact after each time away. */
  welcomeBacks: CalendarDay[];
}

/**
 * Episodes are runs of contacts whose gaps are all within the absence threshold; a gap strictly longer
 * than the threshold is time away, and the contact after it is a welcome back. Derived, never stored.
 * `days` must be the contacts' calendar days; any order, duplicates allowed (same-day contacts).
 */
export function deriveEpisodes(days: readonly CalendarDay[], thresholdDays: number): EpisodeView {
  const sorted = [...days].sort();
  const view: EpisodeView = { episodes: [], timeAway: [], welcomeBacks: [] };
  if (sorted.length === 0) return view;
  let current: Episode = { start: sorted[0]!, end: sorted[0]!, contactCount: 1 };
  for (let i = 1; i < sorted.length; i++) {
    const day = sorted[i]!;
    const gap = daysBetween(current.end, day);
    if (gap > thresholdDays) {
      view.episodes.push(current);
      view.timeAway.push({ from: current.end, to: day, days: gap });
      view.welcomeBacks.push(day);
      current = { start: day, end: day, contactCount: 1 };
    } else {
      current.end = day;
      current.contactCount++;
    }
  }
  view.episodes.push(current);
  return view;
}

/** Days since the last contact, and whether that is already time away (the door's open). */
export function currentAbsence(lastContact: CalendarDay | null, today: CalendarDay, thresholdDays: number): { days: number; away: boolean } | null {
  if (!lastContact) return null;
  const days = daysBetween(lastContact, today);
  return { days, away: days > thresholdDays };
}
