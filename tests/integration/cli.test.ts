import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { unwrap } from '../support/staff';
import { THROTTLE_FILE } from '../../electron/core/session/sign-in';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { SIGN_IN_FAILED } from '../../electron/core/errors';
import { messageText } from '../../shared/messages';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { formatRecoveryCode, RECOVERY_CODE_BYTES } from '../../shared/recovery-code';
import { describeOn } from '../support/engine';

/** The command line prints the app's English words. */
const SIGN_IN_FAILED_WORDS = messageText(SIGN_IN_FAILED);

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  'the command line on a data folder (--data-dir); on a hub it takes --hub (pg-hub-cli.test.ts)';

const run = promisify(execFile);

/** Vaults made in-process use a cheap key derivation; the subprocess test below uses the real one. */
const TEST_KDF = { N: 1024 };
const PASSWORD = 'a quiet morning by the harbor';
const RECOVERY_LINE = /^Recovery code: ((?:[0-9A-Z]{5}-){7}[0-9A-Z]{5})$/m;

const roots: string[] = [];
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'doorway-cli-'));
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

interface Captured {
  code: number;
  out: string;
  err: string;
}

/** Runs the command line in-process with collected output; `typed` answers hidden prompts in order. */
async function cli(argv: string[], env: Record<string, string> = {}, typed?: string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const answers = typed ? [...typed] : null;
  const io: CliIo = {
    env,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    promptSecret: answers ? async () => answers.shift() ?? '' : undefined,
  };
  const code = await runCli(argv, io, { kdfCost: TEST_KDF });
  return { code, out, err };
}

/** SHA-256 of every file under a folder (null when the folder does not exist), to prove nothing changed. */
function snapshot(dir: string): Record<string, string> | null {
  if (!existsSync(dir)) return null;
  const hashes: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      // The sign-in counters count refused attempts by design (session/throttle.ts); see hashDir.
      if (entry.name === THROTTLE_FILE) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else hashes[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return hashes;
}

async function makeVault(dir: string, admin = 'ada'): Promise<{ recoveryCode: string; out: string }> {
  const r = await cli(['init', '--data-dir', dir, '--clinic', 'Harbor Street Clinic', '--admin', admin], { DOORWAY_PASSWORD: PASSWORD });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const recoveryCode = RECOVERY_LINE.exec(r.out)?.[1];
  expect(recoveryCode).toBeDefined();
  return { recoveryCode: recoveryCode!, out: r.out };
}

/** Expects a refusal: the exit code, a message on stderr, nothing on stdout, and the folder exactly as before. */
async function expectRefused(dir: string, argv: string[], env: Record<string, string>, exit: number, message: RegExp | string, typed?: string[]) {
  const before = snapshot(dir);
  const r = await cli(argv, env, typed);
  expect(r.code).toBe(exit);
  if (typeof message === 'string') expect(r.err).toContain(message);
  else expect(r.err).toMatch(message);
  expect(r.out).toBe('');
  expect(snapshot(dir)).toEqual(before);
  return r;
}

describeOn('sqlite', SQLITE_ONLY, 'cli init', () => {
  it('creates a vault and shows the recovery code once, with how to keep it', async () => {
    const dir = join(tempRoot(), 'data');
    const { out } = await makeVault(dir);
    expect(out).toContain('Doorway is set up for Harbor Street Clinic.');
    expect(out).toContain(`Data folder: ${resolve(dir)}`);
    expect(out).toContain('Administrator: ada');
    expect(out).toMatch(/shown only this once/);
    expect(out).toMatch(/print it or write it down/);
    expect(out.match(/Recovery code: /g)).toHaveLength(1);
    // With the audit trail's anchor (core/audit/anchor.ts), written when the command closed the vault.
    expect(readdirSync(dir).sort()).toEqual(['audit-anchor.json', 'clinical.db', 'doorway.db', 'keyslots.json']);
    expect(readFileSync(join(dir, 'doorway.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('takes the password from a hidden prompt, asked twice, when there is a terminal', async () => {
    const dir = join(tempRoot(), 'data');
    const r = await cli(['init', '--data-dir', dir, '--clinic', 'Pier Clinic', '--admin', 'sam', '--people-word', 'client'], {}, [PASSWORD, PASSWORD]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(RECOVERY_LINE);
    const status = await cli(['status', '--data-dir', dir, '--user', 'sam'], {}, [PASSWORD]);
    expect(status.code).toBe(0);
    expect(status.out).toContain('Clinic: Pier Clinic');
  });

  it('creates nothing when a flag is missing', async () => {
    const dir = join(tempRoot(), 'data');
    const r = await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Harbor'], { DOORWAY_PASSWORD: PASSWORD }, 2, 'Missing --admin USERNAME');
    expect(r.err).toContain('Usage: npm run cli -- init');
    expect(existsSync(dir)).toBe(false);
  });

  it('checks every value with the first-run rules and names each problem, creating nothing', async () => {
    const dir = join(tempRoot(), 'data');
    const r = await expectRefused(
      dir,
      ['init', '--data-dir', dir, '--clinic', 'x'.repeat(121), '--admin', 'a b!', '--people-word', 'patients'],
      { DOORWAY_PASSWORD: PASSWORD },
      2,
      '--admin: Usernames use letters, digits, dots, dashes or underscores.',
    );
    expect(r.err).toContain('--clinic: Clinic names have at most 120 characters.');
    expect(r.err).toContain('--people-word:');
    expect(existsSync(dir)).toBe(false);
  });

  it("takes the clinic's time zone and the administrator's display name, and refuses a time zone it does not know", async () => {
    const dir = join(tempRoot(), 'data');
    await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Pier Clinic', '--admin', 'sam', '--time-zone', 'Mars/Olympus'], { DOORWAY_PASSWORD: PASSWORD }, 2, '--time-zone: "Mars/Olympus" is not a time zone this computer knows.');
    expect(existsSync(dir)).toBe(false);
    const r = await cli(['init', '--data-dir', dir, '--clinic', 'Pier Clinic', '--admin', 'sam', '--display-name', 'Sam Okafor', '--time-zone', 'America/Chicago'], { DOORWAY_PASSWORD: PASSWORD });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Time zone: America/Chicago');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    const session = unwrap(await invoke(router, 'session.signIn', { username: 'sam', password: PASSWORD }));
    expect(session.settings.timeZone).toBe('America/Chicago');
    expect(session.user.displayName).toBe('Sam Okafor');
    core.close();
  });

  it('refuses a short password and creates nothing', async () => {
    const dir = join(tempRoot(), 'data');
    await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Harbor', '--admin', 'ada'], { DOORWAY_PASSWORD: 'short' }, 2, 'Passwords have at least 10 characters.');
    expect(existsSync(dir)).toBe(false);
  });

  it('says where the password comes from when there is neither the variable nor a terminal', async () => {
    const dir = join(tempRoot(), 'data');
    await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Harbor', '--admin', 'ada'], {}, 2, /Set DOORWAY_PASSWORD, or run this command in a terminal/);
    expect(existsSync(dir)).toBe(false);
  });

  it('creates nothing when the two typed passwords differ', async () => {
    const dir = join(tempRoot(), 'data');
    await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Harbor', '--admin', 'ada'], {}, 1, 'The two passwords are not the same.', [
      PASSWORD,
      `${PASSWORD}!`,
    ]);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a folder that already holds a vault, or a records file without its key file, and changes nothing', async () => {
    const dir = join(tempRoot(), 'data');
    await makeVault(dir);
    await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Other', '--admin', 'bo'], { DOORWAY_PASSWORD: PASSWORD }, 1, 'already holds a Doorway vault. Nothing was changed.');

    const stray = join(tempRoot(), 'data');
    mkdirSync(stray);
    writeFileSync(join(stray, 'doorway.db'), randomBytes(4096));
    await expectRefused(stray, ['init', '--data-dir', stray, '--clinic', 'Other', '--admin', 'bo'], { DOORWAY_PASSWORD: PASSWORD }, 1, 'already has a records file (doorway.db)');
  });

  it('refuses a data folder path that is a file', async () => {
    const root = tempRoot();
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'not a folder');
    await expectRefused(root, ['init', '--data-dir', file, '--clinic', 'Harbor', '--admin', 'ada'], { DOORWAY_PASSWORD: PASSWORD }, 1, 'is a file, not a folder');
  });

  it('names an unknown option and a stray value', async () => {
    const dir = join(tempRoot(), 'data');
    await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Harbor', '--admin', 'ada', '--colour', 'blue'], { DOORWAY_PASSWORD: PASSWORD }, 2, '"init" has no option --colour.');
    await expectRefused(dir, ['init', '--data-dir', dir, '--clinic', 'Harbor', 'Street', '--admin', 'ada'], { DOORWAY_PASSWORD: PASSWORD }, 2, /"Street" is not an option of "init".*quotes/);
    await expectRefused(dir, ['init', '--data-dir', dir, '--admin', 'ada', '--clinic'], { DOORWAY_PASSWORD: PASSWORD }, 2, '--clinic needs a value after it.');
    expect(existsSync(dir)).toBe(false);
  });
});

describeOn('sqlite', SQLITE_ONLY, 'cli status and export-key', () => {
  let dir: string;
  let recoveryCode: string;
  beforeAll(async () => {
    dir = join(tempRoot(), 'data');
    ({ recoveryCode } = await makeVault(dir));
  });

  it('status prints the data folder, schema version and number of staff users', async () => {
    const r = await cli(['status', '--data-dir', dir, '--user', 'ada'], { DOORWAY_PASSWORD: PASSWORD });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(
      expect.arrayContaining([`Data folder: ${resolve(dir)}`, `Schema version: ${LATEST_SCHEMA_VERSION}`, 'Staff users: 1']),
    );
  });

  it('status takes the data folder from DOORWAY_DATA_DIR', async () => {
    const r = await cli(['status', '--user', 'ADA'], { DOORWAY_PASSWORD: PASSWORD, DOORWAY_DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Staff users: 1');
  });

  it('gives the same message for a wrong password and an unknown user, and changes nothing', async () => {
    const wrong = await expectRefused(dir, ['status', '--data-dir', dir, '--user', 'ada'], { DOORWAY_PASSWORD: 'not the password at all' }, 1, SIGN_IN_FAILED_WORDS);
    const unknown = await expectRefused(dir, ['status', '--data-dir', dir, '--user', 'nobody'], { DOORWAY_PASSWORD: PASSWORD }, 1, SIGN_IN_FAILED_WORDS);
    expect(unknown.err).toBe(wrong.err);
  });

  it('status needs --user and a password source', async () => {
    await expectRefused(dir, ['status', '--data-dir', dir], { DOORWAY_PASSWORD: PASSWORD }, 2, 'Missing --user USERNAME.');
    await expectRefused(dir, ['status', '--data-dir', dir, '--user', 'ada'], {}, 2, 'No password was given. Set DOORWAY_PASSWORD');
  });

  it('export-key prints the raw key, the opening PRAGMAs and a warning', async () => {
    const r = await cli(['export-key', '--data-dir', dir], { DOORWAY_RECOVERY_CODE: recoveryCode.toLowerCase().replaceAll('-', ' ') });
    expect(r.code).toBe(0);
    const hex = /^key: ([0-9a-f]{64})$/m.exec(r.out)?.[1];
    expect(hex).toBeDefined();
    expect(r.out).toContain(`  PRAGMA key = "x'${hex}'";`);
    expect(r.out).toContain("  PRAGMA cipher = 'sqlcipher';\n  PRAGMA legacy = 4;\n");
    expect(r.err).toMatch(/Keep this key private: it opens every record in this vault/);
  });

  it('export-key refuses a mistyped or a wrong recovery code, and changes nothing', async () => {
    const groups = recoveryCode.split('-');
    const mistyped = [...groups.slice(0, 2), groups[2]!.slice(0, 4) + (groups[2]!.endsWith('Z') ? 'Y' : 'Z'), ...groups.slice(3)].join('-');
    await expectRefused(dir, ['export-key', '--data-dir', dir], { DOORWAY_RECOVERY_CODE: mistyped }, 1, 'Please check group 3 against your recovery kit.');
    await expectRefused(dir, ['export-key', '--data-dir', dir], { DOORWAY_RECOVERY_CODE: 'ABCDE' }, 1, 'A recovery code has 8 groups');
    const otherVaultsCode = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
    await expectRefused(dir, ['export-key', '--data-dir', dir], { DOORWAY_RECOVERY_CODE: otherVaultsCode }, 1, "That recovery code doesn't open this vault.");
    await expectRefused(dir, ['export-key', '--data-dir', dir], {}, 2, 'No recovery code was given. Set DOORWAY_RECOVERY_CODE');
  });
});

describeOn('sqlite', SQLITE_ONLY, 'cli demo', () => {
  it('adds the demo clinic and says so in the audit trail, attributed to the administrator', async () => {
    const dir = join(tempRoot(), 'demo');
    await makeVault(dir);
    const r = await cli(['demo', '--data-dir', dir, '--user', 'ada', '--size', 'small', '--seed', '5'], { DOORWAY_PASSWORD: PASSWORD });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Added 200 people and 5,000 contacts');
    const { core } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await core.signIn('ada', PASSWORD);
    const event = core.db.prepare("SELECT actor_username, details FROM audit_events WHERE action = 'demo.create'").get() as { actor_username: string; details: string };
    core.close();
    expect(event.actor_username).toBe('ada');
    expect(JSON.parse(event.details)).toMatchObject({ size: 'small', seed: 5, people: 200, contacts: 5000, from: 'commandLine' });
  });
});

describeOn('sqlite', SQLITE_ONLY, 'cli refusals when the data folder is not a working vault', () => {
  it('says so when there is no vault, and creates no folder', async () => {
    const empty = tempRoot();
    await expectRefused(empty, ['status', '--data-dir', empty, '--user', 'ada'], { DOORWAY_PASSWORD: PASSWORD }, 1, `There is no Doorway vault in ${empty}.`);
    const missing = join(tempRoot(), 'nowhere');
    await expectRefused(missing, ['export-key', '--data-dir', missing], { DOORWAY_RECOVERY_CODE: 'x' }, 1, `There is no folder at ${missing}.`);
    expect(existsSync(missing)).toBe(false);
  });

  it('reports a damaged key file before asking for a secret, and changes nothing', async () => {
    const dir = join(tempRoot(), 'data');
    const { recoveryCode } = await makeVault(dir);
    const keyslots = join(dir, 'keyslots.json');
    truncateSync(keyslots, Math.floor(statSync(keyslots).size / 2));
    await expectRefused(dir, ['status', '--data-dir', dir, '--user', 'ada'], {}, 1, 'The key file (keyslots.json) in the data folder is damaged');
    await expectRefused(dir, ['export-key', '--data-dir', dir], { DOORWAY_RECOVERY_CODE: recoveryCode }, 1, 'is damaged');
  });

  it('reports a missing records file and a missing key file, and changes nothing', async () => {
    const noDb = join(tempRoot(), 'data');
    const { recoveryCode } = await makeVault(noDb);
    rmSync(join(noDb, 'doorway.db'));
    await expectRefused(noDb, ['status', '--data-dir', noDb, '--user', 'ada'], { DOORWAY_PASSWORD: PASSWORD }, 1, 'The records file (doorway.db) is missing');
    await expectRefused(noDb, ['export-key', '--data-dir', noDb], { DOORWAY_RECOVERY_CODE: recoveryCode }, 1, 'The records file (doorway.db) is missing');

    const noKeys = join(tempRoot(), 'data');
    await makeVault(noKeys);
    rmSync(join(noKeys, 'keyslots.json'));
    await expectRefused(noKeys, ['status', '--data-dir', noKeys, '--user', 'ada'], { DOORWAY_PASSWORD: PASSWORD }, 1, 'but no key file (keyslots.json)');
  });
});

describeOn('sqlite', SQLITE_ONLY, 'cli help', () => {
  it('lists the commands for help, and exits 2 with the list for no or an unknown command', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    for (const name of ['init', 'status', 'export-key']) expect(help.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));

    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: npm run cli -- <command> [options]');

    const unknown = await cli(['unlock']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('There is no command "unlock".');
    expect(unknown.out).toBe('');
  });

  it('shows one command in full with help <command> or --help', async () => {
    const viaHelp = await cli(['help', 'export-key']);
    const viaFlag = await cli(['export-key', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.code).toBe(0);
    expect(viaHelp.out).toBe(viaFlag.out);
    expect(viaHelp.out).toContain('Usage: npm run cli -- export-key [--data-dir DIR] [--hub URL] [--user USERNAME]');
    expect(viaHelp.out).toContain('DOORWAY_RECOVERY_CODE');
  });
});

describeOn('sqlite', SQLITE_ONLY, 'cli as a process', () => {
  const tsx = resolve('node_modules/.bin/tsx');
  const main = resolve('electron/cli/main.ts');
  const spawnCli = async (args: string[], env: Record<string, string>) => {
    // No terminal (stdin is a pipe): secrets must come from the environment, as in a scheduled task.
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
    try {
      const { stdout, stderr } = await run(tsx, [main, ...args], { env: { ...base, ...env }, timeout: 30_000 });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const failed = e as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout, err: failed.stderr };
    }
  };

  it('runs init, status and a refused status with real key derivation and exit codes', async () => {
    const dir = join(tempRoot(), 'data');
    const init = await spawnCli(['init', '--data-dir', dir, '--clinic', 'Harbor Street Clinic', '--admin', 'ada'], { DOORWAY_PASSWORD: PASSWORD });
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    expect(init.out).toMatch(RECOVERY_LINE);
    const slots = JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as { slots: { kdf: { N: number } }[] };
    expect(slots.slots.every((s) => s.kdf.N === 2 ** 17)).toBe(true);

    const status = await spawnCli(['status', '--data-dir', dir, '--user', 'ada'], { DOORWAY_PASSWORD: PASSWORD });
    expect(status.code).toBe(0);
    expect(status.out).toContain('Staff users: 1');

    const before = snapshot(dir);
    const wrong = await spawnCli(['status', '--data-dir', dir, '--user', 'ada'], { DOORWAY_PASSWORD: 'not the password at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.err.trim()).toBe(SIGN_IN_FAILED_WORDS);
    expect(snapshot(dir)).toEqual(before);

    const usage = await spawnCli(['status', '--data-dir', dir], {});
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Missing --user USERNAME.');
  });
});
