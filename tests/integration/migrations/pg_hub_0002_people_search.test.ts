import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { hubMigrations } from '../../../electron/core/db/hub-migrations';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL hub migration 0002 people search', () => {
  it('indexes every living person already there, lower-cased, and nobody removed', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 5);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')`.execute(db.data);
    await sql`INSERT INTO people (client_code, name, preferred_name, created_at, created_by, updated_at, updated_by, deleted_at)
              VALUES ('KT0412', 'Kit Taylor', NULL, 't', 1, 't', 1, NULL), ('MR2231', NULL, 'Marlo', 't', 1, 't', 1, NULL), ('GONE01', 'Gone', NULL, 't', 1, 't', 1, 't')`.execute(db.data);
    await applySteps(db.data, hubMigrations, 2);
    const rows = await sql<{ person_id: number; text: string }>`SELECT person_id, text FROM hub.people_search ORDER BY person_id`.execute(db.data);
    expect(rows.rows).toEqual([
      { person_id: 1, text: 'kt0412 kit taylor ' },
      { person_id: 2, text: 'mr2231  marlo' },
    ]);
  });
});
