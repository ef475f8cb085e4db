import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { hashDir, removeDir, setUpVault, tempDir, ADMIN, TEST_KDF } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "permissions of one computer's data folder and files";

/**
 * A data folder Doorway may not read, or may not write, is reported as exactly that: never as a first
 * run (an unreadable folder looks empty) and never as damaged records ("restore a backup"), and nothing
 * in it changes. Real conditions: a read-only mount, and the real command line run without the
 * privilege to read other people's files.
 */
const run = promisify(execFile);
const dirs: string[] = [];
const mounts: string[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) execFileSync('umount', ['-l', m], { stdio: 'ignore' });
  dirs.splice(0).forEach(removeDir);
});

const isRoot = process.platform === 'linux' && process.getuid?.() === 0;
const tool = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const canMount = isRoot && tool('mount');
const canDropPrivilege = isRoot && tool('setpriv');
if (!canMount) console.warn('skipped the read-only folder test: it mounts a read-only tmpfs, which needs root on Linux');
if (!canDropPrivilege) console.warn("skipped the unreadable folder test: it runs the command line without the right to read others' files (setpriv, as root on Linux)");

describeOn('sqlite', SQLITE_ONLY, 'a data folder that cannot be used as it is', () => {
  it.runIf(canMount)('read-only: the app says so plainly, before and at sign-in; nothing changes', async () => {
    const root = tempDir();
    dirs.push(root);
    const mount = join(root, 'drive');
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount]);
    mounts.push(mount);
    const dataDir = join(mount, 'doorway');
    const v = await setUpVault(dataDir);
    v.core.close();
    execFileSync('mount', ['-o', 'remount,ro', mount]);
    const before = hashDir(dataDir);

    const { core, router } = createDoorway({ dataDir, kdfCost: TEST_KDF });
    const state = await invoke(router, 'session.state', {});
    expect(state).toMatchObject({ ok: false, error: { code: 'DATA_FOLDER_READ_ONLY', message: expect.stringMatching(/is read-only on this computer .* nothing could be saved\. Nothing was changed, and your records are not lost\./) } });
    const signIn = await invoke(router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(signIn).toMatchObject({ ok: false, error: { code: 'DATA_FOLDER_READ_ONLY' } });
    expect(JSON.stringify([state, signIn])).not.toMatch(/damaged|restore|set up/i);
    core.close();
    expect(hashDir(dataDir)).toEqual(before);
  });

  it.runIf(canDropPrivilege)('unreadable: the command line says the folder cannot be read, not that Doorway is not set up; nothing changes', async () => {
    const root = tempDir();
    dirs.push(root);
    chmodSync(root, 0o755);
    const dataDir = join(root, 'data');
    const v = await setUpVault(dataDir);
    v.core.close();
    chmodSync(dataDir, 0o700);
    const before = hashDir(dataDir);
    const files = readdirSync(dataDir).sort();
    // Still root (so Node and the project stay readable), but without the privilege to pass file permissions.
    const otherAccount = async () => {
      const argv = ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, '--import', 'tsx', resolve('electron/cli/main.ts'), 'status', '--data-dir', dataDir, '--user', ADMIN.username];
      try {
        await run('setpriv', argv, { env: { PATH: process.env.PATH ?? '', HOME: root, DOORWAY_PASSWORD: ADMIN.password }, timeout: 30_000 });
        return { code: 0, err: '' };
      } catch (e) {
        const failed = e as { code: number; stderr: string };
        return { code: failed.code, err: failed.stderr };
      }
    };
    chmodSync(dataDir, 0o000);
    const result = await otherAccount();
    chmodSync(dataDir, 0o700);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/can't read its data folder .*no permission to open it/);
    expect(result.err).not.toMatch(/not set up|damaged|restore/i);
    expect(readdirSync(dataDir).sort()).toEqual(files);
    expect(hashDir(dataDir)).toEqual(before);
  });
});
