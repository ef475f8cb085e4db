/** Each card on the home screen shows at most this many rows, so the trends stay on the first screen. */
export const HOME_ROWS = 5;

/**
 * The rows a home card shows, and how many in all: `seeAll` is the count for a "See all N" link or button,
 * or null when every row is already shown. `total` counts rows not loaded too (the Door's open list).
 */
export function homeRows<T>(items: readonly T[], total: number = items.length, expanded = false): { shown: T[]; seeAll: number | null } {
  const shown = expanded ? items.slice() : items.slice(0, HOME_ROWS);
  return { shown, seeAll: shown.length < total ? total : null };
}
