import { GEOMETRY, groupOfContact, type Layout } from './timeline-layout';
import { lowerBound, type TimelineModel } from './timeline-model';

/** Picks the nearest of a sorted list of timestamps to `ms`, if it is within `reach` pixels of `px`. */
function nearest(values: Float64Array, ms: number, px: number, layout: Layout, reach: number): number | null {
  const i = lowerBound(values, ms);
  let best: number | null = null;
  let bestDistance = reach;
  for (const j of [i - 1, i]) {
    if (j < 0 || j >= values.length) continue;
    const distance = Math.abs(layout.x(values[j]!) - px);
    if (distance <= bestDistance) {
      best = j;
      bestDistance = distance;
    }
  }
  return best;
}

/** First index in a sorted array whose value is > x. */
function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What is under the pointer, as a position in `model.items`. One handler on the chart instead of
 * one per mark, so thousands of contacts cost nothing until someone points at them.
 */
export function itemAtPoint(model: TimelineModel, layout: Layout, px: number, py: number): number | null {
  if (px < layout.plotLeft - 6 || px > layout.plotRight + 6) return null;
  const g = GEOMETRY;
  const ms = layout.ms(px);
  const reach = Math.max(8, layout.markRadius + 4);
  if (py >= g.lanesTop && py < layout.lanesBottom) {
    const lane = Math.floor((py - g.lanesTop) / g.laneHeight);
    const contacts = model.laneContacts[lane];
    const groups = layout.laneGroups[lane];
    if (!contacts || !groups) return null;
    // The nearest drawn mark; a mark that stands for several contacts answers with the first.
    let best = -1;
    let bestDistance = reach;
    for (let g = Math.max(0, upperBound(groups.x, px) - 1), n = 0; g < groups.x.length && n < 2; g++, n++) {
      const distance = Math.abs(groups.x[g]! - px);
      if (distance <= bestDistance) {
        best = g;
        bestDistance = distance;
      }
    }
    return best < 0 ? null : model.itemOf.contact[contacts.index[groups.start[best]!]!]!;
  }
  if (py >= g.annotationTop && py < g.lanesTop) {
    const found = nearest(model.annotationMs, ms, px, layout, reach);
    return found === null ? null : model.itemOf.annotation[found]!;
  }
  if (py >= g.awayY + 8 && py < g.annotationTop) {
    const welcome = layout.welcomes.find((w) => Math.abs(w.x - px) <= 10);
    if (welcome) return model.itemOf.welcome[welcome.index]!;
  }
  if (py < g.annotationTop) {
    const away = layout.aways.find((a) => !a.open && px >= a.x1 && px <= a.x2);
    if (away) return model.itemOf.away[away.index]!;
  }
  return null;
}

/** Where the focus ring and the details box go for an item. */
export function itemPoint(model: TimelineModel, layout: Layout, position: number): { x: number; y: number } | null {
  const item = model.items[position];
  if (!item) return null;
  const g = GEOMETRY;
  switch (item.kind) {
    case 'contact':
      // On the mark it is drawn in, which may stand for several contacts.
      return { x: groupOfContact(model, layout, item.index)?.x ?? layout.x(item.ms), y: layout.laneY(item.lane) };
    case 'annotation':
      return { x: layout.x(item.ms), y: g.annotationY };
    case 'welcome':
      return { x: layout.x(item.ms), y: g.welcomeY - 4 };
    case 'away':
      return { x: (layout.x(item.fromMs) + layout.x(item.toMs)) / 2, y: g.awayY };
  }
}

/** Room kept between a point and the details box. */
const TIP_GAP = 14;

/**
 * Where the details box goes for a point: beside it, inside the plot (never over the lane names on
 * the left), on the right unless there is no room there. Left and top are relative to the chart.
 */
export function tooltipPlacement(layout: Layout, point: { x: number; y: number }, size: { width: number; height: number }): { left: number; top: number; side: 'right' | 'left' | 'below' | 'above' } {
  const { plotLeft, plotRight } = layout;
  const maxLeft = Math.max(plotLeft, plotRight - size.width);
  const beside = Math.min(Math.max(point.y - size.height / 2, 0), Math.max(0, layout.height - size.height));
  if (point.x + TIP_GAP + size.width <= plotRight) return { left: point.x + TIP_GAP, top: beside, side: 'right' };
  if (point.x - TIP_GAP - size.width >= plotLeft) return { left: point.x - TIP_GAP - size.width, top: beside, side: 'left' };
  // A plot too narrow for either side: across the plot, above or below the point.
  const left = Math.min(Math.max(point.x - size.width / 2, plotLeft), maxLeft);
  return point.y > layout.height / 2 ? { left, top: point.y - TIP_GAP - size.height, side: 'above' } : { left, top: point.y + TIP_GAP, side: 'below' };
}
