import { execFileSync } from 'node:child_process';
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openingPragmas } from '../../electron/cli/commands/export-key';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { createDoorway, invoke } from '../../electron/core';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "opens one computer's files with exported keys and standard tools (no lock-in); a hub is plain PostgreSQL";

/**
 * "No lock-in" (DESIGN.md, Vault): with the recovery code an administrator exports the raw keys and
 * opens both records files without Doorway: doorway.db with `key`, clinical.db with `clinical-key`.
 * Proven three ways: the driver given only the printed PRAGMAs, a decryption written from SQLCipher 4's
 * published page format with nothing but node:crypto, and the real sqlcipher shell where a SQLCipher 4
 * build is installed.
 */

const PASSWORD = 'a quiet morning by the harbor';
/** A contact note written through the app: it lives in clinical.db only. */
const NOTE = 'NO-LOCK-IN-NOTE-7c41';
const MAIN_PRAGMAS = 'With SQLite3 Multiple Ciphers';
const CLINICAL_PRAGMAS = 'For clinical.db with SQLite3 Multiple Ciphers';
const MAIN_KEY_LINE = 'To open doorway.db with standard SQLCipher 4 tools';
const CLINICAL_KEY_LINE = 'To open clinical.db with standard SQLCipher 4 tools';

async function cli(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io, { kdfCost: { N: 1024 } });
  return { code, out, err };
}

/** The indented PRAGMA lines printed after a heading of export-key's output. */
function pragmasAfter(output: string, heading: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  expect(start).toBeGreaterThanOrEqual(0);
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith('  PRAGMA ')) break;
    block.push(l.trim());
  }
  expect(block.length).toBeGreaterThan(0);
  return block;
}

// SQLCipher 4 defaults: 4096-byte pages; each page ends with 80 reserved bytes (a 16-byte IV, then a
// 64-byte HMAC-SHA512 over the ciphertext, the IV and the little-endian page number); page 1 starts with
// the 16-byte salt in place of "SQLite format 3\0". A raw key is the AES-256-CBC key itself; the HMAC key
// is PBKDF2-HMAC-SHA512 of it with 2 iterations over the salt XOR 0x3a.
const PAGE = 4096;
const RESERVE = 80;
const IV = 16;
const SALT = 16;

/** Decrypts a whole SQLCipher 4 file into a plain SQLite file, checking every page's HMAC. */
function decryptSqlcipher4(file: Buffer, key: Buffer): Buffer {
  expect(file.length % PAGE).toBe(0);
  const salt = file.subarray(0, SALT);
  const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const plain = Buffer.alloc(file.length);
  for (let pgno = 1; pgno * PAGE <= file.length; pgno++) {
    const page = file.subarray((pgno - 1) * PAGE, pgno * PAGE);
    const start = pgno === 1 ? SALT : 0;
    const ciphertext = page.subarray(start, PAGE - RESERVE);
    const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + IV);
    const mac = page.subarray(PAGE - RESERVE + IV);
    const pageNumber = Buffer.alloc(4);
    pageNumber.writeUInt32LE(pgno);
    const expected = createHmac('sha512', hmacKey).update(ciphertext).update(iv).update(pageNumber).digest();
    if (!timingSafeEqual(expected, mac)) throw new Error(`page ${pgno} fails its HMAC`);
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const target = plain.subarray((pgno - 1) * PAGE, pgno * PAGE);
    if (pgno === 1) target.write('SQLite format 3\0', 'latin1');
    Buffer.concat([decipher.update(ciphertext), decipher.final()]).copy(target, start);
    // The reserved bytes stay zero: plain SQLite reads the reserve size from the header and skips them.
  }
  return plain;
}

/** The cipher version of the sqlcipher shell on this machine, or why it cannot be used. */
function sqlcipherShell(): { ok: true; path: string } | { ok: false; reason: string } {
  const path = ['/usr/bin/sqlcipher', '/usr/local/bin/sqlcipher'].find((p) => existsSync(p));
  if (!path) return { ok: false, reason: 'no sqlcipher shell installed (Debian/Ubuntu package: sqlcipher, version 4 or later)' };
  const version = execFileSync(path, [':memory:'], { input: 'PRAGMA cipher_version;\n', encoding: 'utf8' }).trim();
  const major = Number.parseInt(version, 10);
  if (!(major >= 4)) {
    return { ok: false, reason: `the installed sqlcipher is ${version || 'of unknown version'}, which reads only SQLCipher 3 files; SQLCipher 4 is needed (Debian 13 and later ship it)` };
  }
  return { ok: true, path };
}

describeOn('sqlite', SQLITE_ONLY, 'no lock-in: the exported key opens the records with standard tools', () => {
  let root: string;
  let dir: string;
  let output: string;
  let hexKey: string;
  let clinicalHex: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'doorway-nolockin-'));
    dir = join(root, 'data');
    const init = await cli(['init', '--data-dir', dir, '--clinic', 'Harbor Street Clinic', '--admin', 'ada'], { DOORWAY_PASSWORD: PASSWORD });
    expect(init.code).toBe(0);
    const recoveryCode = /^Recovery code: (\S+)$/m.exec(init.out)![1]!;
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: { N: 1024 } });
    await core.signIn('ada', PASSWORD);
    const person = await invoke(router, 'people.create', { clientCode: 'NL-001' });
    if (!person.ok) throw new Error(person.error.message);
    expect((await invoke(router, 'contacts.record', { personId: person.value.id, setting: 'drop_in', note: NOTE })).ok).toBe(true);
    core.close();
    const exported = await cli(['export-key', '--data-dir', dir], { DOORWAY_RECOVERY_CODE: recoveryCode });
    expect(exported.code).toBe(0);
    output = exported.out;
    hexKey = /^key: ([0-9a-f]{64})$/m.exec(output)![1]!;
    clinicalHex = /^clinical-key: ([0-9a-f]{64})$/m.exec(output)![1]!;
    expect(clinicalHex).not.toBe(hexKey);
    // Everything is checkpointed into each file when the command closes it, so the files alone are complete.
    expect(existsSync(join(dir, 'doorway.db-wal'))).toBe(false);
    expect(existsSync(join(dir, 'clinical.db-wal'))).toBe(false);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('better-sqlite3-multiple-ciphers opens a copy with only the printed PRAGMAs', () => {
    const copy = join(root, 'copy-driver.db');
    copyFileSync(join(dir, 'doorway.db'), copy);
    const db = new Database(copy, { fileMustExist: true });
    try {
      for (const statement of pragmasAfter(output, MAIN_PRAGMAS)) db.exec(statement);
      expect(db.prepare('SELECT username FROM staff_users').pluck().all()).toEqual(['ada']);
      // The export itself is on the record, with the keys it showed.
      const details = db.prepare("SELECT details FROM audit_events WHERE action = 'vault.exportKey'").pluck().all() as string[];
      expect(details.map((d) => JSON.parse(d) as unknown)).toEqual([{ with: 'recoveryCode', from: 'commandLine', keys: ['main', 'clinical'] }]);
      // The note is not in doorway.db: only its contact is.
      expect(db.prepare('SELECT note FROM contacts').pluck().all()).not.toContain(NOTE);
    } finally {
      db.close();
    }
  });

  it('better-sqlite3-multiple-ciphers opens a copy of clinical.db with only the printed clinical PRAGMAs, and attaches it to doorway.db', () => {
    const copy = join(root, 'copy-clinical.db');
    copyFileSync(join(dir, 'clinical.db'), copy);
    const pragmas = pragmasAfter(output, CLINICAL_PRAGMAS);
    expect(pragmas.at(-1)).toBe(`PRAGMA key = "x'${clinicalHex}'";`);
    const clinical = new Database(copy, { fileMustExist: true });
    try {
      for (const statement of pragmas) clinical.exec(statement);
      expect(clinical.prepare('SELECT note FROM contact_notes').pluck().all()).toEqual([NOTE]);
    } finally {
      clinical.close();
    }
    // As the README shows: the main file with its key, the clinical copy attached with its own.
    copyFileSync(join(dir, 'doorway.db'), join(root, 'copy-driver-join.db'));
    const joined = new Database(join(root, 'copy-driver-join.db'), { fileMustExist: true });
    try {
      for (const statement of pragmasAfter(output, MAIN_PRAGMAS)) joined.exec(statement);
      joined.prepare('ATTACH DATABASE ? AS clinical KEY ?').run(copy, `x'${clinicalHex}'`);
      const rows = joined.prepare('SELECT p.client_code, n.note FROM contacts c JOIN people p ON p.id = c.person_id JOIN clinical.contact_notes n ON n.contact_id = c.id').all();
      expect(rows).toEqual([{ client_code: 'NL-001', note: NOTE }]);
    } finally {
      joined.close();
    }
  });

  it('each key opens only its own file', () => {
    const tryOpen = (file: string, hex: string) => {
      const db = new Database(join(dir, file), { readonly: true, fileMustExist: true });
      try {
        for (const statement of openingPragmas(hex).multipleCiphers) db.exec(statement);
        db.prepare('SELECT count(*) FROM sqlite_master').get();
        return true;
      } catch {
        return false;
      } finally {
        db.close();
      }
    };
    expect(tryOpen('doorway.db', hexKey)).toBe(true);
    expect(tryOpen('clinical.db', clinicalHex)).toBe(true);
    expect(tryOpen('doorway.db', clinicalHex)).toBe(false);
    expect(tryOpen('clinical.db', hexKey)).toBe(false);
  });

  it("decrypts with SQLCipher 4's published format alone, into a file plain SQLite reads", () => {
    const [statement] = pragmasAfter(output, MAIN_KEY_LINE);
    expect(statement).toBe(`PRAGMA key = "x'${hexKey}'";`);
    const plain = decryptSqlcipher4(readFileSync(join(dir, 'doorway.db')), Buffer.from(hexKey, 'hex'));
    const plainPath = join(root, 'decrypted.db');
    writeFileSync(plainPath, plain);
    const db = new Database(plainPath, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT username FROM staff_users').pluck().all()).toEqual(['ada']);
    } finally {
      db.close();
    }
  });

  it("decrypts clinical.db with SQLCipher 4's published format and the clinical key alone", () => {
    const [statement] = pragmasAfter(output, CLINICAL_KEY_LINE);
    expect(statement).toBe(`PRAGMA key = "x'${clinicalHex}'";`);
    const plain = decryptSqlcipher4(readFileSync(join(dir, 'clinical.db')), Buffer.from(clinicalHex, 'hex'));
    const plainPath = join(root, 'decrypted-clinical.db');
    writeFileSync(plainPath, plain);
    const db = new Database(plainPath, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT note FROM contact_notes').pluck().all()).toEqual([NOTE]);
    } finally {
      db.close();
    }
    expect(() => decryptSqlcipher4(readFileSync(join(dir, 'clinical.db')), Buffer.from(hexKey, 'hex'))).toThrow(/fails its HMAC/);
  });

  it('the sqlcipher shell opens a copy with the printed SQLCipher 4 PRAGMA', (ctx) => {
    const shell = sqlcipherShell();
    if (!shell.ok) return ctx.skip(shell.reason);
    const copy = join(root, 'copy-shell.db');
    copyFileSync(join(dir, 'doorway.db'), copy);
    const statements = pragmasAfter(output, MAIN_KEY_LINE);
    const result = execFileSync(shell.path, [copy], { input: `${statements.join('\n')}\nSELECT username FROM staff_users;\n`, encoding: 'utf8' });
    expect(result.trim().split('\n')).toContain('ada');
    const clinicalCopy = join(root, 'copy-shell-clinical.db');
    copyFileSync(join(dir, 'clinical.db'), clinicalCopy);
    const clinical = pragmasAfter(output, CLINICAL_KEY_LINE);
    const notes = execFileSync(shell.path, [clinicalCopy], { input: `${clinical.join('\n')}\nSELECT note FROM contact_notes;\n`, encoding: 'utf8' });
    expect(notes.trim().split('\n')).toContain(NOTE);
  });
});
