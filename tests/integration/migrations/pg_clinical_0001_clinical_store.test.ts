import { afterEach, expect, it } from 'vitest';
import { pgClinicalMigration0001 } from '../../../electron/core/db/clinical-migrations/pg/0001_clinical_store';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL clinical migration 0001 clinical store', () => {
  it('makes the clinical schema with a note, an entry text and an edit detail per row of the main schema', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, [pgClinicalMigration0001], 1);
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'clinical' ORDER BY 1`.execute(db.data);
    expect(tables.rows.map((r) => r.table_name)).toEqual(['contact_notes', 'entry_texts', 'history_details']);
    await sql`INSERT INTO clinical.contact_notes (contact_id, note) VALUES (1, 'a note')`.execute(db.data);
    await expect(sql`INSERT INTO clinical.contact_notes (contact_id, note) VALUES (1, 'again')`.execute(db.data)).rejects.toThrow(/duplicate key/);
  });
});
