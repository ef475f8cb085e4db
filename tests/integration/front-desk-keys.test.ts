import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { createDoorway, invoke } from '../../electron/core';
import { SIGN_IN_FAILED } from '../../electron/core/errors';
import { messageText } from '../../shared/messages';
import { addStaff, signIn, signInAdmin, unwrap, type TestStaff } from '../support/staff';
import { removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { describeOn } from '../support/engine';

/** The command line prints the app's English words. */
const SIGN_IN_FAILED_WORDS = messageText(SIGN_IN_FAILED);

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "tries a front-desk password's keys on every file of one computer's data folder; on a hub PostgreSQL's grants refuse (pg-roles.test.ts)";

/**
 * DESIGN.md, Vault: "a front-desk password never decrypts clinical content, router or not". A front-desk
 * colleague takes the keys their own password reaches, as `export-key --user` prints them, and tries
 * them on every file in the data folder, outside the app: no clinical content anywhere. The recovery
 * code's clinical key does open clinical.db and finds it, so the search is shown to work.
 */

const NOTE = 'FD-KEYS-NOTE-MARK-51d3';
const OLD_NOTE = 'FD-KEYS-OLD-NOTE-MARK-0a8e';
const USE = 'FD-KEYS-SUBSTANCE-MARK-9f27';
const OLD_USE = 'FD-KEYS-OLD-SUBSTANCE-MARK-44c6';
const MARKERS = [NOTE, OLD_NOTE, USE, OLD_USE];

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

async function cli(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io, { kdfCost: TEST_KDF });
  return { code, out, err };
}

/** Every file under the data folder, with its path relative to it. */
function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full, join(rel, name));
      else out.push(join(rel, name));
    }
  };
  walk(dir, '');
  return out;
}

/** The markers found in a file's bytes, read as UTF-8 and as UTF-16LE. */
function markersInBytes(bytes: Buffer): string[] {
  const texts = [bytes.toString('utf8'), bytes.toString('utf16le'), bytes.subarray(1).toString('utf16le')];
  return MARKERS.filter((m) => texts.some((t) => t.includes(m)));
}

/** Opens a database file outside the app with a raw key (SQLCipher 4), or null when the key does not open it. */
function openWithKey(path: string, hex: string): Database.Database | null {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${hex}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch {
    db.close();
    return null;
  }
}

/** Every value of every table the connection can read, as text. */
function everything(db: Database.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  let text = '';
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().iterate()) text += `${JSON.stringify(row)}\n`;
  }
  return text;
}

describeOn('sqlite', SQLITE_ONLY, 'a front-desk password never decrypts clinical content, outside the app either', () => {
  let dir: string;
  let recoveryCode: string;
  let lee: TestStaff;
  let sam: TestStaff;

  beforeAll(async () => {
    dir = tempDir('doorway-front-desk-keys-');
    dirs.push(dir);
    const setUp = await setUpVault(dir);
    recoveryCode = setUp.recoveryCode;
    const { core, router } = setUp;
    sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    // Made by the administrator, signed into with the temporary password, which they then change.
    lee = await addStaff(router, 'front_desk', 'lee', 'Lee Chan');

    // Clinical content written through the app, each with an earlier version in its history.
    await signIn(router, 'sam', sam.password);
    const person = unwrap(await invoke(router, 'people.create', { clientCode: 'FD-001' }));
    const contact = unwrap(await invoke(router, 'contacts.record', { personId: person.id, setting: 'drop_in', whatMattered: 'A warm drink', note: OLD_NOTE }));
    unwrap(await invoke(router, 'contacts.update', { id: contact.id, changes: { note: NOTE } }));
    const use = (substance: string) => ({ prefersNotToSay: false, substances: [{ substance, route: null, frequency: null }], note: '' });
    const entry = unwrap(await invoke(router, 'entries.add', { personId: person.id, kind: 'substance_use', occurredOn: '2026-02-01', data: use(OLD_USE) }));
    unwrap(await invoke(router, 'entries.update', { id: entry.id, data: use(USE) }));
    core.close();

    // The front-desk colleague works as usual: the person's record opens, without the clinical parts.
    await signIn(router, 'lee', lee.password);
    expect(core.vault.clinicalKey).toBeNull();
    const seen = JSON.stringify(unwrap(await invoke(router, 'contacts.list', { personId: person.id })));
    for (const m of MARKERS) expect(seen).not.toContain(m);
    core.close();
  });

  it('export-key --user prints only the main key for a front-desk account, and none of it opens clinical content anywhere in the folder', async () => {
    const exported = await cli(['export-key', '--data-dir', dir, '--user', 'lee'], { DOORWAY_PASSWORD: lee.password });
    expect(exported.err).not.toContain('Error');
    expect(exported.code).toBe(0);
    const keys = [...exported.out.matchAll(/^([a-z-]+): ([0-9a-f]{64})$/gm)].map((m) => ({ name: m[1]!, hex: m[2]! }));
    expect(keys.map((k) => k.name)).toEqual(['key']);
    expect(exported.out).toContain('this account does not hold');

    const files = allFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['doorway.db', 'clinical.db', 'keyslots.json']));
    const opened: string[] = [];
    for (const file of files) {
      const path = join(dir, file);
      expect({ file, markers: markersInBytes(readFileSync(path)) }).toEqual({ file, markers: [] });
      if (!/\.db($|[.-])/.test(file)) continue;
      for (const { hex } of keys) {
        const db = openWithKey(path, hex);
        if (!db) continue;
        opened.push(file);
        try {
          const text = everything(db);
          expect({ file, markers: MARKERS.filter((m) => text.includes(m)) }).toEqual({ file, markers: [] });
        } finally {
          db.close();
        }
      }
    }
    // The key does open the main records (so the search above read them), and never clinical.db.
    expect(opened).toContain('doorway.db');
    expect(opened).not.toContain('clinical.db');

    // The export is on the record, under the colleague's name and with the one key it showed.
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const row = core.db.prepare("SELECT actor_username, details FROM audit_events WHERE action = 'vault.exportKey' ORDER BY id DESC LIMIT 1").get() as {
      actor_username: string;
      details: string;
    };
    expect(row.actor_username).toBe('lee');
    expect(JSON.parse(row.details)).toEqual({ with: 'password', from: 'commandLine', keys: ['main'] });
    core.close();
  });

  it("the recovery code's clinical-key does open clinical.db, and the markers are there (the search can find them)", async () => {
    const exported = await cli(['export-key', '--data-dir', dir], { DOORWAY_RECOVERY_CODE: recoveryCode });
    expect(exported.code).toBe(0);
    const clinicalHex = /^clinical-key: ([0-9a-f]{64})$/m.exec(exported.out)![1]!;
    const db = openWithKey(join(dir, 'clinical.db'), clinicalHex);
    expect(db).not.toBeNull();
    try {
      const text = everything(db!);
      for (const m of MARKERS) expect(text).toContain(m);
    } finally {
      db!.close();
    }
  });

  it("a clinician's password shows both keys", async () => {
    const exported = await cli(['export-key', '--data-dir', dir, '--user', 'sam'], { DOORWAY_PASSWORD: sam.password });
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/^key: [0-9a-f]{64}$/m);
    expect(exported.out).toMatch(/^clinical-key: [0-9a-f]{64}$/m);
  });

  it('refuses a wrong password, an unknown user (the same message) and a temporary password, and shows no key', async () => {
    const wrong = await cli(['export-key', '--data-dir', dir, '--user', 'lee'], { DOORWAY_PASSWORD: 'not the password at all' });
    const unknown = await cli(['export-key', '--data-dir', dir, '--user', 'nobody'], { DOORWAY_PASSWORD: lee.password });
    for (const r of [wrong, unknown]) {
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain(SIGN_IN_FAILED_WORDS);
    }
    const missing = await cli(['export-key', '--data-dir', dir, '--user', 'lee'], {});
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('No password was given. Set DOORWAY_PASSWORD');

    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const made = unwrap(await invoke(router, 'users.create', { username: 'ana', displayName: 'Ana Silva', role: 'front_desk' }));
    core.close();
    const temporary = await cli(['export-key', '--data-dir', dir, '--user', 'ana'], { DOORWAY_PASSWORD: made.temporaryPassword });
    expect(temporary.code).toBe(1);
    expect(temporary.out).toBe('');
    expect(temporary.err).toContain('temporary password');
  });
});
