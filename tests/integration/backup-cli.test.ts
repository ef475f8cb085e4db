import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { ADMIN, hashDir } from '../support/vault';
import { cleanUp, folder } from './backup-helpers';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  'backup commands on a data folder (--data-dir); on a hub they take --hub (pg-hub-cli.test.ts)';

afterEach(cleanUp);

const run = promisify(execFile);
const PASSWORD = { DOORWAY_PASSWORD: ADMIN.password };

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io, { kdfCost: { N: 1024 } });
  return { code, out, err };
}

async function vault() {
  const dir = join(folder('doorway-cli-'), 'data');
  const made = await cli(['init', '--data-dir', dir, '--clinic', 'Harbour Street Clinic', '--admin', ADMIN.username], PASSWORD);
  expect(made.code).toBe(0);
  const recoveryCode = /^Recovery code: (\S+)$/m.exec(made.out)![1]!;
  return { dir, dest: folder('doorway-cli-dest-'), recoveryCode, recovery: { DOORWAY_RECOVERY_CODE: recoveryCode } };
}

const bundles = (dest: string) => readdirSync(dest).filter((n) => n.startsWith('doorway-backup-'));

describeOn('sqlite', SQLITE_ONLY, 'backup commands', () => {
  it('create, list, verify (with the vault, or with the backup alone), drill and prune: exit 0 with plain answers', async () => {
    const v = await vault();
    const made = await cli(['backup', 'create', '--data-dir', v.dir, '--to', v.dest, '--user', ADMIN.username], PASSWORD);
    expect(made).toMatchObject({ code: 0, out: expect.stringMatching(/^Backup written and verified: .+doorway-backup-\d{8}T\d{6}Z-[0-9a-f]{8}\n.+every page was read back and checked/) });
    expect(made.err).toMatch(/Taking a consistent copy of the records\.\.\.\nCopying .+ MB\.\.\./);
    expect(made.out).toMatch(/\n {2}main records \(doorway\.db\): .+\n {2}clinical records \(clinical\.db\): every page read and checked with the clinical key/);
    const [name] = bundles(v.dest);
    const bundle = join(v.dest, name!);

    const byCode = await cli(['backup', 'create', '--data-dir', v.dir, '--to', v.dest], v.recovery);
    expect(byCode.code).toBe(0);

    const listed = await cli(['backup', 'list', '--to', v.dest, '--data-dir', v.dir], v.recovery);
    expect(listed.code).toBe(0);
    expect(listed.out.trim().split('\n')).toHaveLength(2);
    expect(listed.out).toMatch(/verified, made by the recovery code, from the command line/);
    expect(listed.out).toMatch(new RegExp(`${name}  .+ UTC  .+ MB  verified, made by ${ADMIN.username}, from the command line; main and clinical records\n`));

    // Both parts reported, each checked page by page with its own key.
    const bothParts =
      /rows in \d+ tables are there:\n {2}main records \(doorway\.db\): every page read and checked; \d+ rows? in \d+ tables\.\n {2}clinical records \(clinical\.db\): every page read and checked with the clinical key; \d+ rows? in \d+ tables\.\n/;
    const withVault = await cli(['backup', 'verify', bundle, '--data-dir', v.dir, '--user', ADMIN.username], PASSWORD);
    expect(withVault).toMatchObject({ code: 0, out: expect.stringContaining(`The backup is complete and intact: ${bundle}`) });
    expect(withVault.out).toMatch(bothParts);
    const alone = await cli(['backup', 'verify', bundle], v.recovery);
    expect(alone).toMatchObject({ code: 0, out: expect.stringMatching(/tables\.\nMade .+ by river, from the command line, with Doorway \d+\.\d+\.\d+ \(schema \d+\)/) });
    expect(alone.out).toMatch(bothParts);
    const alonePassword = await cli(['backup', 'verify', bundle, '--user', ADMIN.username], PASSWORD);
    expect(alonePassword.code).toBe(0);
    expect(alonePassword.out).toMatch(bothParts);

    const drill = await cli(['backup', 'drill', '--to', v.dest, '--data-dir', v.dir, '--user', ADMIN.username], PASSWORD);
    expect(drill).toMatchObject({ code: 0, out: expect.stringMatching(/^Restore drill passed: the backup made .+ restored into a temporary folder,/) });

    const pruned = await cli(['backup', 'prune', '--to', v.dest, '--data-dir', v.dir, '--user', ADMIN.username], PASSWORD);
    // Both were made on the same day: one a day is kept.
    expect(pruned).toMatchObject({ code: 0, out: expect.stringMatching(/^Kept 1 backup\(s\) \(keep daily 7, weekly 4, monthly 12\)\.\nRemoved 1: doorway-backup-/) });
    expect(bundles(v.dest)).toHaveLength(1);
  });

  it('restore with the recovery code onto a new computer (an empty folder); the passwords of that time apply', async () => {
    const v = await vault();
    expect((await cli(['backup', 'create', '--data-dir', v.dir, '--to', v.dest, '--user', ADMIN.username], PASSWORD)).code).toBe(0);
    const bundle = join(v.dest, bundles(v.dest)[0]!);
    const fresh = join(folder('doorway-new-computer-'), 'data');
    const restored = await cli(['backup', 'restore', bundle, '--data-dir', fresh], v.recovery);
    expect(restored).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /^Restored the backup made .+ into .+data\.\nBoth records files are in place: the main records \(doorway\.db\) and the clinical records \(clinical\.db, under their own key\)\.\nSign in with the passwords that were in use on \d{4}-\d{2}-\d{2}; the recovery code of that time works too\./,
      ),
    });
    expect(readdirSync(fresh).sort()).toEqual(['clinical.db', 'doorway.db', 'keyslots.json']);
    const status = await cli(['status', '--data-dir', fresh, '--user', ADMIN.username], PASSWORD);
    expect(status).toMatchObject({ code: 0, out: expect.stringContaining('Clinic: Harbour Street Clinic') });
  });

  it("restore with an administrator's password onto a new computer opens the backup's own key slots; others are refused", async () => {
    const v = await vault();
    const colleague = { username: 'sam', password: 'tidal pools and quiet birds' };
    const added = await cli(['users', 'add', '--data-dir', v.dir, '--user', ADMIN.username, '--username', colleague.username, '--role', 'clinician'], {
      ...PASSWORD,
      DOORWAY_NEW_PASSWORD: colleague.password,
    });
    expect(added.code).toBe(0);
    expect((await cli(['backup', 'create', '--data-dir', v.dir, '--to', v.dest, '--user', ADMIN.username], PASSWORD)).code).toBe(0);
    const bundle = join(v.dest, bundles(v.dest)[0]!);
    const bundleBefore = hashDir(bundle);

    const refusedFolder = join(folder('doorway-new-computer-'), 'data');
    const notAdmin = await cli(['backup', 'restore', bundle, '--data-dir', refusedFolder, '--user', colleague.username], { DOORWAY_PASSWORD: colleague.password });
    expect(notAdmin).toMatchObject({ code: 1, out: '', err: expect.stringContaining('Restoring is for administrators, and sam is not an active administrator in this backup. Nothing was changed.') });
    const wrong = await cli(['backup', 'restore', bundle, '--data-dir', refusedFolder, '--user', ADMIN.username], { DOORWAY_PASSWORD: 'not the password at all' });
    expect(wrong).toMatchObject({ code: 1, out: '', err: expect.stringContaining("That username and password don't match.") });
    expect(readdirSync(join(refusedFolder, '..'))).toEqual([]);
    expect(hashDir(bundle)).toEqual(bundleBefore);

    const fresh = join(folder('doorway-new-computer-'), 'data');
    const restored = await cli(['backup', 'restore', bundle, '--data-dir', fresh, '--user', ADMIN.username], PASSWORD);
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/^Restored the backup made .+ into .+data\.\nBoth records files are in place/) });
    expect(readdirSync(fresh)).toEqual(expect.arrayContaining(['clinical.db', 'doorway.db', 'keyslots.json']));
    const status = await cli(['status', '--data-dir', fresh, '--user', ADMIN.username], PASSWORD);
    expect(status).toMatchObject({ code: 0, out: expect.stringContaining('Clinic: Harbour Street Clinic') });
  });

  it('create refuses the data folder and folders inside it, as the Backups screen does, and accepts a sibling named like it', async () => {
    const v = await vault();
    mkdirSync(join(v.dir, '..bk'));
    for (const to of [v.dir, join(v.dir, '..bk')]) {
      const r = await cli(['backup', 'create', '--data-dir', v.dir, '--to', to, '--user', ADMIN.username], PASSWORD);
      expect(r, to).toMatchObject({ code: 1, out: '', err: expect.stringContaining("Backups can't go inside Doorway's own data folder") });
    }
    const sibling = `${v.dir}..bk`;
    mkdirSync(sibling);
    expect((await cli(['backup', 'create', '--data-dir', v.dir, '--to', sibling, '--user', ADMIN.username], PASSWORD)).code).toBe(0);
    expect(bundles(sibling)).toHaveLength(1);
  });

  it('restore as an administrator over the same vault sets the old one aside', async () => {
    const v = await vault();
    expect((await cli(['backup', 'create', '--data-dir', v.dir, '--to', v.dest, '--user', ADMIN.username], PASSWORD)).code).toBe(0);
    const bundle = join(v.dest, bundles(v.dest)[0]!);
    const restored = await cli(['backup', 'restore', bundle, '--data-dir', v.dir, '--user', ADMIN.username], PASSWORD);
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/The vault that was there is kept in .+previous-\d{8}T\d{6}Z-[0-9a-f]{8}, so this can be undone\./) });
    expect(readdirSync(v.dir).some((n) => n.startsWith('previous-'))).toBe(true);
  });

  it('refuses clearly, with the right exit code, and changes nothing', async () => {
    const v = await vault();
    const before = hashDir(v.dir);
    expect(await cli(['backup', 'create', '--data-dir', v.dir], PASSWORD)).toMatchObject({ code: 2, err: expect.stringContaining('Missing --to DEST.') });
    expect(await cli(['backup', 'create', '--data-dir', v.dir, '--to', join(v.dest, 'unplugged'), '--user', ADMIN.username], {})).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^The backup folder .+unplugged isn't available right now\. If it is on a USB drive or a network folder, connect it and try again\./),
    });
    expect(await cli(['backup', 'create', '--data-dir', v.dir, '--to', v.dest, '--user', ADMIN.username], { DOORWAY_PASSWORD: 'not the password at all' })).toMatchObject({
      code: 1,
      err: expect.stringContaining("That username and password don't match."),
    });
    expect(await cli(['backup', 'verify'], v.recovery)).toMatchObject({ code: 2, err: expect.stringContaining('Missing BUNDLE (the backup folder to check).') });
    expect(await cli(['backup', 'list', 'extra', '--to', v.dest, '--data-dir', v.dir], v.recovery)).toMatchObject({ code: 2, err: expect.stringContaining('"extra" is not an option of "backup list"') });
    expect(await cli(['backup', 'drill', '--to', v.dest, '--data-dir', v.dir], v.recovery)).toMatchObject({ code: 1, err: expect.stringMatching(/^There's no checked backup in .+ yet/) });
    expect(await cli(['backup', 'list', '--to', join(v.dest, 'gone'), '--data-dir', v.dir], v.recovery)).toMatchObject({ code: 1, err: expect.stringContaining("isn't available right now") });

    // A damaged bundle, and a bundle of another vault.
    expect((await cli(['backup', 'create', '--data-dir', v.dir, '--to', v.dest], v.recovery)).code).toBe(0);
    const bundle = join(v.dest, bundles(v.dest)[0]!);
    const manifest = join(bundle, 'manifest.json');
    const original = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, original.replace(/"appVersion": "[^"]+"/, '"appVersion": "9.9.9"'));
    expect(await cli(['backup', 'verify', bundle], v.recovery)).toMatchObject({ code: 1, err: expect.stringMatching(/can't be trusted: its description \(manifest\.json\) doesn't match its seal/) });
    writeFileSync(manifest, original);
    const other = await vault();
    const otherBefore = hashDir(other.dir);
    expect(await cli(['backup', 'restore', bundle, '--data-dir', other.dir], v.recovery)).toMatchObject({ code: 1, err: expect.stringMatching(/was made from a different Doorway vault .+ Nothing was changed\./) });
    expect(hashDir(other.dir)).toEqual(otherBefore);
    expect(await cli(['backup', 'restore', bundle, '--data-dir', other.dir, '--user', ADMIN.username], PASSWORD)).toMatchObject({ code: 1, err: expect.stringContaining('was made from a different Doorway vault') });
    // Signing in was recorded in the audit trail; nothing else changed and nothing was set aside.
    expect(hashDir(other.dir)['keyslots.json']).toBe(otherBefore['keyslots.json']);
    // The audit anchor follows the sign-in's events (core/audit/anchor.ts).
    expect(readdirSync(other.dir).sort()).toEqual(['audit-anchor.json', 'clinical.db', 'doorway.db', 'keyslots.json']);
    expect(await cli(['backup', 'verify', bundle], other.recovery)).toMatchObject({ code: 1, err: expect.stringContaining("That recovery code doesn't open this vault.") });
    // The vault itself: only the audit trail recorded the attempts.
    expect(Object.keys(hashDir(v.dir)).sort()).toEqual(Object.keys(before).sort());
  });

  it('runs exactly as documented: npm run cli -- backup create --data-dir DIR --to DEST', async () => {
    const v = await vault();
    const { stdout } = await run('npm', ['run', '-s', 'cli', '--', 'backup', 'create', '--data-dir', v.dir, '--to', v.dest, '--user', ADMIN.username], {
      env: { ...process.env, ...PASSWORD, DOORWAY_DATA_DIR: '' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^Backup written and verified: /);
    const { stdout: checked } = await run('npm', ['run', '-s', 'cli', '--', 'backup', 'verify', join(v.dest, bundles(v.dest)[0]!)], {
      env: { ...process.env, DOORWAY_RECOVERY_CODE: v.recoveryCode, DOORWAY_DATA_DIR: '' },
      timeout: 60_000,
    });
    expect(checked).toMatch(/^The backup is complete and intact: /);
  });
});
