import type { CompiledQuery } from 'kysely';
import { calendarDay, daysBetween } from '../../../shared/continuity/days';
import type { Data } from '../data/engine';

/**
 * Keeps each contact's calendar day (clinic time zone) and the gap since the person's previous live
 * contact in step with the contacts. Removed contacts keep their day but no gap, and do not count as
 * the previous contact of anyone. The calendar day needs the time zone database, so it is worked out
 * here rather than in SQL, the same way on both engines.
 */

/** Every contact at once (a new time zone, or demo data): one update compiled once, run per contact. */
export async function recomputeAllContactDays(data: Data, timeZone: string): Promise<void> {
  const rows = await data
    .selectFrom('contacts')
    .select(['id', 'person_id', 'occurred_at', 'deleted_at', 'local_day', 'prev_gap_days'])
    .orderBy('person_id')
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  const update = data.updateTable('contacts').set({ local_day: '', prev_gap_days: 0 }).where('id', '=', 0).compile();
  let person = -1;
  let prevDay: string | null = null;
  for (const r of rows) {
    if (r.person_id !== person) {
      person = r.person_id;
      prevDay = null;
    }
    const day = calendarDay(r.occurred_at, timeZone);
    let gap: number | null = null;
    if (!r.deleted_at) {
      gap = prevDay === null ? null : daysBetween(prevDay, day);
      prevDay = day;
    }
    // Only what differs is written: rows already right stay untouched.
    if (r.local_day !== day || r.prev_gap_days !== gap) await data.executeQuery({ ...update, parameters: [day, gap, r.id] });
  }
  await data
    .updateTable('people')
    .set((eb) => ({
      last_contact_day: eb.selectFrom('contacts').select((c) => c.fn.max('local_day').as('d')).whereRef('contacts.person_id', '=', 'people.id').where('contacts.deleted_at', 'is', null),
    }))
    .execute();
}

/**
 * After a change to one person's contacts at or after `from` (an instant), recomputes only the
 * contacts from there on: adding today's contact touches one row, not the person's whole history.
 */
export async function recomputePersonContactDays(data: Data, timeZone: string, personId: number, from: string): Promise<void> {
  await recomputeContactDaysFrom(data, timeZone, new Map([[personId, from]]));
}

/**
 * The same for many people at once (an import), each from their own instant: one update compiled
 * once and run per contact, as recomputeAllContactDays does.
 */
export async function recomputeContactDaysFrom(data: Data, timeZone: string, fromByPerson: ReadonlyMap<number, string>): Promise<void> {
  const update = data.updateTable('contacts').set({ local_day: '', prev_gap_days: 0 }).where('id', '=', 0).compile();
  for (const [personId, from] of fromByPerson) await recomputeOne(data, timeZone, personId, from, update);
}

async function recomputeOne(data: Data, timeZone: string, personId: number, from: string, update: CompiledQuery): Promise<void> {
  const anchor = await data
    .selectFrom('contacts')
    .select('local_day')
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .where('occurred_at', '<', from)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const rows = await data
    .selectFrom('contacts')
    .select(['id', 'occurred_at', 'deleted_at', 'local_day', 'prev_gap_days'])
    .where('person_id', '=', personId)
    .where('occurred_at', '>=', from)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  let prevDay = anchor?.local_day ?? null;
  for (const r of rows) {
    const day = calendarDay(r.occurred_at, timeZone);
    let gap: number | null = null;
    if (!r.deleted_at) {
      gap = prevDay === null ? null : daysBetween(prevDay, day);
      prevDay = day;
    }
    // A contact added or moved changes its own day and the next one's gap; the rest already hold what they should.
    if (r.local_day !== day || r.prev_gap_days !== gap) await data.executeQuery({ ...update, parameters: [day, gap, r.id] });
  }
  await data
    .updateTable('people')
    .set((eb) => ({
      last_contact_day: eb.selectFrom('contacts').select((c) => c.fn.max('local_day').as('d')).where('contacts.person_id', '=', personId).where('contacts.deleted_at', 'is', null),
    }))
    .where('id', '=', personId)
    .execute();
}
