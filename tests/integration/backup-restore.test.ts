import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { ADMIN, hashDir, TEST_KDF } from '../support/vault';
import { cleanUp, Clock, must, recordsHash, refused, vaultWithDestination } from './backup-helpers';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "restoring replaces one computer's files; a restore over a hub's record is refused at a workstation (pg-hub-app.test.ts)";

afterEach(cleanUp);

const LATER_PASSWORD = 'a later password by the sea';

async function signIn(dataDir: string, password: string, clock?: Clock) {
  const doorway = createDoorway({ dataDir, kdfCost: TEST_KDF, ...(clock ? { now: clock.now } : {}) });
  const r = await invoke(doorway.router, 'session.signIn', { username: ADMIN.username, password });
  return r.ok ? doorway : null;
}

const codesOf = async (router: ReturnType<typeof createDoorway>['router']) =>
  (await must(router, 'people.list', { sort: 'client_code' })).items.map((p) => p.clientCode);

describeOn('sqlite', SQLITE_ONLY, 'restore', () => {
  it('verify, preview (date, counts, who made it, who can sign in), restore with the passwords of that time, then undo', async () => {
    const clock = new Clock();
    const v = await vaultWithDestination({ clock });
    await must(v.router, 'people.create', { clientCode: 'RS0001' });
    await must(v.router, 'people.create', { clientCode: 'RS0002' });
    const bundle = await must(v.router, 'backup.create', {});
    clock.days(3);
    await must(v.router, 'people.create', { clientCode: 'RS0003' });
    await must(v.router, 'session.changePassword', { currentPassword: ADMIN.password, newPassword: LATER_PASSWORD });
    const laterRecords = recordsHash(v.core.db);

    const checked = await must(v.router, 'backup.verify', { bundle: bundle.name });
    expect(checked.bundle).toMatchObject({ name: bundle.name, state: 'verified' });
    expect(checked.rows).toBeGreaterThan(0);
    // Both records files, each checked page by page with its own key.
    expect(checked.parts).toMatchObject({ main: { rows: expect.any(Number) }, clinical: { tables: expect.any(Number), rows: expect.any(Number) } });
    expect(checked.bundle.clinical).toBe('checked');
    const preview = await must(v.router, 'backup.preview', { bundle: bundle.name });
    expect(preview).toMatchObject({
      bundle: { name: bundle.name, createdAt: '2026-03-02T10:00:00.000Z', madeBy: { username: ADMIN.username, displayName: ADMIN.displayName, via: 'app' } },
      counts: { people: 2, contacts: 0, staff: 1 },
      staff: [{ username: ADMIN.username, displayName: ADMIN.displayName, role: 'administrator', disabled: false }],
      olderSchema: false,
    });
    // The preview changed nothing, in the vault or the bundle.
    expect(recordsHash(v.core.db)).toBe(laterRecords);
    const bundleFiles = Object.keys(hashDir(join(v.dest, bundle.name))).sort();
    expect(bundleFiles).toEqual(['clinical.db', 'doorway.db', 'keyslots.json', 'manifest.json', 'verified.json']);

    let locked: string | null = null;
    v.core.on('session.locked', (e) => (locked = e.reason));
    clock.advance(60_000);
    const restored = await must(v.router, 'backup.restore', { bundle: bundle.name, confirm: true });
    expect(restored).toMatchObject({ restoredBundle: bundle.name, restoredBundleCreatedAt: bundle.createdAt, setAsideAs: expect.stringMatching(/^previous-/) });
    expect(locked).toBe('system');
    expect(v.core.session).toBeNull();
    expect(existsSync(join(v.dataDir, restored.setAsideAs!, 'doorway.db'))).toBe(true);

    // The key slots came with the bundle: the password of that time opens it, the later one doesn't.
    expect(await signIn(v.dataDir, LATER_PASSWORD)).toBeNull();
    const after = (await signIn(v.dataDir, ADMIN.password, clock))!;
    expect(await codesOf(after.router)).toEqual(['RS0001', 'RS0002']);
    const audit = await must(after.router, 'audit.list', { action: 'backup.restore' });
    expect(audit.items[0]).toMatchObject({ action: 'backup.restore', details: expect.objectContaining({ bundle: bundle.name }) });
    const status = await must(after.router, 'backup.status', {});
    expect(status.undo).toMatchObject({ restoredBundle: bundle.name, restoredBundleCreatedAt: bundle.createdAt });

    // Undo: the later vault comes back whole, with its own password; the restored one is set aside in turn.
    await must(after.router, 'people.create', { clientCode: 'RS0099' });
    const undone = await must(after.router, 'backup.undoRestore', { confirm: true });
    expect(after.core.session).toBeNull();
    const back = (await signIn(v.dataDir, LATER_PASSWORD))!;
    expect(await codesOf(back.router)).toEqual(['RS0001', 'RS0002', 'RS0003']);
    expect((await must(back.router, 'backup.status', {})).undo).toBeNull();
    // Nothing is lost: what was entered after the restore is in the set-aside folder.
    expect(existsSync(join(v.dataDir, undone.setAsideAs!, 'doorway.db'))).toBe(true);
    expect(readdirSync(v.dataDir).filter((n) => n.startsWith('previous-'))).toHaveLength(1);
    back.core.close();
  });

  it('refuses to undo when there is no restore to undo', async () => {
    const v = await vaultWithDestination();
    expect(await refused(v.router, 'backup.undoRestore', { confirm: true }, 'NOT_FOUND')).toBe('There is no restore to undo in this data folder.');
    expect(v.core.session).not.toBeNull();
    v.core.close();
  });

  it('refuses to restore while the records are open elsewhere, before anything moves', async () => {
    const v = await vaultWithDestination();
    const bundle = await must(v.router, 'backup.create', {});
    const other = (await signIn(v.dataDir, ADMIN.password))!; // e.g. the command line beside the app
    const before = readdirSync(v.dataDir).sort();
    const message = await refused(v.router, 'backup.restore', { bundle: bundle.name, confirm: true }, 'CONFLICT');
    expect(message).toMatch(/^These records are open in Doorway or in another command right now, so they were not replaced\. Nothing was changed\./);
    expect(readdirSync(v.dataDir).filter((n) => !n.startsWith('doorway.db-')).sort()).toEqual(before.filter((n) => !n.startsWith('doorway.db-')));
    other.core.close();
    // Nothing moved: the vault still opens with everything.
    const again = (await signIn(v.dataDir, ADMIN.password))!;
    expect(await codesOf(again.router)).toEqual([]);
    again.core.close();
  });

  it('the restore drill records the last verified restore, shown in the status', async () => {
    const v = await vaultWithDestination();
    expect(await refused(v.router, 'backup.drill', {}, 'NOT_FOUND')).toMatch(/There's no checked backup in .+ yet/);
    await must(v.router, 'people.create', { clientCode: 'DR0001' });
    const bundle = await must(v.router, 'backup.create', {});
    const drill = await must(v.router, 'backup.drill', {});
    expect(drill).toMatchObject({ bundle: bundle.name, bundleCreatedAt: bundle.createdAt });
    expect(drill.rows).toBeGreaterThan(0);
    expect((await must(v.router, 'backup.status', {})).lastDrill).toEqual(drill);
    v.core.close();
  });
});

describeOn('sqlite', SQLITE_ONLY, 'after the vault key is changed', () => {
  it('older backups are left alone, new ones are made and checked, and the recovery code still checks the old ones', async () => {
    const clock = new Clock();
    const v = await vaultWithDestination({ clock });
    await must(v.router, 'people.create', { clientCode: 'OLDKEY' });
    const old = await must(v.router, 'backup.create', {});
    const rotated = await v.router('vault.rotateKey', {});
    expect(rotated.ok, rotated.ok ? '' : rotated.error.message).toBe(true);

    const list = await must(v.router, 'backup.list', {});
    expect(list.bundles).toMatchObject([{ name: old.name, state: 'unreadable', madeBy: null }]);
    expect((await must(v.router, 'backup.status', {})).lastVerifiedBackup).toBeNull();
    expect(await refused(v.router, 'backup.restore', { bundle: old.name, confirm: true }, 'BACKUP_INVALID')).toMatch(/made before the vault's key was changed/);

    clock.days(1);
    const fresh = await must(v.router, 'backup.create', {});
    expect(fresh.state).toBe('verified');
    await must(v.router, 'backup.updateSettings', { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 });
    expect(await must(v.router, 'backup.prune', {})).toMatchObject({ removed: [], kept: [fresh.name] });
    v.core.close();

    // The recovery code opens the old backup's own key slots: the command line checks it.
    const { runCli } = await import('../../electron/cli/run');
    let out = '';
    const code = await runCli(['backup', 'verify', join(v.dest, old.name)], {
      env: { DOORWAY_RECOVERY_CODE: v.recoveryCode },
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^The backup is complete and intact/);
  });
});
