import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { listBundles } from '../../electron/core/backup/catalog';
import { verifyBundle } from '../../electron/core/backup/verify';
import { readKeyslots } from '../../electron/core/vault/keyslots';
import { ADMIN, hashDir, TEST_KDF } from '../support/vault';
import { cleanUp, folder, must, vaultWithDestination } from './backup-helpers';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "a crash while one computer's backup files are written; a hub's crash: pg-hub-crash.test.ts";

const children: ChildProcess[] = [];
afterEach(() => {
  // A child that failed to reach its step must not outlive the test.
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  cleanUp();
});

const child = fileURLToPath(new URL('./backup-crash-child.ts', import.meta.url));
const NEW_PASSWORD = 'a later password by the sea';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the command line in a child process until it reaches `step`, then kill -9. */
async function killAt(step: string, args: string[], env: Record<string, string>) {
  const signal = join(folder('doorway-signal-'), 'reached');
  // Node itself with tsx as a loader, so the process killed is the one doing the work (the tsx
  // launcher would leave its worker running).
  const proc = spawn(process.execPath, ['--import', 'tsx', child, step, signal, '--', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let exited = false;
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, sig) => {
      exited = true;
      resolve({ code, signal: sig });
    }),
  );
  const deadline = Date.now() + 45_000;
  while (!existsSync(signal) && !exited && Date.now() < deadline) await sleep(20);
  const reached = existsSync(signal);
  if (!exited) proc.kill('SIGKILL');
  const end = await done;
  expect(reached, `the child never reached "${step}" (exit ${end.code}): ${err}`).toBe(true);
  expect(end.signal).toBe('SIGKILL');
}

async function signIn(dataDir: string, password: string) {
  const doorway = createDoorway({ dataDir, kdfCost: TEST_KDF });
  const r = await invoke(doorway.router, 'session.signIn', { username: ADMIN.username, password });
  return r.ok ? doorway : null;
}

async function codes(doorway: NonNullable<Awaited<ReturnType<typeof signIn>>>): Promise<string[]> {
  return (await must(doorway.router, 'people.list', { sort: 'client_code' })).items.map((p) => p.clientCode).sort();
}

/** The contact notes (in the clinical store) on the person BEFORE, newest first. */
async function notes(doorway: NonNullable<Awaited<ReturnType<typeof signIn>>>): Promise<(string | null)[]> {
  const person = (await must(doorway.router, 'people.list', { sort: 'client_code' })).items.find((p) => p.clientCode === 'BEFORE')!;
  return (await must(doorway.router, 'contacts.list', { personId: person.id })).map((c) => c.note);
}

describeOn('sqlite', SQLITE_ONLY, 'kill -9 during a backup', () => {
  it.each(['started', 'copied', 'manifest'])('at "%s": no half bundle ever counts; the vault and older bundles are intact', async (step) => {
    const v = await vaultWithDestination();
    await must(v.router, 'people.create', { clientCode: 'KEPT01' });
    const older = await must(v.router, 'backup.create', {});
    const vaultId = readKeyslots(v.core.paths.keyslots).vaultId;
    const key = Buffer.from(v.core.dataKey);
    v.core.close();
    const olderBefore = hashDir(join(v.dest, older.name));

    await killAt(step, ['backup', 'create', '--data-dir', v.dataDir, '--to', v.dest, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });

    // The partial folder is there, but it is never listed as a backup and verify refuses it.
    const partial = readdirSync(v.dest).filter((n) => n.endsWith('.partial'));
    expect(partial).toHaveLength(1);
    const listing = listBundles(v.dest, key, vaultId);
    expect(listing.bundles.map((b) => b.name)).toEqual([older.name]);
    expect(listing.unfinished).toHaveLength(1);
    expect(listing.unfinished[0]!.stale).toBe(true);
    await expect(verifyBundle(join(v.dest, partial[0]!), { dataKey: key })).rejects.toThrow(/unfinished backup/);

    // The vault opens with everything in it; status and prune clean up after the killed writer.
    const again = await signIn(v.dataDir, ADMIN.password);
    expect(again).not.toBeNull();
    expect(await codes(again!)).toEqual(['KEPT01']);
    const status = await must(again!.router, 'backup.status', {});
    expect(status.lastVerifiedBackup?.name).toBe(older.name);
    const pruned = await must(again!.router, 'backup.prune', {});
    expect(pruned).toMatchObject({ removed: [], unfinishedRemoved: 1 });
    expect(readdirSync(v.dest)).toEqual([older.name]);
    expect(hashDir(join(v.dest, older.name))).toEqual(olderBefore);
    await must(again!.router, 'backup.verify', { bundle: older.name });
    again!.core.close();
    key.fill(0);
  });

  it('after the rename but before the check: the bundle is listed as not verified and never counts until it passes a check', async () => {
    const v = await vaultWithDestination();
    const older = await must(v.router, 'backup.create', {});
    v.core.close();

    await killAt('renamed', ['backup', 'create', '--data-dir', v.dataDir, '--to', v.dest, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });

    const again = (await signIn(v.dataDir, ADMIN.password))!;
    const list = await must(again.router, 'backup.list', {});
    expect(list.bundles.map((b) => b.state)).toEqual(['unverified', 'verified']);
    const status = await must(again.router, 'backup.status', {});
    expect(status.lastVerifiedBackup?.name).toBe(older.name);
    expect(status.lastBackup?.state).toBe('unverified');
    // Retention: the unverified one is newer than the newest verified, so it is left alone, and the verified one stays.
    expect((await must(again.router, 'backup.prune', {})).removed).toEqual([]);
    // A full check that passes makes it count.
    await must(again.router, 'backup.verify', { bundle: list.bundles[0]!.name });
    expect((await must(again.router, 'backup.status', {})).lastVerifiedBackup?.name).toBe(list.bundles[0]!.name);
    again.core.close();
  });
});

describeOn('sqlite', SQLITE_ONLY, 'kill -9 during a restore', () => {
  /**
   * Old vault: BEFORE and AFTER, two notes (clinical store), the new password. The bundle: BEFORE and its
   * first note only, the password of that time.
   */
  async function scene() {
    const v = await vaultWithDestination();
    const before = await must(v.router, 'people.create', { clientCode: 'BEFORE' });
    await must(v.router, 'contacts.record', { personId: before.id, setting: 'drop_in', note: 'NOTE-IN-BUNDLE' });
    const bundle = await must(v.router, 'backup.create', {});
    await must(v.router, 'people.create', { clientCode: 'AFTER1' });
    await must(v.router, 'contacts.record', { personId: before.id, setting: 'drop_in', note: 'NOTE-LATER' });
    await must(v.router, 'session.changePassword', { currentPassword: ADMIN.password, newPassword: NEW_PASSWORD });
    v.core.close();
    return { ...v, bundle };
  }

  it.each([
    ['staged', 'old'],
    ['journal', 'new'],
    ['out:keyslots.json', 'new'],
    ['out:clinical.db', 'new'],
    ['moving-in', 'new'],
    ['in:keyslots.json', 'new'],
    ['in:clinical.db', 'new'],
    ['cleaned', 'new'],
  ] as const)('at "%s" the vault opens as the %s one, never a mix', async (step, expected) => {
    const v = await scene();
    await killAt(step, ['backup', 'restore', join(v.dest, v.bundle.name), '--data-dir', v.dataDir], { DOORWAY_RECOVERY_CODE: v.recoveryCode });

    // Each password opens only its own generation of key slots; the records must be that generation's too.
    const asOld = await signIn(v.dataDir, NEW_PASSWORD);
    const asNew = await signIn(v.dataDir, ADMIN.password);
    expect(Boolean(asOld) !== Boolean(asNew), 'exactly one generation of key slots is in place').toBe(true);
    if (expected === 'old') {
      expect(asOld).not.toBeNull();
      expect(await codes(asOld!)).toEqual(['AFTER1', 'BEFORE']);
      // The clinical file is the same generation's: both notes.
      expect(await notes(asOld!)).toEqual(['NOTE-LATER', 'NOTE-IN-BUNDLE']);
    } else {
      expect(asNew).not.toBeNull();
      expect(await codes(asNew!)).toEqual(['BEFORE']);
      expect(await notes(asNew!)).toEqual(['NOTE-IN-BUNDLE']);
      // The old vault is set aside whole, and the restore can be undone.
      const status = await must(asNew!.router, 'backup.status', {});
      expect(status.undo?.restoredBundle).toBe(v.bundle.name);
    }
    const open = (asOld ?? asNew)!;
    // Nothing of the interrupted restore is left in the data folder; the set-aside vault has its clinical file.
    expect(readdirSync(v.dataDir).filter((n) => n.startsWith('.restore') || n === 'restore-journal.json')).toEqual([]);
    const aside = readdirSync(v.dataDir).filter((n) => n.startsWith('previous-'));
    if (expected === 'new') expect(aside.map((n) => existsSync(join(v.dataDir, n, 'clinical.db')))).toEqual([true]);
    open.core.close();
  });
});
