import type { Data } from '../data/engine';

export type RecordType = 'person' | 'contact' | 'entry';

/** Keeps the values a change replaces, so nothing entered is ever lost (DESIGN.md, Reliability). */
export async function keepHistory(
  data: Data,
  h: { type: RecordType; id: number; change: 'edit' | 'delete' | 'restore'; previous: Record<string, unknown>; by: number; at: string; reason?: string | null },
): Promise<void> {
  await data
    .insertInto('record_history')
    .values({ record_type: h.type, record_id: h.id, changed_at: h.at, changed_by: h.by, change: h.change, previous: JSON.stringify(h.previous), reason: h.reason ?? null })
    .execute();
}

export interface HistoryRow {
  id: number;
  changedAt: string;
  changedBy: string;
  change: 'edit' | 'delete' | 'restore';
  previous: Record<string, unknown>;
  reason: string | null;
}

export async function readHistory(data: Data, type: RecordType, id: number): Promise<HistoryRow[]> {
  const rows = await data
    .selectFrom('record_history as h')
    .innerJoin('staff_users as s', 's.id', 'h.changed_by')
    .select(['h.id', 'h.changed_at', 's.display_name as changed_by', 'h.change', 'h.previous', 'h.reason'])
    .where('h.record_type', '=', type)
    .where('h.record_id', '=', id)
    .orderBy('h.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    change: r.change,
    previous: JSON.parse(r.previous) as Record<string, unknown>,
    reason: r.reason,
  }));
}

/** Only the fields whose values really change, with their old values. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (after[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = before[k];
  }
  return out;
}
