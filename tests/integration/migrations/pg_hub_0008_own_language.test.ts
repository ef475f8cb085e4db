import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { hubMigrations } from '../../../electron/core/db/hub-migrations';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL hub migration 0008 own language', () => {
  it("lets the front desk's and clinicians' logins write the language column of staff accounts and nothing else there", async () => {
    const db = await freshPgDatabase();
    const name = new URL(db.url).pathname.slice(1);
    const desk = `${name}_front_desk`;
    const clinician = `${name}_clinician`;
    await sql`CREATE ROLE ${sql.id(desk)} LOGIN`.execute(db.data);
    await sql`CREATE ROLE ${sql.id(clinician)} LOGIN`.execute(db.data);
    await applySteps(db.data, pgMigrations, 6);
    await applySteps(db.data, hubMigrations, 8);
    for (const login of [desk, clinician]) {
      const may = async (column: string) =>
        (await sql<{ ok: boolean }>`SELECT has_column_privilege(${login}, 'public.staff_users', ${column}, 'UPDATE') AS ok`.execute(db.data)).rows[0]!.ok;
      expect(await may('language')).toBe(true);
      for (const column of ['role', 'slot_id', 'username', 'must_change_password', 'disabled_at']) expect(await may(column)).toBe(false);
      const table = (await sql<{ ok: boolean }>`SELECT has_table_privilege(${login}, 'public.staff_users', 'UPDATE') OR has_table_privilege(${login}, 'public.staff_users', 'INSERT') OR has_table_privilege(${login}, 'public.staff_users', 'DELETE') AS ok`.execute(db.data)).rows[0]!.ok;
      expect(table).toBe(false);
    }

    // As the front desk's login: its language is saved, a role is refused and nothing else changes.
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('jo', 'Jo', 'front_desk', 'a', 't')`.execute(db.data);
    await sql`GRANT USAGE ON SCHEMA public TO ${sql.id(desk)}`.execute(db.data);
    await sql`GRANT SELECT ON public.staff_users TO ${sql.id(desk)}`.execute(db.data);
    await db.data.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE ${sql.id(desk)}`.execute(trx);
      await sql`UPDATE staff_users SET language = 'es' WHERE username = 'jo'`.execute(trx);
    });
    await expect(
      db.data.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE ${sql.id(desk)}`.execute(trx);
        await sql`UPDATE staff_users SET role = 'administrator' WHERE username = 'jo'`.execute(trx);
      }),
    ).rejects.toThrow(/role doesn't allow/);
    const row = (await sql<{ role: string; language: string }>`SELECT role, language FROM staff_users`.execute(db.data)).rows[0];
    expect(row).toEqual({ role: 'front_desk', language: 'es' });
  });
});
