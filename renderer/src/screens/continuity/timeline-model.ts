import type { ContactSetting, Timeline } from '../../../../shared/contract';
import { SETTING_ORDER, type AnnotationKind } from './palette';

export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' to a UTC timestamp: days are the clinic's calendar days, so the chart works in UTC. */
export const dayMs = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** Anything on the timeline that can be pointed at or stepped to with the keyboard. */
export type TimelineItem =
  | { kind: 'contact'; ms: number; index: number; lane: number }
  | { kind: 'annotation'; ms: number; index: number }
  | { kind: 'welcome'; ms: number; index: number }
  | { kind: 'away'; ms: number; index: number; fromMs: number; toMs: number };

export interface TimelineModel {
  data: Timeline;
  todayMs: number;
  /** The settings this person has contacts in, in the usual order: one lane each. */
  lanes: ContactSetting[];
  /** Per lane: indexes into data.contacts and their days as timestamps, both in time order. */
  laneContacts: { index: Int32Array; ms: Float64Array }[];
  /** For each contact, its position within its lane's arrays. */
  lanePosition: Int32Array;
  annotationMs: Float64Array;
  annotationKinds: AnnotationKind[];
  /** Every item in time order, for the keyboard. A time away sorts just before its welcome back. */
  items: TimelineItem[];
  /** For each contact, the episode it belongs to (0-based). */
  contactEpisode: Int32Array;
  firstMs: number | null;
  staffNames: Map<number, string>;
  /** Where each contact, annotation, welcome back and time away sits in `items`. */
  itemOf: { contact: Int32Array; annotation: Int32Array; welcome: Int32Array; away: Int32Array };
}

/** Derived once per timeline answer; everything the chart draws is computed from this. */
export function buildModel(data: Timeline): TimelineModel {
  const present = new Set(data.contacts.map((c) => c.setting));
  const lanes = SETTING_ORDER.filter((s) => present.has(s));
  const laneOf = new Map(lanes.map((s, i) => [s, i]));
  const perLane = lanes.map(() => ({ index: [] as number[], ms: [] as number[] }));
  const items: (TimelineItem & { sortKey: number })[] = [];
  const contactEpisode = new Int32Array(data.contacts.length);
  const lanePosition = new Int32Array(data.contacts.length);
  const episodeEnds = data.episodes.map((e) => dayMs(e.end));
  let episode = 0;
  data.contacts.forEach((c, index) => {
    const ms = dayMs(c.day);
    while (episode < episodeEnds.length - 1 && ms > episodeEnds[episode]!) episode++;
    contactEpisode[index] = episode;
    const lane = laneOf.get(c.setting)!;
    lanePosition[index] = perLane[lane]!.index.length;
    perLane[lane]!.index.push(index);
    perLane[lane]!.ms.push(ms);
    items.push({ kind: 'contact', ms, index, lane, sortKey: ms });
  });
  const annotationMs = new Float64Array(data.annotations.length);
  data.annotations.forEach((a, index) => {
    const ms = dayMs(a.day);
    annotationMs[index] = ms;
    items.push({ kind: 'annotation', ms, index, sortKey: ms + 0.1 });
  });
  data.welcomeBacks.forEach((day, index) => {
    const ms = dayMs(day);
    items.push({ kind: 'welcome', ms, index, sortKey: ms - 0.2 });
  });
  data.timeAway.forEach((gap, index) => {
    const fromMs = dayMs(gap.from);
    const toMs = dayMs(gap.to);
    items.push({ kind: 'away', ms: (fromMs + toMs) / 2, index, fromMs, toMs, sortKey: toMs - 0.3 });
  });
  // Stable sort keeps contacts of the same day in the order they happened.
  items.sort((a, b) => a.sortKey - b.sortKey);
  const itemOf = {
    contact: new Int32Array(data.contacts.length),
    annotation: new Int32Array(data.annotations.length),
    welcome: new Int32Array(data.welcomeBacks.length),
    away: new Int32Array(data.timeAway.length),
  };
  items.forEach((item, position) => {
    itemOf[item.kind === 'contact' ? 'contact' : item.kind === 'annotation' ? 'annotation' : item.kind === 'welcome' ? 'welcome' : 'away'][item.index] = position;
  });
  return {
    data,
    todayMs: dayMs(data.today),
    lanes,
    laneContacts: perLane.map((l) => ({ index: Int32Array.from(l.index), ms: Float64Array.from(l.ms) })),
    lanePosition,
    annotationMs,
    annotationKinds: data.annotations.map((a) => a.kind),
    items: items.map(({ sortKey: _sortKey, ...item }) => item),
    contactEpisode,
    firstMs: data.contacts.length ? dayMs(data.contacts[0]!.day) : null,
    staffNames: new Map(data.staff.map((s) => [s.id, s.name])),
    itemOf,
  };
}

// ---- the visible window: zoom and pan ---------------------------------------------------------------

export type Zoom = 'all' | 'twoYears' | 'sixMonths';
/** A preset, or a range of dates someone chose. */
export type ZoomChoice = Zoom | 'range';
export const ZOOMS: readonly Zoom[] = ['all', 'twoYears', 'sixMonths'];
const ZOOM_DAYS: Record<Exclude<Zoom, 'all'>, number> = { twoYears: 731, sixMonths: 183 };

export interface ViewWindow {
  start: number;
  end: number;
}

/** The whole history with a little room at each end, always reaching today. */
export function fullWindow(m: TimelineModel): ViewWindow {
  const first = m.firstMs ?? m.todayMs - 182 * DAY_MS;
  const span = Math.max(m.todayMs - first, 60 * DAY_MS);
  const pad = Math.max(span * 0.02, 5 * DAY_MS);
  return { start: Math.min(first, m.todayMs - span) - pad, end: m.todayMs + pad };
}

/** The zoom's window ending today (the most useful place to start). */
export function zoomWindow(m: TimelineModel, zoom: Zoom): ViewWindow {
  const full = fullWindow(m);
  if (zoom === 'all') return full;
  const span = ZOOM_DAYS[zoom] * DAY_MS;
  return { start: full.end - span, end: full.end };
}

/** Keeps a panned window over the history: never past today, never far before the first contact. */
export function clampWindow(m: TimelineModel, w: ViewWindow): ViewWindow {
  const full = fullWindow(m);
  const span = w.end - w.start;
  if (span >= full.end - full.start) return { start: full.end - span, end: full.end };
  const end = Math.min(full.end, Math.max(full.start + span, w.end));
  return { start: end - span, end };
}

export const panWindow = (m: TimelineModel, w: ViewWindow, fraction: number): ViewWindow => {
  const span = w.end - w.start;
  return clampWindow(m, { start: w.start + span * fraction, end: w.end + span * fraction });
};

/** A window that shows `ms`, moved as little as possible (centred when it has to jump). */
export function windowShowing(m: TimelineModel, w: ViewWindow, ms: number): ViewWindow {
  const span = w.end - w.start;
  const margin = span * 0.04;
  if (ms >= w.start + margin && ms <= w.end - margin) return w;
  return clampWindow(m, { start: ms - span / 2, end: ms + span / 2 });
}

export const canPan = (m: TimelineModel, w: ViewWindow): { earlier: boolean; later: boolean } => {
  const full = fullWindow(m);
  return { earlier: w.start > full.start + 1, later: w.end < full.end - 1 };
};

/** 'YYYY-MM-DD' for a UTC timestamp. */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The narrowest range of dates that can be chosen: anything shorter has no useful axis. */
export const MIN_RANGE_DAYS = 14;

/** The calendar days a window shows, for the from and to fields: never past today. */
export function windowDays(m: TimelineModel, w: ViewWindow): { from: string; to: string } {
  return { from: isoDay(Math.ceil(w.start / DAY_MS) * DAY_MS), to: isoDay(Math.min(Math.floor((w.end - 1) / DAY_MS) * DAY_MS, m.todayMs)) };
}

/** The earliest and latest days the from and to fields accept. */
export function rangeLimits(m: TimelineModel): { min: string; max: string } {
  return { min: isoDay(Math.floor(fullWindow(m).start / DAY_MS) * DAY_MS), max: m.data.today };
}

/**
 * The window for a chosen range of days, both days included; null when a day is missing or the
 * range runs backwards. Short ranges widen to two weeks; ranges past the history are held inside it.
 */
export function rangeWindow(m: TimelineModel, from: string, to: string): ViewWindow | null {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(dayMs(d));
  if (!valid(from) || !valid(to)) return null;
  const start = dayMs(from);
  let end = dayMs(to) + DAY_MS;
  if (end <= start) return null;
  if (end - start < MIN_RANGE_DAYS * DAY_MS) end = start + MIN_RANGE_DAYS * DAY_MS;
  const full = fullWindow(m);
  const clampedStart = Math.max(start, full.start);
  const clampedEnd = Math.min(end, full.end);
  if (clampedEnd - clampedStart >= MIN_RANGE_DAYS * DAY_MS) return { start: clampedStart, end: clampedEnd };
  return clampWindow(m, { start, end: start + MIN_RANGE_DAYS * DAY_MS });
}

/** How many contacts of the same setting fall on the same day as this one (itself included). */
export function sameDayCount(m: TimelineModel, contactIndex: number): number {
  const c = m.data.contacts[contactIndex];
  if (!c) return 0;
  const lane = m.laneContacts[m.lanes.indexOf(c.setting)]!;
  const ms = dayMs(c.day);
  return lowerBound(lane.ms, ms + 1) - lowerBound(lane.ms, ms);
}

/** First index in a sorted array whose value is >= x. */
export function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
