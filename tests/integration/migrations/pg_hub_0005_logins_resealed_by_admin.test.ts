import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { hubMigrations } from '../../../electron/core/db/hub-migrations';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL hub migration 0005 logins resealed by the administrators', () => {
  it("gives a hub's administrators' login UPDATE on hub.logins, and nobody else", async () => {
    const db = await freshPgDatabase();
    const name = new URL(db.url).pathname.slice(1);
    await sql`CREATE ROLE ${sql.id(`${name}_administrator`)} LOGIN`.execute(db.data);
    await sql`CREATE ROLE ${sql.id(`${name}_front_desk`)} LOGIN`.execute(db.data);
    await applySteps(db.data, pgMigrations, 5);
    await applySteps(db.data, hubMigrations, 5);
    const may = async (role: string) =>
      (await sql<{ ok: boolean }>`SELECT has_table_privilege(${role}, 'hub.logins', 'UPDATE') AS ok`.execute(db.data)).rows[0]!.ok;
    expect(await may(`${name}_administrator`)).toBe(true);
    expect(await may(`${name}_front_desk`)).toBe(false);
  });

  it('changes nothing on a database that is not a hub yet (no logins)', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 5);
    await expect(applySteps(db.data, hubMigrations, 5)).resolves.toBeUndefined();
  });
});
