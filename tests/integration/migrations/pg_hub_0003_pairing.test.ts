import { afterEach, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { hubMigrations } from '../../../electron/core/db/hub-migrations';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql, untyped } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL hub migration 0003 pairing', () => {
  it('adds the pairings and a redeem function that runs as its owner with its search path pinned, and that nobody may call or read by default', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, LATEST_SCHEMA_VERSION);
    await applySteps(db.data, hubMigrations, 3);
    const fn = (
      await sql<{ secdef: boolean; config: string[]; acl: string | null }>`
        SELECT prosecdef AS secdef, proconfig AS config, proacl::text AS acl FROM pg_proc WHERE oid = 'hub.redeem_pairing()'::regprocedure`.execute(db.data)
    ).rows[0]!;
    expect(fn.secdef).toBe(true);
    expect(fn.config).toEqual(['search_path=pg_catalog, pg_temp', 'password_encryption=scram-sha-256']);
    // Only its owner may call it (PUBLIC's default EXECUTE was taken away): "=X/" would be PUBLIC.
    expect(fn.acl).not.toMatch(/(^|[{,])=X/);
    const publicCan = await sql<{ run: boolean; read: boolean }>`
      SELECT has_function_privilege('public', 'hub.redeem_pairing()', 'EXECUTE') AS run, has_table_privilege('public', 'hub.pairings', 'SELECT') AS read`.execute(db.data);
    expect(publicCan.rows[0]).toEqual({ run: false, read: false });
    const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = 'hub' AND table_name = 'pairings' ORDER BY ordinal_position`.execute(db.data);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['id', 'login', 'workstation_login', 'gate', 'created_at', 'expires_at', 'used_at']);
    // Called by a login with no pairing (here the database's owner), it refuses and makes nothing.
    await expect(sql`SELECT * FROM hub.redeem_pairing()`.execute(untyped(db))).rejects.toThrow(/doorway pairing: no pairing for this login/);
  });
});
