import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL migration 0005 drafts', () => {
  it('keeps one draft per staff member and form, replaced as they type', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 5);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')`.execute(db.data);
    const save = (fields: string) =>
      sql`INSERT INTO drafts (staff_id, form_key, form, fields, created_at, updated_at) VALUES (1, 'contact:1', 'contact', ${fields}, 't', 't')
          ON CONFLICT (staff_id, form_key) DO UPDATE SET fields = excluded.fields`.execute(db.data);
    await save('{"whatMattered":"a"}');
    await save('{"whatMattered":"ab"}');
    const rows = await sql<{ fields: string }>`SELECT fields FROM drafts`.execute(db.data);
    expect(rows.rows).toEqual([{ fields: '{"whatMattered":"ab"}' }]);
    await expect(
      sql`INSERT INTO drafts (staff_id, form_key, form, created_at, updated_at) VALUES (1, 'x', 'letter', 't', 't')`.execute(db.data),
    ).rejects.toThrow(/check constraint/);
  });
});
