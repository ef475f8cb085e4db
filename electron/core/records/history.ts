import type { Db } from '../db/database';

export type RecordType = 'person' | 'contact' | 'entry';

/** Keeps the values a change replaces, so nothing entered is ever lost (DESIGN.md, Reliability). */
export function keepHistory(
  db: Db,
  h: { type: RecordType; id: number; change: 'edit' | 'delete' | 'restore'; previous: Record<string, unknown>; by: number; at: string; reason?: string | null },
): void {
  db.prepare(
    'INSERT INTO record_history (record_type, record_id, changed_at, changed_by, change, previous, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(h.type, h.id, h.at, h.by, h.change, JSON.stringify(h.previous), h.reason ?? null);
}

export interface HistoryRow {
  id: number;
  changedAt: string;
  changedBy: string;
  change: 'edit' | 'delete' | 'restore';
  previous: Record<string, unknown>;
  reason: string | null;
}

export function readHistory(db: Db, type: RecordType, id: number): HistoryRow[] {
  const rows = db
    .prepare(
      `SELECT h.id, h.changed_at, s.display_name AS changed_by, h.change, h.previous, h.reason
       FROM record_history h JOIN staff_users s ON s.id = h.changed_by
       WHERE h.record_type = ? AND h.record_id = ? ORDER BY h.id DESC`,
    )
    .all(type, id) as { id: number; changed_at: string; changed_by: string; change: HistoryRow['change']; previous: string; reason: string | null }[];
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
