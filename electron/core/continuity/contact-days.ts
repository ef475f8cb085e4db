import { calendarDay, daysBetween } from '../../../shared/continuity/days';
import type { Db } from '../db/database';

/**
 * Keeps each contact's calendar day (clinic time zone) and the gap since the person's previous live
 * contact in step with the contacts. Removed contacts keep their day but no gap, and do not count as
 * the previous contact of anyone.
 */
export function recomputeAllContactDays(db: Db, timeZone: string): void {
  const rows = db.prepare('SELECT id, person_id, occurred_at, deleted_at FROM contacts ORDER BY person_id, occurred_at, id').iterate() as IterableIterator<{
    id: number;
    person_id: number;
    occurred_at: string;
    deleted_at: string | null;
  }>;
  const update = db.prepare('UPDATE contacts SET local_day = ?, prev_gap_days = ? WHERE id = ?');
  const pending: [string, number | null, number][] = [];
  let person = -1;
  let prevDay: string | null = null;
  for (const r of rows) {
    if (r.person_id !== person) {
      person = r.person_id;
      prevDay = null;
    }
    const day = calendarDay(r.occurred_at, timeZone);
    if (r.deleted_at) {
      pending.push([day, null, r.id]);
      continue;
    }
    pending.push([day, prevDay === null ? null : daysBetween(prevDay, day), r.id]);
    prevDay = day;
  }
  // Written after reading: better-sqlite3 cannot update while an iterator on the same table is open.
  for (const p of pending) update.run(...p);
  db.prepare(
    `UPDATE people SET last_contact_day = (SELECT max(local_day) FROM contacts WHERE person_id = people.id AND deleted_at IS NULL)`,
  ).run();
}

/**
 * After a change to one person's contacts at or after `from` (an instant), recomputes only the
 * contacts from there on: adding today's contact touches one row, not the person's whole history.
 */
export function recomputePersonContactDays(db: Db, timeZone: string, personId: number, from: string): void {
  const anchor = db
    .prepare('SELECT local_day FROM contacts WHERE person_id = ? AND deleted_at IS NULL AND occurred_at < ? ORDER BY occurred_at DESC, id DESC LIMIT 1')
    .pluck()
    .get(personId, from) as string | null | undefined;
  const rows = db
    .prepare('SELECT id, occurred_at, deleted_at FROM contacts WHERE person_id = ? AND occurred_at >= ? ORDER BY occurred_at, id')
    .all(personId, from) as { id: number; occurred_at: string; deleted_at: string | null }[];
  const update = db.prepare('UPDATE contacts SET local_day = ?, prev_gap_days = ? WHERE id = ?');
  let prevDay = anchor ?? null;
  for (const r of rows) {
    const day = calendarDay(r.occurred_at, timeZone);
    if (r.deleted_at) {
      update.run(day, null, r.id);
      continue;
    }
    update.run(day, prevDay === null ? null : daysBetween(prevDay, day), r.id);
    prevDay = day;
  }
  db.prepare('UPDATE people SET last_contact_day = (SELECT max(local_day) FROM contacts WHERE person_id = ? AND deleted_at IS NULL) WHERE id = ?').run(personId, personId);
}

/**
 * Rebuilds the monthly figures from the contacts (after the absence threshold changes, or to repair);
 * the triggers keep them current for every other change.
 */
export function rebuildMonthStats(db: Db): void {
  db.exec('DELETE FROM person_month; DELETE FROM month_stats;');
  db.exec(`
    INSERT INTO month_stats (month, contacts, returns, people)
      SELECT substr(local_day, 1, 7), count(*),
        coalesce(sum(prev_gap_days > (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'absenceThresholdDays')), 0), 0
      FROM contacts WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1;
    INSERT INTO person_month (person_id, month, contacts)
      SELECT person_id, substr(local_day, 1, 7), count(*) FROM contacts
      WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1, 2;
  `);
}
