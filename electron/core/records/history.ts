import type { Data } from '../data/engine';
import { historyDetailsOf, putHistoryDetails } from './clinical';

export type RecordType = 'person' | 'contact' | 'entry';

/**
 * Keeps the values a change replaces, so nothing entered is ever lost (DESIGN.md, Reliability). The
 * clinical ones (a note, a clinical entry's text) go to the clinical store under the same history id.
 */
export async function keepHistory(
  data: Data,
  h: {
    type: RecordType;
    id: number;
    change: 'edit' | 'delete' | 'restore';
    previous: Record<string, unknown>;
    clinicalPrevious?: Record<string, unknown>;
    by: number;
    at: string;
    reason?: string | null;
  },
): Promise<void> {
  const { id } = await data
    .insertInto('record_history')
    .values({ record_type: h.type, record_id: h.id, changed_at: h.at, changed_by: h.by, change: h.change, previous: JSON.stringify(h.previous), reason: h.reason ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (h.clinicalPrevious && Object.keys(h.clinicalPrevious).length > 0) await putHistoryDetails(data, id, JSON.stringify(h.clinicalPrevious));
}

export interface HistoryRow {
  id: number;
  changedAt: string;
  changedBy: string;
  change: 'edit' | 'delete' | 'restore';
  previous: Record<string, unknown>;
  reason: string | null;
}

/** A record's history, newest first; with `clinical`, the clinical fields are merged back in. */
export async function readHistory(data: Data, type: RecordType, id: number, clinical: boolean): Promise<HistoryRow[]> {
  const rows = await data
    .selectFrom('record_history as h')
    .innerJoin('staff_users as s', 's.id', 'h.changed_by')
    .select(['h.id', 'h.changed_at', 's.display_name as changed_by', 'h.change', 'h.previous', 'h.reason'])
    .where('h.record_type', '=', type)
    .where('h.record_id', '=', id)
    .orderBy('h.id', 'desc')
    .execute();
  const details = clinical && type !== 'person' ? await historyDetailsOf(data, rows.map((r) => r.id)) : new Map<number, string>();
  return rows.map((r) => {
    const extra = details.get(r.id);
    return {
      id: r.id,
      changedAt: r.changed_at,
      changedBy: r.changed_by,
      change: r.change,
      previous: { ...(JSON.parse(r.previous) as Record<string, unknown>), ...(extra ? (JSON.parse(extra) as Record<string, unknown>) : {}) },
      reason: r.reason,
    };
  });
}

/** Only the fields whose values really change, with their old values. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (after[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = before[k];
  }
  return out;
}
