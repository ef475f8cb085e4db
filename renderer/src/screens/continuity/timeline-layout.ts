import { scaleUtc } from 'd3-scale';
import { utcMonday, utcMonth, utcYear, type CountableTimeInterval, type TimeInterval } from 'd3-time';
import { DAY_MS, dayMs, lowerBound, type TimelineModel, type ViewWindow } from './timeline-model';
import { annotationPath, ANNOTATION_ORDER, SETTING_SHAPES, shapePath, type AnnotationKind } from './palette';
import { dateLabels } from '../../components/dates';

/** Rows from the top: time-away labels, welcome-back labels, annotations, then one lane per setting. */
export const GEOMETRY = {
  left: 148,
  right: 16,
  awayY: 12,
  welcomeY: 32,
  annotationTop: 42,
  annotationY: 55,
  lanesTop: 70,
  laneHeight: 26,
  axisGap: 6,
  axisHeight: 26,
} as const;

export type TickUnit = 'week' | 'month' | 'quarter' | 'year';

export interface Tick {
  x: number;
  date: Date;
  unit: TickUnit;
  /** The label: a month (or a week's first day) and, where the year changes, the year. */
  label: string;
  /** A year label (January, or every tick when zoomed out to years): drawn a little stronger. */
  yearStart: boolean;
}

// The axis speaks the same locale as every other date (components/dates.ts); ticks are UTC days.
const monthName = dateLabels({ timeZone: 'UTC', month: 'short' });
const monthYear = dateLabels({ timeZone: 'UTC', month: 'short', year: 'numeric' });
const monthDay = dateLabels({ timeZone: 'UTC', month: 'short', day: 'numeric' });
const monthDayYear = dateLabels({ timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });

/** Tick spacings from finest to coarsest, with the room each needs between labels. */
const TICK_STEPS: { unit: TickUnit; interval: TimeInterval; days: number; minPx: number }[] = [
  { unit: 'week', interval: utcMonday, days: 7, minPx: 64 },
  { unit: 'month', interval: utcMonth, days: 30.4, minPx: 54 },
  { unit: 'quarter', interval: (utcMonth as CountableTimeInterval).every(3)!, days: 91.3, minPx: 58 },
  { unit: 'year', interval: utcYear, days: 365.2, minPx: 46 },
  { unit: 'year', interval: (utcYear as CountableTimeInterval).every(2)!, days: 730.5, minPx: 46 },
  { unit: 'year', interval: (utcYear as CountableTimeInterval).every(5)!, days: 1826, minPx: 46 },
  { unit: 'year', interval: (utcYear as CountableTimeInterval).every(10)!, days: 3652, minPx: 46 },
];

/**
 * The time axis: one label per week, month, quarter or year, the finest that leaves room between
 * labels. Months read "Oct Nov Dec 2026 Feb"; the first label carries its year too, so the year is
 * always on the axis. Never a label in the future.
 */
export function axisTicks(start: number, end: number, plotLeft: number, plotRight: number, todayMs: number): Tick[] {
  const pxPerDay = ((plotRight - plotLeft) / (end - start)) * DAY_MS;
  const step = TICK_STEPS.find((s) => s.days * pxPerDay >= s.minPx) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const scale = scaleUtc().domain([new Date(start), new Date(end)]).range([plotLeft, plotRight]);
  const dates = scale.ticks(step.interval).filter((d) => d.getTime() <= todayMs);
  return dates.map((date, i) => {
    const january = date.getUTCMonth() === 0;
    const year = String(date.getUTCFullYear());
    const newYear = i === 0 || dates[i - 1]!.getUTCFullYear() !== date.getUTCFullYear();
    let label: string;
    let yearStart = false;
    if (step.unit === 'year') {
      label = year;
      yearStart = true;
    } else if (step.unit === 'week') {
      label = (newYear ? monthDayYear : monthDay).format(date);
    } else if (january) {
      label = year;
      yearStart = true;
    } else {
      label = (newYear ? monthYear : monthName).format(date);
    }
    return { x: scale(date), date, unit: step.unit, label, yearStart };
  });
}

/** A rough width for 12px text, enough to decide whether a label fits between two marks. */
export const textWidth = (text: string): number => text.length * 6.6 + 10;

export interface Layout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  lanesBottom: number;
  x(ms: number): number;
  ms(x: number): number;
  laneY(lane: number): number;
  /** One path per lane, drawing every visible contact of that setting. */
  lanePaths: string[];
  annotationPaths: { kind: AnnotationKind; d: string }[];
  bands: { x: number; width: number; index: number }[];
  aways: { x1: number; x2: number; index: number; open: boolean }[];
  welcomes: { x: number; index: number }[];
  ticks: Tick[];
  /**
   * Per lane, the marks actually drawn. Contacts that would overlap (always those of the same day)
   * share one mark: `start` is the lane position of its first contact, `count` how many it stands for.
   */
  laneGroups: { x: Float64Array; start: Int32Array; count: Int32Array }[];
  /** Counts drawn beside marks that stand for more than one contact, where there is room. */
  counts: { x: number; y: number; count: number }[];
  todayX: number | null;
  markRadius: number;
}

/** The mark a contact is drawn in: its group in the lane, or null when it is outside the window. */
export function groupOfContact(m: TimelineModel, layout: Layout, contactIndex: number): { x: number; count: number; firstMs: number; lastMs: number } | null {
  const c = m.data.contacts[contactIndex];
  if (!c) return null;
  const laneIndex = m.lanes.indexOf(c.setting);
  const groups = layout.laneGroups[laneIndex];
  const lane = m.laneContacts[laneIndex];
  if (!groups || !lane || groups.start.length === 0) return null;
  const position = m.lanePosition[contactIndex]!;
  // The last group starting at or before this contact.
  let lo = 0;
  let hi = groups.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (groups.start[mid]! <= position) lo = mid + 1;
    else hi = mid;
  }
  const g = lo - 1;
  if (g < 0 || position >= groups.start[g]! + groups.count[g]!) return null;
  const first = groups.start[g]!;
  return { x: groups.x[g]!, count: groups.count[g]!, firstMs: lane.ms[first]!, lastMs: lane.ms[first + groups.count[g]! - 1]! };
}

/**
 * Where everything goes for one window and width. Marks of a lane are drawn as one path, and
 * contacts that would overlap share a mark: 5,000 contacts become a few kilobytes of path.
 */
export function layoutTimeline(m: TimelineModel, w: ViewWindow, width: number): Layout {
  const g = GEOMETRY;
  const plotLeft = g.left;
  const plotRight = Math.max(plotLeft + 120, width - g.right);
  const pxPerMs = (plotRight - plotLeft) / (w.end - w.start);
  const pxPerDay = pxPerMs * DAY_MS;
  // Sparse histories get marks big enough to aim at; dense ones shrink so runs of visits stay readable.
  let inView = 0;
  for (const lane of m.laneContacts) inView += lowerBound(lane.ms, w.end + DAY_MS) - lowerBound(lane.ms, w.start - DAY_MS);
  const density = inView / Math.max(1, plotRight - plotLeft);
  const markRadius = Math.min(5.5, Math.max(pxPerDay * 0.42, density < 0.06 ? 4.5 : density < 0.25 ? 3.5 : 2.6));
  const lanesBottom = g.lanesTop + m.lanes.length * g.laneHeight;
  const laneY = (lane: number) => g.lanesTop + lane * g.laneHeight + g.laneHeight / 2;
  // Marks a little outside the window are still drawn so they do not pop at the edges.
  const lo = w.start - DAY_MS;
  const hi = w.end + DAY_MS;
  const xOf = (ms: number) => plotLeft + (ms - w.start) * pxPerMs;

  // Marks never overlap: a contact that would touch the previous mark joins it, and the mark shows a count.
  const minGap = markRadius * 2 + 1.5;
  const counts: { x: number; y: number; count: number }[] = [];
  const laneGroups: Layout['laneGroups'] = [];
  const lanePaths = m.laneContacts.map((lane, laneIndex) => {
    const shape = SETTING_SHAPES[m.lanes[laneIndex]!];
    const y = laneY(laneIndex);
    const xs: number[] = [];
    const starts: number[] = [];
    const sizes: number[] = [];
    for (let i = lowerBound(lane.ms, lo); i < lane.ms.length && lane.ms[i]! <= hi; i++) {
      const px = xOf(lane.ms[i]!);
      const last = xs.length - 1;
      if (last >= 0 && px - xs[last]! < minGap) {
        sizes[last]!++;
        continue;
      }
      xs.push(px);
      starts.push(i);
      sizes.push(1);
    }
    const parts: string[] = [];
    for (let k = 0; k < xs.length; k++) {
      parts.push(shapePath(shape, xs[k]!, y, markRadius));
      if (sizes[k]! > 1) {
        // Only where the number fits before the next mark, so counts never pile up either.
        const room = (xs[k + 1] ?? Infinity) - xs[k]! - 2 * markRadius;
        if (room >= String(sizes[k]).length * 6.5 + 3) counts.push({ x: xs[k]! + markRadius + 1.5, y: y - markRadius + 1, count: sizes[k]! });
      }
    }
    laneGroups.push({ x: Float64Array.from(xs), start: Int32Array.from(starts), count: Int32Array.from(sizes) });
    return parts.join('');
  });

  const byKind = new Map<AnnotationKind, string[]>();
  const lastByKind = new Map<AnnotationKind, number>();
  for (let i = lowerBound(m.annotationMs, lo); i < m.annotationMs.length && m.annotationMs[i]! <= hi; i++) {
    const kind = m.annotationKinds[i]!;
    const px = xOf(m.annotationMs[i]!);
    if (px - (lastByKind.get(kind) ?? -Infinity) < 0.5) continue;
    lastByKind.set(kind, px);
    const list = byKind.get(kind) ?? [];
    list.push(annotationPath(kind, px, g.annotationY));
    byKind.set(kind, list);
  }
  const annotationPaths = ANNOTATION_ORDER.filter((k) => byKind.has(k)).map((kind) => ({ kind, d: byKind.get(kind)!.join('') }));

  const halfDay = DAY_MS / 2;
  const bands = m.data.episodes
    .map((e, index) => {
      const x1 = xOf(dayMs(e.start) - halfDay);
      const x2 = xOf(dayMs(e.end) + halfDay);
      const mid = (x1 + x2) / 2;
      const widthPx = Math.max(x2 - x1, 4);
      return { x: mid - widthPx / 2, width: widthPx, index };
    })
    .filter((b) => b.x + b.width >= plotLeft - 2 && b.x <= plotRight + 2);

  const aways = m.data.timeAway
    .map((gap, index) => ({ x1: xOf(dayMs(gap.from)), x2: xOf(dayMs(gap.to)), index, open: false }))
    .filter((a) => a.x2 >= plotLeft && a.x1 <= plotRight);
  const current = m.data.currentAbsence;
  if (current?.away && m.firstMs !== null) {
    const last = m.data.contacts[m.data.contacts.length - 1]!;
    const x1 = xOf(dayMs(last.day));
    const x2 = xOf(m.todayMs);
    if (x2 >= plotLeft && x1 <= plotRight) aways.push({ x1, x2, index: -1, open: true });
  }

  const welcomes = m.data.welcomeBacks
    .map((day, index) => ({ x: xOf(dayMs(day)), index }))
    .filter((wb) => wb.x >= plotLeft - 1 && wb.x <= plotRight + 1);

  const ticks = axisTicks(w.start, w.end, plotLeft, plotRight, m.todayMs);
  const todayX = m.todayMs >= w.start && m.todayMs <= w.end ? xOf(m.todayMs) : null;

  return {
    width,
    height: lanesBottom + g.axisGap + g.axisHeight,
    plotLeft,
    plotRight,
    lanesBottom,
    x: xOf,
    ms: (px: number) => w.start + (px - plotLeft) / pxPerMs,
    laneY,
    lanePaths,
    annotationPaths,
    bands,
    aways,
    welcomes,
    ticks,
    laneGroups,
    counts,
    todayX,
    markRadius,
  };
}
