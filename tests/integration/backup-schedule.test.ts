import { mkdirSync, readdirSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cleanUp, Clock, folder, made, must, vaultWithDestination } from './backup-helpers';
import { describeOn } from '../support/engine';
import { messageText } from '../../shared/messages';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "the daily schedule checks folders against one computer's data folder and its files; on a hub: pg-hub-app.test.ts";

afterEach(cleanUp);

const MINUTE = 60_000;
const bundlesIn = (dest: string) => readdirSync(dest).filter((n) => n.startsWith('doorway-backup-')).sort();

describeOn('sqlite', SQLITE_ONLY, 'automatic backups', () => {
  it('back up once a day while someone is signed in, and apply the retention policy', async () => {
    const clock = new Clock();
    const v = await vaultWithDestination({ clock });
    await must(v.router, 'backup.updateSettings', { keepDaily: 3, keepWeekly: 0, keepMonthly: 0 });
    const backups = v.core.backups;
    expect((await must(v.router, 'backup.status', {})).warning).toMatchObject({ kind: 'overdue' });
    await backups.tick();
    expect(bundlesIn(v.dest)).toHaveLength(1);
    const first = await must(v.router, 'backup.status', {});
    expect(first.lastVerifiedBackup?.madeBy?.via).toBe('schedule');
    expect(first.warning).toBeNull();
    expect(first.nextDueAt).toBe(new Date(clock.at.getTime() + 86_400_000).toISOString());

    clock.advance(6 * 60 * MINUTE);
    await backups.tick();
    expect(bundlesIn(v.dest)).toHaveLength(1); // not due yet

    for (let day = 1; day <= 5; day++) {
      clock.days(1);
      await backups.tick();
    }
    // Six daily backups made; the policy keeps the newest of the last 3 days.
    expect(bundlesIn(v.dest)).toHaveLength(3);
    const audit = await must(v.router, 'audit.list', { action: 'backup.prune' });
    expect(audit.items.length).toBeGreaterThan(0);
    v.core.close();
  });

  it('an unplugged drive gives a calm, visible warning and a retry, never a crash or a silent skip', async () => {
    const clock = new Clock();
    const v = await vaultWithDestination({ clock });
    const backups = v.core.backups;
    renameSync(v.dest, `${v.dest}-unplugged`);

    const status = await must(v.router, 'backup.status', {});
    expect(status.warning).toMatchObject({ kind: 'destinationUnavailable', message: { key: 'backup.destination.unavailableRetrying', params: { dest: v.dest } } });
    expect(messageText(status.warning!.message)).toMatch(
      /^The backup folder .+ isn't available right now\. If it's on a USB drive, plug the drive in; Doorway keeps trying by itself\.$/,
    );
    expect(messageText(status.warning!.message, 'es')).toBe(
      `La carpeta de copias ${v.dest} no está disponible en este momento. Si está en una memoria USB, conéctela; Doorway lo sigue intentando por sí solo.`,
    );
    await backups.tick();
    const after = await must(v.router, 'backup.status', {});
    expect(after.warning?.kind).toBe('destinationUnavailable');
    expect(Date.parse(after.warning!.retryAt!)).toBe(clock.at.getTime() + 5 * MINUTE);
    expect(after.nextDueAt).toBe(after.warning!.retryAt);
    // A manual attempt says the same, clearly.
    const manual = await v.router('backup.create', {});
    expect(manual).toMatchObject({ ok: false, error: { code: 'BACKUP_DESTINATION', message: expect.stringMatching(/isn't available right now/) } });

    // Plugged back in: the next try after the wait makes the backup and the warning goes.
    renameSync(`${v.dest}-unplugged`, v.dest);
    clock.advance(MINUTE);
    await backups.tick();
    expect(bundlesIn(v.dest)).toHaveLength(0); // still waiting for the retry time
    clock.advance(60 * MINUTE);
    await backups.tick();
    expect(bundlesIn(v.dest)).toHaveLength(1);
    expect((await must(v.router, 'backup.status', {})).warning).toBeNull();
    v.core.close();
  });

  it('without a folder, or switched off, the status says so', async () => {
    const v = await vaultWithDestination();
    await must(v.router, 'backup.updateSettings', { destination: null });
    expect((await must(v.router, 'backup.status', {})).warning).toMatchObject({ kind: 'noDestination', retryAt: null });
    expect((await must(v.router, 'backup.status', {})).nextDueAt).toBeNull();
    await must(v.router, 'backup.updateSettings', { enabled: false });
    expect((await must(v.router, 'backup.status', {})).warning?.kind).toBe('off');
    v.core.close();
  });

  it('the backup on quit: made when the last verified one is older than a day, never while locked', async () => {
    const clock = new Clock();
    const v = await vaultWithDestination({ clock });
    const backups = v.core.backups;
    expect(await backups.backupOnQuitIfDue()).toBe('made');
    expect(bundlesIn(v.dest)).toHaveLength(1);
    clock.advance(23 * 60 * MINUTE);
    expect(await backups.backupOnQuitIfDue()).toBe('notDue');
    clock.advance(2 * 60 * MINUTE);
    expect(await backups.backupOnQuitIfDue()).toBe('made');
    expect(bundlesIn(v.dest)).toHaveLength(2);
    expect((await must(v.router, 'backup.list', {})).bundles[0]!.madeBy?.via).toBe('quit');
    v.core.lock('manual');
    clock.days(3);
    expect(await backups.backupOnQuitIfDue()).toBe('notSignedIn');
    v.core.close();
  });

  it('refuses a folder that is missing, relative, a file, or inside the data folder, saying why', async () => {
    const v = await vaultWithDestination();
    const bad = async (destination: string, message: RegExp) => {
      const r = await v.router('backup.updateSettings', { destination });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message), fields: { destination: expect.stringMatching(message) } } });
    };
    await bad('backups', /^Please give the whole path of the backup folder/);
    await bad(`${v.dest}/not-there`, /isn't available right now/);
    await bad(v.core.paths.keyslots, /is a file, not a folder/);
    await bad(v.dataDir, /can't go inside Doorway's own data folder/);
    expect((await must(v.router, 'backup.status', {})).settings.destination).toBe(v.dest);
    v.core.close();
  });

  it('tells a folder inside the data folder from a sibling whose name starts the same way', async () => {
    const v = await vaultWithDestination();
    const inside = join(v.dataDir, '..bk');
    const sibling = `${v.dataDir}..bk`;
    const linked = join(folder('doorway-link-'), 'to-data');
    mkdirSync(inside);
    mkdirSync(sibling);
    symlinkSync(v.dataDir, linked);
    made.push(sibling);
    for (const destination of [inside, `${v.dataDir}/`, `${v.dataDir}/sub/..`, linked]) {
      const r = await v.router('backup.updateSettings', { destination });
      expect(r, destination).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/can't go inside Doorway's own data folder/) } });
    }
    expect((await must(v.router, 'backup.updateSettings', { destination: sibling })).destination).toBe(sibling);
    v.core.close();
  });
});
