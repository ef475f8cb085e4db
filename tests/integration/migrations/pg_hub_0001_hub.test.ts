import { afterEach, expect, it } from 'vitest';
import { hubMigration0001 } from '../../../electron/core/db/hub-migrations/0001_hub';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL hub migration 0001 hub', () => {
  it("keeps one key-slot document and one sealed login per Doorway role", async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, [hubMigration0001], 1);
    await sql`INSERT INTO hub.keyslots (id, file, updated_at) VALUES (1, '{}', 't')`.execute(db.data);
    await expect(sql`INSERT INTO hub.keyslots (id, file, updated_at) VALUES (2, '{}', 't')`.execute(db.data)).rejects.toThrow(/check constraint/);
    await sql`INSERT INTO hub.logins (role, login, sealed) VALUES ('clinician', 'x_clinician', 's')`.execute(db.data);
    await expect(sql`INSERT INTO hub.logins (role, login, sealed) VALUES ('owner', 'x_owner', 's')`.execute(db.data)).rejects.toThrow(/check constraint/);
    await expect(sql`INSERT INTO hub.logins (role, login, sealed) VALUES ('clinician', 'again', 's')`.execute(db.data)).rejects.toThrow(/duplicate key/);
  });
});
