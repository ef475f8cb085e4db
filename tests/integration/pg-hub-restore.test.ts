import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, type Router } from '../../electron/core';
import { verifyChain } from '../../electron/core/audit/verify';
import { initHub } from '../../electron/core/hub/init';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { cliRun } from '../support/cli';
import { describePg, dropPgDatabases, freshPgDatabase, sql, type PgTestDatabase } from '../support/pg';
import { must } from '../support/staff';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';

/** `hub restore`: a backup restored onto a clinic hub, the same bundle one computer restores. */
const dirs: string[] = [];
const cores: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await new Promise((r) => setTimeout(r, 200));
  await dropPgDatabases();
  for (const d of dirs.splice(0)) removeDir(d);
});


async function signedIn(hub: PgTestDatabase): Promise<Router> {
  const dir = tempDir();
  dirs.push(dir);
  const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, hub: { connectionString: hub.url, max: 2 } });
  cores.push(made.core);
  await must(made.router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
  return made.router;
}

const count = async (hub: PgTestDatabase, table: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(hub.data)).rows[0]!.n;

describePg('restoring a backup onto a clinic hub', () => {
  it('brings the whole record back onto an empty database, opened by the same passwords and recovery code; a hub in use is never overwritten', async () => {
    const hub = await freshPgDatabase();
    const { recoveryCode } = await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic' }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
    const ws = await signedIn(hub);
    const kit = await must(ws, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor' });
    await must(ws, 'contacts.record', { personId: kit.id, setting: 'drop_in', whatMattered: 'A warm coat' });
    await must(ws, 'entries.add', { personId: kit.id, kind: 'substance_use', occurredOn: '2026-02-01', data: { prefersNotToSay: false, substances: [{ substance: 'fentanyl', route: null, frequency: null }], note: '' } });
    const usb = join(tempDir('doorway-usb-'), 'backups');
    dirs.push(join(usb, '..'));
    mkdirSync(usb);
    expect((await cliRun(['backup', 'create', '--hub', hub.url, '--to', usb, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password })).code).toBe(0);
    const bundle = join(usb, readdirSync(usb)[0]!);

    // Onto the hub in use: refused, and nothing on it changes.
    const events = await count(hub, 'audit_events');
    const refused = await cliRun(['hub', 'restore', bundle, '--pg-url', hub.url, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('already holds a clinic') });
    expect(await count(hub, 'audit_events')).toBe(events);

    // Onto an empty database: with the administrator's password of the time.
    const fresh = await freshPgDatabase();
    const restored = await cliRun(['hub', 'restore', bundle, '--pg-url', fresh.url, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/^Restored onto the clinic hub at .*: 1 people, 1 contacts and \d+ audit entries, every table counted on both sides\.$/m) });
    const back = await signedIn(fresh);
    const page = await must(back, 'people.get', { id: kit.id });
    expect(page.contacts.map((c) => c.whatMattered)).toEqual(['A warm coat']);
    expect(page.entries.filter((e) => e.kind === 'substance_use').map((e) => JSON.stringify(e.data))).toEqual([expect.stringContaining('fentanyl')]);
    expect(await verifyChain(() => fresh.data)).toMatchObject({ intact: true });
    const last = await fresh.data.selectFrom('audit_events').select(['action', 'details']).orderBy('id', 'desc').limit(3).execute();
    expect(last.map((e) => e.action)).toContain('backup.restore');

    // And with the recovery code alone, through `backup restore --hub` (the same restore).
    const third = await freshPgDatabase();
    const elsewhere = tempDir();
    dirs.push(elsewhere);
    const both = await cliRun(['backup', 'restore', bundle, '--hub', third.url, '--data-dir', elsewhere], { DOORWAY_RECOVERY_CODE: recoveryCode });
    expect(both).toMatchObject({ code: 2, err: expect.stringContaining('Give either --data-dir DIR or --hub URL, not both.') });
    expect((await sql<{ none: boolean }>`SELECT to_regclass('public.people') IS NULL AS none`.execute(third.data)).rows[0]!.none).toBe(true);
    const byCode = await cliRun(['backup', 'restore', bundle, '--hub', third.url], { DOORWAY_RECOVERY_CODE: recoveryCode });
    expect(byCode).toMatchObject({ code: 0, out: expect.stringContaining('Restored onto the clinic hub at') });
    expect(await count(third, 'people')).toBe(1);
    await must(await signedIn(third), 'people.get', { id: kit.id });
    const wrong = await cliRun(['hub', 'restore', bundle, '--pg-url', (await freshPgDatabase()).url, '--user', ADMIN.username], { DOORWAY_PASSWORD: 'not the password at all' });
    expect(wrong).toMatchObject({ code: 1, err: expect.stringContaining("don't match") });
  }, 180_000);
});
