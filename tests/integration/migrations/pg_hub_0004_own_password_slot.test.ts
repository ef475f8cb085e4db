import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { hubMigrations } from '../../../electron/core/db/hub-migrations';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

const file = {
  version: 2,
  vaultId: 'v1',
  slots: [
    { id: 'a', kind: 'password', lookup: 'l-a', wrapped: 'old-a' },
    { id: 'r', kind: 'recovery', wrapped: 'old-r' },
    { id: 'b', kind: 'password', lookup: 'l-b', wrapped: 'old-b' },
  ],
};

describePg('PostgreSQL hub migration 0004 own password slot', () => {
  it('replaces one password slot by its id, in place, and nothing else', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 5);
    await applySteps(db.data, hubMigrations, 4);
    await sql`INSERT INTO hub.keyslots (id, file, updated_at) VALUES (1, ${JSON.stringify(file)}, 't0')`.execute(db.data);
    const read = async () => JSON.parse((await sql<{ file: string }>`SELECT file FROM hub.keyslots`.execute(db.data)).rows[0]!.file) as typeof file;

    await sql`SELECT hub.replace_password_slot(${JSON.stringify({ id: 'b', kind: 'password', lookup: 'l-b', wrapped: 'new-b' })})`.execute(db.data);
    const after = await read();
    expect(after.slots.map((s) => [s.id, s.wrapped])).toEqual([
      ['a', 'old-a'],
      ['r', 'old-r'],
      ['b', 'new-b'],
    ]);
    expect(after.vaultId).toBe('v1');

    // Refused, and the document stays as it was: the recovery slot, a slot that is not there, another kind.
    for (const bad of [
      { id: 'r', kind: 'password', wrapped: 'x' },
      { id: 'r', kind: 'recovery', wrapped: 'x' },
      { id: 'zz', kind: 'password', wrapped: 'x' },
    ]) {
      await expect(sql`SELECT hub.replace_password_slot(${JSON.stringify(bad)})`.execute(db.data)).rejects.toThrow();
      expect(await read()).toEqual(after);
    }
  });

  it('may be run by nobody but those it is granted to', async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 5);
    await applySteps(db.data, hubMigrations, 4);
    const acl = await sql<{ acl: string | null }>`SELECT proacl::text AS acl FROM pg_proc WHERE proname = 'replace_password_slot'`.execute(db.data);
    // PUBLIC's default EXECUTE was taken away: the ACL names only the owner.
    expect(acl.rows[0]!.acl).not.toMatch(/(^|[{,])=X/);
  });
});
