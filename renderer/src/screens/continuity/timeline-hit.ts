import { GEOMETRY, type Layout } from './timeline-layout';
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
    if (!contacts) return null;
    const found = nearest(contacts.ms, ms, px, layout, reach);
    return found === null ? null : model.itemOf.contact[contacts.index[found]!]!;
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
      return { x: layout.x(item.ms), y: layout.laneY(item.lane) };
    case 'annotation':
      return { x: layout.x(item.ms), y: g.annotationY };
    case 'welcome':
      return { x: layout.x(item.ms), y: g.welcomeY - 4 };
    case 'away':
      return { x: (layout.x(item.fromMs) + layout.x(item.toMs)) / 2, y: g.awayY };
  }
}
