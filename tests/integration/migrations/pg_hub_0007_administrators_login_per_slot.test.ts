import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { hubMigrations } from '../../../electron/core/db/hub-migrations';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL hub migration 0007 administrators login per slot', () => {
  it("adds the per-slot seals, writable by the administrators' login only, readable by the gate, takes the clinicians' login off staff accounts, and lets only the administrators' login give the role logins new passwords; the old seal stays", async () => {
    const db = await freshPgDatabase();
    const name = new URL(db.url).pathname.slice(1);
    const role = (r: string) => `${name}_${r}`;
    for (const r of ['administrator', 'clinician', 'front_desk', 'gate']) await sql`CREATE ROLE ${sql.id(role(r))} NOLOGIN`.execute(db.data);
    await applySteps(db.data, pgMigrations, 5);
    await applySteps(db.data, hubMigrations, 6);
    await sql`GRANT UPDATE, INSERT, DELETE ON staff_users TO ${sql.id(role('clinician'))}, ${sql.id(role('administrator'))}`.execute(db.data);
    await sql`INSERT INTO hub.logins (role, login, sealed) VALUES ('administrator', ${role('administrator')}, 'old seal')`.execute(db.data);

    await hubMigrations.find((s) => s.version === 7)!.up(db.data as never);
    const may = async (who: string, table: string, what: string) =>
      (await sql<{ ok: boolean }>`SELECT has_table_privilege(${role(who)}, ${table}, ${what}) AS ok`.execute(db.data)).rows[0]!.ok;
    expect(await may('administrator', 'hub.admin_logins', 'INSERT')).toBe(true);
    expect(await may('administrator', 'hub.admin_logins', 'DELETE')).toBe(true);
    expect(await may('administrator', 'hub.logins', 'DELETE')).toBe(true);
    expect(await may('clinician', 'hub.admin_logins', 'INSERT')).toBe(false);
    expect(await may('clinician', 'hub.admin_logins', 'SELECT')).toBe(true);
    expect(await may('front_desk', 'hub.admin_logins', 'UPDATE')).toBe(false);
    expect(await may('gate', 'hub.admin_logins', 'SELECT')).toBe(true);
    expect(await may('clinician', 'staff_users', 'UPDATE')).toBe(false);
    expect(await may('clinician', 'staff_users', 'INSERT')).toBe(false);
    expect(await may('administrator', 'staff_users', 'UPDATE')).toBe(true);
    // A key change gives the role logins new passwords: only the administrators' login may call the function that sets them.
    const run = async (who: string) =>
      (await sql<{ ok: boolean }>`SELECT has_function_privilege(${role(who)}, 'hub.set_login_password(text, text)', 'EXECUTE') AS ok`.execute(db.data)).rows[0]!.ok;
    expect([await run('administrator'), await run('clinician'), await run('front_desk'), await run('gate')]).toEqual([true, false, false, false]);
    await expect(sql`SELECT hub.set_login_password('postgres', ${'a'.repeat(43)})`.execute(db.data)).rejects.toThrow(/only the clinic's role logins/);
    await expect(sql`SELECT hub.set_login_password(${role('clinician')}, 'short')`.execute(db.data)).rejects.toThrow(/32 random bytes/);
    // The old seal stays until an administrator's session makes the new ones (hub/admin-login.ts).
    expect((await sql<{ sealed: string }>`SELECT sealed FROM hub.logins`.execute(db.data)).rows).toEqual([{ sealed: 'old seal' }]);
    expect((await sql<{ n: number }>`SELECT count(*)::integer AS n FROM hub.admin_logins`.execute(db.data)).rows[0]!.n).toBe(0);
  });
});
