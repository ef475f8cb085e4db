import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL migration 0003 continuity', () => {
  it('keeps the monthly figures right through every change to contacts, as the SQLite triggers do', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 3);
    const threshold = await sql<{ v: number }>`SELECT absence_threshold_days() AS v`.execute(db.data);
    expect(threshold.rows[0]!.v).toBe(60);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')`.execute(db.data);
    for (const code of ['A1', 'B2']) {
      await sql`INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by) VALUES (${code}, 't', 1, 't', 1)`.execute(db.data);
    }
    const add = (person: number, day: string, gap: number | null) =>
      sql`INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, created_by, updated_at, updated_by, local_day, prev_gap_days)
          VALUES (${person}, ${`${day}T12:00:00.000Z`}, 't', 'drop_in', 1, 1, 't', 1, ${day}, ${gap})`.execute(db.data);
    await add(1, '2026-01-05', null);
    await add(1, '2026-01-20', 15);
    await add(2, '2026-01-25', null);
    await add(1, '2026-04-10', 80); // back after 80 days: a return (threshold 60)
    const figures = async () => (await sql<{ month: string; contacts: number; returns: number; people: number }>`SELECT * FROM month_stats ORDER BY month`.execute(db.data)).rows;
    // By hand: January has 3 contacts from 2 people and no return; April 1 contact, 1 person, 1 return.
    expect(await figures()).toEqual([
      { month: '2026-01', contacts: 3, returns: 0, people: 2 },
      { month: '2026-04', contacts: 1, returns: 1, people: 1 },
    ]);
    // Removing B2's only January contact: January keeps 2 contacts from 1 person.
    await sql`UPDATE contacts SET deleted_at = 't' WHERE id = 3`.execute(db.data);
    // Moving the April contact to March (a corrected day) moves its return with it.
    await sql`UPDATE contacts SET local_day = '2026-03-30' WHERE id = 4`.execute(db.data);
    await sql`DELETE FROM contacts WHERE id = 2`.execute(db.data);
    expect(await figures()).toEqual([
      { month: '2026-01', contacts: 1, returns: 0, people: 1 },
      { month: '2026-03', contacts: 1, returns: 1, people: 1 },
      { month: '2026-04', contacts: 0, returns: 0, people: 0 },
    ]);
    await expect(
      sql`INSERT INTO outreach_attempts (person_id, at, staff_id, method, created_at) VALUES (1, 't', 1, 'carrier pigeon', 't')`.execute(db.data),
    ).rejects.toThrow(/check constraint/);
  });
});
