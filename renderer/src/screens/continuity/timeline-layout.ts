import { scaleUtc } from 'd3-scale';
import { DAY_MS, dayMs, lowerBound, type TimelineModel, type ViewWindow } from './timeline-model';
import { annotationPath, ANNOTATION_ORDER, SETTING_SHAPES, shapePath, type AnnotationKind } from './palette';

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
  ticks: { x: number; date: Date; yearStart: boolean }[];
  todayX: number | null;
  markRadius: number;
}

/**
 * Where everything goes for one window and width. Marks of a lane are drawn as one path, skipping
 * marks that would land on the same half pixel: 5,000 contacts become a few kilobytes of path.
 */
export function layoutTimeline(m: TimelineModel, w: ViewWindow, width: number): Layout {
  const g = GEOMETRY;
  const plotLeft = g.left;
  const plotRight = Math.max(plotLeft + 120, width - g.right);
  const scale = scaleUtc().domain([new Date(w.start), new Date(w.end)]).range([plotLeft, plotRight]);
  const x = (ms: number) => scale(new Date(ms));
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

  const lanePaths = m.laneContacts.map((lane, laneIndex) => {
    const shape = SETTING_SHAPES[m.lanes[laneIndex]!];
    const y = laneY(laneIndex);
    const parts: string[] = [];
    let lastX = -Infinity;
    for (let i = lowerBound(lane.ms, lo); i < lane.ms.length && lane.ms[i]! <= hi; i++) {
      const px = xOf(lane.ms[i]!);
      if (px - lastX < 0.5) continue;
      lastX = px;
      parts.push(shapePath(shape, px, y, markRadius));
    }
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

  const tickCount = Math.max(2, Math.floor((plotRight - plotLeft) / 90));
  // No ticks in the future: the little room after today is only there so today's marks are not cut.
  const ticks = scale.ticks(tickCount).filter((date) => date.getTime() <= m.todayMs).map((date) => ({
    x: x(date.getTime()),
    date,
    yearStart: date.getUTCMonth() === 0 && date.getUTCDate() === 1,
  }));
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
    todayX,
    markRadius,
  };
}
