import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { hubMigrations } from '../../../electron/core/db/hub-migrations';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

const slot = (wrapped: string) => ({ id: 'a', kind: 'password', lookup: 'l-a', wrapped, publicKey: `pk-${wrapped}`, sealed: 'x' });

describePg('PostgreSQL hub migration 0006 own password change', () => {
  it('replaces the slot, records its public key and clears the mark in one call; takes the front desk login off staff accounts and settings', async () => {
    const db = await freshPgDatabase();
    const name = new URL(db.url).pathname.slice(1);
    await sql`CREATE ROLE ${sql.id(`${name}_front_desk`)} LOGIN`.execute(db.data);
    await applySteps(db.data, pgMigrations, 5);
    await sql`GRANT UPDATE ON staff_users, settings TO ${sql.id(`${name}_front_desk`)}`.execute(db.data);
    await applySteps(db.data, hubMigrations, 6);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at, must_change_password) VALUES ('jo', 'Jo', 'front_desk', 'a', 't', 1)`.execute(db.data);
    await sql`INSERT INTO settings (key, value) VALUES ('vault.slotPublicKeys', ${JSON.stringify({ r: { publicKey: 'pk-r', kind: 'recovery' } })})`.execute(db.data);
    await sql`INSERT INTO hub.keyslots (id, file, updated_at) VALUES (1, ${JSON.stringify({ version: 2, vaultId: 'v', slots: [slot('old'), { id: 'r', kind: 'recovery', wrapped: 'r' }] })}, 't0')`.execute(db.data);

    await sql`SELECT hub.replace_password_slot(${JSON.stringify(slot('new'))})`.execute(db.data);
    const file = JSON.parse((await sql<{ file: string }>`SELECT file FROM hub.keyslots`.execute(db.data)).rows[0]!.file) as { slots: { id: string; wrapped: string }[] };
    expect(file.slots.map((s) => [s.id, s.wrapped])).toEqual([['a', 'new'], ['r', 'r']]);
    const keys = JSON.parse((await sql<{ value: string }>`SELECT value FROM settings WHERE key = 'vault.slotPublicKeys'`.execute(db.data)).rows[0]!.value);
    expect(keys).toEqual({ r: { publicKey: 'pk-r', kind: 'recovery' }, a: { publicKey: 'pk-new', kind: 'password' } });
    expect((await sql<{ m: number }>`SELECT must_change_password AS m FROM staff_users`.execute(db.data)).rows[0]!.m).toBe(0);
    // A slot without its public key is refused (a key change could not reach it), and nothing changes.
    await expect(sql`SELECT hub.replace_password_slot(${JSON.stringify({ id: 'a', kind: 'password', wrapped: 'y' })})`.execute(db.data)).rejects.toThrow();
    const may = (await sql<{ ok: boolean }>`SELECT has_table_privilege(${`${name}_front_desk`}, 'staff_users', 'UPDATE') OR has_table_privilege(${`${name}_front_desk`}, 'settings', 'UPDATE') AS ok`.execute(db.data)).rows[0]!.ok;
    expect(may).toBe(false);
  });
});
