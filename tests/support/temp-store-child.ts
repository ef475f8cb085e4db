/**
 * Test-only child process for temp-store.test.ts: sorts several MB of rows of an encrypted database
 * with a 64 KiB page cache, so SQLite's sorter must spill to temp storage, and holds the sort open
 * while the parent looks at this process's open files. It runs in its own process because SQLite
 * reads SQLITE_TMPDIR once, at the first temp file of the process, and the parent sets it.
 *
 *   node --import tsx temp-store-child.ts MODE DB_DIR MARKER
 *
 * MODE: `doorway` (a new file through Doorway's opener), `readonly` (Doorway's read-only opener on an
 * existing file), or `default` (Doorway's opener, then temp_store put back to SQLite's compiled
 * default: the control that shows the parent's detection sees plaintext temp files).
 *
 * Protocol: prints `ready {...}` once the first sorted row is out (every spilled run is still open
 * then), waits for a line on stdin, finishes the sort, prints `done {...}`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openEncrypted, type Db } from '../../electron/core/db/database';

const ROWS = 16_000;
const PAD = 'x'.repeat(360);

async function main(): Promise<void> {
  const [mode, dbDir, marker] = process.argv.slice(2);
  if (!mode || !dbDir || !marker || !['doorway', 'readonly', 'default'].includes(mode)) {
    throw new Error('usage: temp-store-child.ts doorway|readonly|default DB_DIR MARKER');
  }
  const path = join(dbDir, 'records.db');
  const key = randomBytes(32);

  let db: Db = openEncrypted(path, key, { create: true });
  db.pragma('journal_mode=WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    // Random prefixes, so the sort really reorders the rows and every run holds markers.
    for (let i = 0; i < ROWS; i++) insert.run(`${randomBytes(6).toString('hex')} ${marker} ${i} ${PAD}`);
  })();
  if (mode === 'readonly') {
    db.close();
    db = openEncrypted(path, key, { readonly: true });
  }
  if (mode === 'default') db.pragma('temp_store=DEFAULT');
  db.pragma('cache_size=-64');
  const tempStore = db.pragma('temp_store', { simple: true }) as number;

  const rows = db.prepare('SELECT v FROM t ORDER BY v').pluck().iterate() as IterableIterator<string>;
  const first = rows.next();
  if (first.done) throw new Error('the sort returned nothing');
  process.stdout.write(`ready ${JSON.stringify({ tempStore })}\n`);

  const input = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => input.once('line', () => resolve()));
  input.close();

  let count = 1;
  let previous = first.value;
  for (const v of rows) {
    if (v < previous) throw new Error('the rows came out unsorted');
    previous = v;
    count++;
  }
  db.close();
  process.stdout.write(`done ${JSON.stringify({ count })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
