import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { applyKey, openEncrypted } from '../../electron/core/db/database';
import { removeDir, tempDir } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's temp files of encrypted connections";

/**
 * SQLite spills large sorts and temporary b-trees to temp files, and the cipher only encrypts the
 * database file and its journals: a spilled sort of clinical rows would sit in plaintext in the temp
 * folder (unlinked, but readable by anyone who can read the disk or the process's open files while
 * the query runs). Every connection Doorway opens must keep temp storage in memory.
 */

const child = fileURLToPath(new URL('../support/temp-store-child.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  dirs.splice(0).forEach(removeDir);
});

function folder(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return realpathSync(d);
}

interface TempFile {
  link: string;
  /** Open but already unlinked: how SQLite's own temp files look. */
  deleted: boolean;
  bytes: number;
  hasMarker: boolean;
}

/**
 * SQLite unlinks a temp file right after opening it, so the only way to see one is through the open
 * descriptors of the process that holds it: /proc/PID/fd/N still reads the deleted file's bytes.
 */
function openTempFiles(pid: number, tmp: string, marker: Buffer): TempFile[] {
  const out: TempFile[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let link: string;
    try {
      link = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (!link.startsWith(`${tmp}/`)) continue;
    const bytes = readFileSync(`/proc/${pid}/fd/${fd}`);
    out.push({ link, deleted: link.endsWith(' (deleted)'), bytes: bytes.length, hasMarker: bytes.includes(marker) });
  }
  // Anything left behind by name, too (TMPDIR is the same folder, so tsx keeps its cache there).
  for (const entry of readdirSync(tmp, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    out.push({ link: path, deleted: false, bytes: bytes.length, hasMarker: bytes.includes(marker) });
  }
  return out;
}

/** Runs the sort in a child whose SQLite temp folder is `tmp`, and inspects its temp files mid-sort. */
async function sortInChild(mode: 'doorway' | 'readonly' | 'default') {
  const tmp = folder('doorway-sqlite-tmp-');
  const dbDir = folder('doorway-temp-store-db-');
  const marker = `MARKER-${randomBytes(8).toString('hex')}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', child, mode, dbDir, marker], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SQLITE_TMPDIR: tmp, TMPDIR: tmp },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(proc);
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();

  const ready = await lines.next();
  expect(ready.done ? '' : ready.value, `the child did not reach the sort: ${err}`).toMatch(/^ready /);
  const { tempStore } = JSON.parse((ready.value as string).slice('ready '.length)) as { tempStore: number };
  const seen = openTempFiles(proc.pid!, tmp, Buffer.from(marker));

  proc.stdin.end('go\n');
  const done = await lines.next();
  expect(await exited, err).toBe(0);
  const { count } = JSON.parse((done.value as string).slice('done '.length)) as { count: number };
  expect(count).toBe(16_000);
  return { tempStore, seen };
}

describeOn('sqlite', SQLITE_ONLY, 'SQLite temp storage of encrypted connections', () => {
  if (process.platform !== 'linux') return;
  it('control: with temp storage on disk, the sort spills the rows in plaintext, and the check sees it', async () => {
    const { tempStore, seen } = await sortInChild('default');
    expect(tempStore).toBe(0);
    const spilled = seen.filter((f) => f.deleted);
    expect(spilled.length).toBeGreaterThan(0);
    expect(spilled.some((f) => f.hasMarker)).toBe(true);
  });

  it("Doorway's opener keeps a large sort in memory: no temp file holds the rows", async () => {
    const { tempStore, seen } = await sortInChild('doorway');
    expect(seen.filter((f) => f.hasMarker)).toEqual([]);
    expect(tempStore).toBe(2);
  });

  it("and so does its read-only opener (backup checks, previews, snapshots)", async () => {
    const { tempStore, seen } = await sortInChild('readonly');
    expect(seen.filter((f) => f.hasMarker)).toEqual([]);
    expect(tempStore).toBe(2);
  });

  it('a connection keyed by applyKey alone (the records-in-use probe) keeps temp storage in memory', () => {
    const dir = folder('doorway-temp-store-key-');
    const key = randomBytes(32);
    openEncrypted(join(dir, 'records.db'), key, { create: true }).close();
    const db = new Database(join(dir, 'records.db'), { fileMustExist: true });
    try {
      applyKey(db, key);
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });
});
