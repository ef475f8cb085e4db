import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { verifyChain } from '../../electron/core/audit/verify';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { initHub, readHubKeyslots } from '../../electron/core/hub/init';
import { loginPassword, openAdministratorsLoginWith, readAdministratorsLoginSeals } from '../../electron/core/hub/admin-login';
import { openLogin } from '../../electron/core/hub/logins';
import { staffByUsername } from '../../electron/core/users/staff';
import { unlockSlotsWithPassword, unlockSlotsWithRecovery, type AlsoOpen } from '../../electron/core/vault/vault';
import { ADMIN, TEST_KDF } from '../support/vault';
import { cliRun } from '../support/cli';
import { describePg, dropPgDatabases, freshPgDatabase } from '../support/pg';


/** `hub init`: a PostgreSQL database made the clinic's record, with the clinic's keys as on one computer. */
const run = promisify(execFile);
afterEach(async () => {
  await dropPgDatabases();
});

const NOW = '2026-11-20T15:00:00.000Z';
const input = { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic', timeZone: 'America/Chicago' }, admin: { ...ADMIN }, now: NOW };

describePg('making a PostgreSQL database the clinic hub', () => {
  it("gives the administrator's password the clinic's keys and the administrator login, front desk's keys open no clinical login, and a second init changes nothing", async () => {
    const hub = await freshPgDatabase();
    const made = await initHub(hub.data, input, { kdfCost: TEST_KDF });
    expect(made.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){7}$/);
    const file = (await readHubKeyslots(hub.data))!;
    expect(file.vaultId).toBe(made.vaultId);
    expect(file.slots.map((s) => s.kind).sort()).toEqual(['password', 'recovery']);

    // The administrator's password opens the slot: both keys.
    const unlocked = await unlockSlotsWithPassword(file, null, ADMIN.username, ADMIN.password);
    expect(unlocked.dataKey).toHaveLength(32);
    expect(unlocked.clinicalKey).toHaveLength(32);
    await expect(unlockSlotsWithPassword(file, null, ADMIN.username, 'not the password at all')).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
    // The recovery code shown once opens the same keys, typed in lower case and without dashes too.
    const recovered = await unlockSlotsWithRecovery(file, null, made.recoveryCode.toLowerCase().replace(/-/g, ' '));
    expect(recovered.dataKey.equals(unlocked.dataKey)).toBe(true);
    expect(recovered.clinicalKey!.equals(unlocked.clinicalKey!)).toBe(true);

    const sealed = (await sql<{ role: 'clinician' | 'front_desk'; login: string; sealed: string }>`SELECT role, login, sealed FROM hub.logins ORDER BY role`.execute(hub.data)).rows;
    // The administrators' login is not sealed under a key other roles hold: only to the administrator's slot and the recovery slot.
    expect(sealed.map((r) => r.role)).toEqual(['clinician', 'front_desk']);
    const seals = await readAdministratorsLoginSeals(hub.data);
    expect([...seals.keys()].sort()).toEqual(file.slots.map((s) => s.id).sort());
    for (const open of [
      (also: AlsoOpen) => unlockSlotsWithPassword(file, null, ADMIN.username, ADMIN.password, {}, also),
      (also: AlsoOpen) => unlockSlotsWithRecovery(file, null, made.recoveryCode, also),
    ]) {
      const admin = openAdministratorsLoginWith(file.vaultId, seals);
      const opened = await open(admin.alsoOpen);
      opened.dataKey.fill(0);
      const url = new URL(hub.url);
      url.username = admin.found.login!.login;
      url.password = loginPassword(admin.found.login!);
      expect((await run('psql', [url.toString(), '-tAc', 'SELECT current_user'])).stdout.trim()).toMatch(/_administrator$/);
    }
    const keys = { dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey };
    const deskKeys = { dataKey: unlocked.dataKey, clinicalKey: null };
    for (const r of sealed) {
      const password = openLogin(made.vaultId, r.role, r.sealed, keys);
      expect(password, r.role).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // A front-desk staff member holds only the data key: it opens the front-desk login and no other.
      expect(openLogin(made.vaultId, r.role, r.sealed, deskKeys) !== null, r.role).toBe(r.role === 'front_desk');
      const url = new URL(hub.url);
      url.username = r.login;
      url.password = password!;
      const { stdout } = await run('psql', [url.toString(), '-tAc', 'SELECT current_user']);
      expect(stdout.trim()).toBe(r.login);
    }

    expect((await staffByUsername(hub.data, ADMIN.username))?.role).toBe('administrator');
    expect(await verifyChain(() => hub.data)).toEqual({ intact: true, events: 1 });
    const settings = (await hub.data.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['clinicName', 'vaultId']).orderBy('key').execute()).map((r) => [r.key, JSON.parse(r.value)]);
    expect(settings).toEqual([
      ['clinicName', 'Harbour Street Clinic'],
      ['vaultId', made.vaultId],
    ]);

    const before = JSON.stringify(await readHubKeyslots(hub.data));
    await expect(initHub(hub.data, input, { kdfCost: TEST_KDF })).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    expect(JSON.stringify(await readHubKeyslots(hub.data))).toBe(before);
    // The logins still open with what was sealed first: the refused run changed no password.
    const again = (await sql<{ role: 'clinician'; login: string; sealed: string }>`SELECT role, login, sealed FROM hub.logins WHERE role = 'clinician'`.execute(hub.data)).rows[0]!;
    const url = new URL(hub.url);
    url.username = again.login;
    url.password = openLogin(made.vaultId, 'clinician', again.sealed, keys)!;
    expect((await run('psql', [url.toString(), '-tAc', 'SELECT 1'])).stdout.trim()).toBe('1');
    unlocked.dataKey.fill(0);
    unlocked.clinicalKey!.fill(0);
  });

  it('runs from the command line as documented: the recovery code shown once, a second run refused with nothing changed', async () => {
    const hub = await freshPgDatabase();
    const argv = ['hub', 'init', '--pg-url', hub.url, '--clinic', 'Pier Clinic', '--admin', 'sam', '--display-name', 'Sam Okafor', '--time-zone', 'America/Chicago'];
    const first = await cliRun(argv, { DOORWAY_PASSWORD: 'a quiet morning by the harbor' });
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/^The clinic hub is set up for Pier Clinic\.$/m);
    expect(first.out).toMatch(/^Recovery code: (?:[0-9A-Z]{5}-){7}[0-9A-Z]{5}$/m);
    // The address is named without its password.
    const secret = new URL(hub.url).password;
    expect(first.out).not.toContain(secret);
    expect((await staffByUsername(hub.data, 'sam'))?.displayName).toBe('Sam Okafor');

    const before = JSON.stringify(await readHubKeyslots(hub.data));
    const again = await cliRun(argv, { DOORWAY_PASSWORD: 'a quiet morning by the harbor' });
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/already holds a clinic's record\. Nothing was changed\./);
    expect(JSON.stringify(await readHubKeyslots(hub.data))).toBe(before);

    const bad = await cliRun(['hub', 'init', '--pg-url', 'mysql://x', '--clinic', 'Pier Clinic', '--admin', 'sam'], { DOORWAY_PASSWORD: 'a quiet morning by the harbor' });
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--pg-url: give a PostgreSQL address/) });
  });
});
