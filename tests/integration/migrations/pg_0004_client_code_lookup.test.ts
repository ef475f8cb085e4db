import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL migration 0004 client code lookup', () => {
  it('finds a client code typed in any case through an index, never by reading every person', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 4);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')`.execute(db.data);
    await sql`INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by)
              SELECT 'P' || g, 't', 1, 't', 1 FROM generate_series(1, 2000) g`.execute(db.data);
    await sql`ANALYZE people`.execute(db.data);
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM people WHERE lower(client_code) = lower('p1234') AND deleted_at IS NULL`.execute(db.data);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    expect(text).not.toMatch(/Seq Scan/);
    const found = await sql<{ client_code: string }>`SELECT client_code FROM people WHERE lower(client_code) = lower('p1234') AND deleted_at IS NULL`.execute(db.data);
    expect(found.rows).toEqual([{ client_code: 'P1234' }]);
  });
});
