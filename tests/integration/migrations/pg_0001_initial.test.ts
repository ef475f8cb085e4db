import { afterEach, expect, it } from 'vitest';
import { pgMigration0001 } from '../../../electron/core/db/migrations/pg/0001_initial';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL migration 0001 initial', () => {
  it('makes staff, settings and an audit trail that nobody can change or empty', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, [pgMigration0001], 1);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')`.execute(db.data);
    // One account per name, whatever its case (SQLite: COLLATE NOCASE).
    await expect(sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('RIVER', 'R', 'clinician', 's2', 't')`.execute(db.data)).rejects.toThrow(/staff_users_username/);
    await expect(sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('jo', 'Jo', 'owner', 's3', 't')`.execute(db.data)).rejects.toThrow(/check constraint/);
    const staff = await sql<{ id: number }>`SELECT id FROM staff_users`.execute(db.data);
    expect(staff.rows).toEqual([{ id: 1 }]);

    await sql`INSERT INTO audit_events (at, action, prev_hash, hash) VALUES ('t', 'vault.create', '0', 'h1')`.execute(db.data);
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(db.data)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(db.data)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(db.data)).rejects.toThrow(/append-only/);
    const events = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_events`.execute(db.data);
    expect(events.rows[0]!.n).toBe(1);
  });
});
