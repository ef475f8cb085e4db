import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDoorway } from '../../electron/core';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { ADMIN, dbContentHash, hashDir, removeDir, tempDir } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  'user commands on a data folder (--data-dir); on a hub they take --hub (pg-hub-cli.test.ts)';

const TEST_KDF = { N: 1024 };
const ADMIN_ENV = { DOORWAY_PASSWORD: ADMIN.password };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io, { kdfCost: TEST_KDF });
  return { code, out, err };
}

async function vault(): Promise<string> {
  const root = tempDir('doorway-cli-users-');
  dirs.push(root);
  const dir = join(root, 'data');
  const made = await cli(['init', '--data-dir', dir, '--clinic', 'Harbour Street Clinic', '--admin', ADMIN.username], ADMIN_ENV);
  expect(made.code).toBe(0);
  return dir;
}

/** Adds an account with a temporary password from DOORWAY_NEW_PASSWORD; returns that password. */
async function add(dir: string, username: string, role: string, displayName?: string) {
  const temporary = `first day for ${username} at the clinic`;
  const r = await cli(
    ['users', 'add', '--data-dir', dir, '--user', ADMIN.username, '--username', username, '--role', role, ...(displayName ? ['--display-name', displayName] : [])],
    { ...ADMIN_ENV, DOORWAY_NEW_PASSWORD: temporary },
  );
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  // The password was given, so it is never printed back.
  expect(r.out).not.toContain(temporary);
  expect(r.out).toMatch(/choose their own password/);
  return temporary;
}

/** Signs in through the core as the app does, and closes it again. */
async function signInAs(dir: string, username: string, password: string) {
  const { core } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
  try {
    return await core.signIn(username, password);
  } finally {
    core.close();
  }
}

/** Reads the vault as the administrator: the audit trail and the content of every table but it. */
async function inspect(dir: string) {
  const { core } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
  try {
    await core.signIn(ADMIN.username, ADMIN.password);
    const audit = core.db
      .prepare("SELECT action, actor_username, details FROM audit_events WHERE action LIKE 'user.%' ORDER BY id")
      .all() as { action: string; actor_username: string; details: string }[];
    return { audit, content: dbContentHash(core.db, { exceptAudit: true }) };
  } finally {
    core.close();
  }
}

describeOn('sqlite', SQLITE_ONLY, 'users commands', () => {
  it('add, list and disable staff as the Staff screen does, audited as the administrator', async () => {
    const dir = await vault();
    const samPassword = await add(dir, 'sam', 'clinician', 'Sam Rivera');
    const joPassword = await add(dir, 'jo', 'front_desk');

    const listed = await cli(['users', 'list', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV);
    expect(listed).toMatchObject({ code: 0, err: '' });
    const lines = listed.out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^USERNAME +NAME +ROLE +ACCOUNT +PASSWORD +LAST SIGN-IN$/);
    // Columns line up: every row starts its role column where the header does.
    const roleAt = lines[0]!.indexOf('ROLE');
    const row = (u: string) => lines.find((l) => l.startsWith(`${u} `))!;
    expect(row('sam')).toMatch(/^sam +Sam Rivera +clinician +on +must choose a new one +never$/);
    expect(row('jo')).toMatch(/^jo +jo +front_desk +on +must choose a new one +never$/);
    expect(row(ADMIN.username)).toMatch(new RegExp(`^${ADMIN.username} +${ADMIN.username} +administrator +on +their own +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$`));
    for (const u of ['sam', 'jo', ADMIN.username]) expect(row(u).indexOf(u === 'sam' ? 'clinician' : u === 'jo' ? 'front_desk' : 'administrator')).toBe(roleAt);

    // The new person signs in with the temporary password and must choose their own.
    const sam = await signInAs(dir, 'sam', samPassword);
    expect(sam).toMatchObject({ mustChangePassword: true, user: { username: 'sam', role: 'clinician' } });
    expect(await signInAs(dir, 'jo', joPassword)).toMatchObject({ mustChangePassword: true, user: { role: 'front_desk' } });

    const off = await cli(['users', 'disable', 'sam', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV);
    expect(off).toMatchObject({ code: 0, err: '' });
    expect(off.out).toMatch(/Sam Rivera \(sam\)'s account is turned off/);
    expect(off.out).toMatch(/change the vault key/);
    await expect(signInAs(dir, 'sam', samPassword)).rejects.toThrow(/username and password don't match|turned off/);

    const again = await cli(['users', 'list', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV);
    expect(again.out.trimEnd().split('\n').at(-1)).toMatch(/^sam +Sam Rivera +clinician +off +/);

    const { audit } = await inspect(dir);
    expect(audit.map((e) => [e.action, e.actor_username])).toEqual([
      ['user.create', ADMIN.username],
      ['user.create', ADMIN.username],
      ['user.disable', ADMIN.username],
    ]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ username: 'sam', role: 'clinician' });
    expect(JSON.parse(audit[2]!.details)).toMatchObject({ username: 'sam' });
    for (const e of audit) expect(e.details).not.toContain(samPassword);
  });

  it('accepts "administrator" for admin, and defaults the name to the username', async () => {
    const dir = await vault();
    const password = await add(dir, 'kim', 'administrator');
    expect(await signInAs(dir, 'kim', password)).toMatchObject({ user: { role: 'administrator', displayName: 'kim' } });
  });

  it('refuses a front-desk user, a taken username, an unknown account, a bad role and missing flags, changing nothing', async () => {
    const dir = await vault();
    const jo = await add(dir, 'jo', 'front_desk');
    const before = hashDir(dir);
    const contentBefore = (await inspect(dir)).content;
    const afterInspect = hashDir(dir);

    // Not an administrator: the router's own role check. Only the sign-in itself is recorded.
    const asJo = { DOORWAY_PASSWORD: jo, DOORWAY_NEW_PASSWORD: 'a first day password for max' };
    for (const argv of [
      ['users', 'add', '--username', 'max', '--role', 'clinician'],
      ['users', 'list'],
      ['users', 'disable', ADMIN.username],
    ]) {
      const r = await cli([...argv, '--data-dir', dir, '--user', 'jo'], asJo);
      expect(r).toMatchObject({ code: 1, out: '' });
      expect(r.err).toMatch(/^Only administrators manage staff accounts\. .+Nothing was changed\.\n$/);
    }
    expect(hashDir(dir)['keyslots.json']).toBe(before['keyslots.json']);
    expect(Object.keys(hashDir(dir)).sort()).toEqual(Object.keys(before).sort());

    const taken = await cli(['users', 'add', '--username', 'JO', '--role', 'clinician', '--data-dir', dir, '--user', ADMIN.username], { ...ADMIN_ENV, DOORWAY_NEW_PASSWORD: 'a first day password for jo' });
    expect(taken).toMatchObject({ code: 1, out: '', err: expect.stringContaining('There is already a staff account with the username "jo"') });

    const unknown = await cli(['users', 'disable', 'nobody', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV);
    expect(unknown).toMatchObject({ code: 1, out: '', err: expect.stringContaining('There is no staff account with the username "nobody". Nothing was changed.') });

    const self = await cli(['users', 'disable', ADMIN.username, '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV);
    expect(self).toMatchObject({ code: 1, out: '', err: expect.stringContaining('You cannot turn off your own account') });

    const wrongPassword = await cli(['users', 'list', '--data-dir', dir, '--user', ADMIN.username], { DOORWAY_PASSWORD: 'not the password at all' });
    expect(wrongPassword).toMatchObject({ code: 1, out: '', err: expect.stringContaining("That username and password don't match.") });

    // Called wrongly: exit 2 with the usage, before any password is asked for or the vault is opened.
    const quiet = hashDir(dir);
    const badRole = await cli(['users', 'add', '--username', 'max', '--role', 'doctor', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV);
    expect(badRole).toMatchObject({ code: 2, out: '', err: expect.stringContaining('"doctor" is not a role. Use front_desk, clinician or admin.') });
    expect(badRole.err).toContain('Usage: npm run cli -- users add');
    const badName = await cli(['users', 'add', '--username', 'max smith', '--role', 'clinician', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV);
    expect(badName).toMatchObject({ code: 2, err: expect.stringContaining('Usernames use letters, digits, dots, dashes or underscores.') });
    expect(await cli(['users', 'add', '--role', 'clinician', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Missing --username USERNAME.'),
    });
    expect(await cli(['users', 'disable', '--data-dir', dir, '--user', ADMIN.username], ADMIN_ENV)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Missing USERNAME (the username of the account to turn off).'),
    });
    expect(await cli(['users', 'list', '--data-dir', dir], ADMIN_ENV)).toMatchObject({ code: 2, err: expect.stringContaining('Missing --user ADMIN.') });
    expect(await cli(['users', 'list', '--data-dir', dir, '--user', ADMIN.username], {})).toMatchObject({ code: 2, err: expect.stringContaining('No password was given. Set DOORWAY_PASSWORD') });
    expect(hashDir(dir)).toEqual(quiet);

    // Every refusal left the accounts, the key slots and every record (but the sign-in events) as they were.
    const after = await inspect(dir);
    expect(after.content).toBe(contentBefore);
    expect(after.audit.map((e) => e.action)).toEqual(['user.create']);
    expect(hashDir(dir)['keyslots.json']).toBe(afterInspect['keyslots.json']);
  });

  it('help lists the commands and explains each one', async () => {
    const help = await cli(['help']);
    expect(help.out).toMatch(/^ {2}users add {5}/m);
    expect(help.out).toMatch(/^ {2}users list /m);
    expect(help.out).toMatch(/^ {2}users disable /m);
    const addHelp = await cli(['users', 'add', '--help']);
    expect(addHelp).toMatchObject({ code: 0, out: expect.stringContaining('Usage: npm run cli -- users add --username USERNAME --role ROLE [--display-name NAME] [--data-dir DIR] [--hub URL] --user ADMIN') });
    expect(addHelp.out).toMatch(/DOORWAY_NEW_PASSWORD/);
  });
});
