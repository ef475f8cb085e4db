import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL migration 0002 relationship record', () => {
  it('seeds the starting catalog and keeps one living record per client code, whatever its case', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 2);
    const catalog = await sql<{ kind: string; n: number }>`SELECT kind, count(*) AS n FROM catalog_items GROUP BY kind ORDER BY kind`.execute(db.data);
    expect(catalog.rows).toEqual([
      { kind: 'service', n: 8 },
      { kind: 'supply', n: 8 },
    ]);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')`.execute(db.data);
    const person = (code: string, deleted: string | null = null) =>
      sql`INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by, deleted_at) VALUES (${code}, 't', 1, 't', 1, ${deleted})`.execute(db.data);
    await person('MA0712');
    await expect(person('ma0712')).rejects.toThrow(/people_client_code/);
    // A removed record does not hold its code.
    await person('KT0413', 't');
    await person('kt0413');
    await expect(sql`INSERT INTO contact_supplies (contact_id, item_id, quantity) VALUES (1, 1, 0)`.execute(db.data)).rejects.toThrow();
    await expect(
      sql`INSERT INTO person_entries (person_id, kind, occurred_on, data, created_at, created_by, updated_at, updated_by) VALUES (1, 'diagnosis', 'd', '{}', 't', 1, 't', 1)`.execute(db.data),
    ).rejects.toThrow(/check constraint/);
  });
});
