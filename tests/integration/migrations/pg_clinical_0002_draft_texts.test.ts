import { afterEach, expect, it } from 'vitest';
import { pgClinicalMigrations } from '../../../electron/core/db/clinical-migrations/pg';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL clinical migration 0002 draft texts', () => {
  it('keeps the clinical fields of unsaved work in the clinical schema, one row per draft', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgClinicalMigrations, 2);
    await sql`INSERT INTO clinical.draft_texts (draft_id, fields) VALUES (7, '{"note":"typed"}')`.execute(db.data);
    await sql`INSERT INTO clinical.draft_texts (draft_id, fields) VALUES (7, '{"note":"typed more"}') ON CONFLICT (draft_id) DO UPDATE SET fields = excluded.fields`.execute(db.data);
    const rows = await sql<{ draft_id: number; fields: string }>`SELECT draft_id, fields FROM clinical.draft_texts`.execute(db.data);
    expect(rows.rows).toEqual([{ draft_id: 7, fields: '{"note":"typed more"}' }]);
  });
});
