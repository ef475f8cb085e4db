import { existsSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { openEncrypted, type Db } from '../db/database';
import { countRows, TABLES_SQL } from './snapshot';

/**
 * The full check of a copied database runs in a worker thread: `PRAGMA integrity_check` reads every
 * page (and SQLCipher authenticates each page's HMAC as it decrypts it), which takes seconds on a large
 * clinic. On Electron's main thread that would freeze every window for as long.
 *
 * The worker's code is a short self-contained script (CommonJS, no imports of ours), so it runs the
 * same under Electron's bundle, tsx and vitest without a separate build entry. The driver is loaded by
 * the absolute path the main thread resolved, with the native build the app uses.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
function main() {
  const Database = require(workerData.driverPath);
  const key = Buffer.from(workerData.key);
  const hex = key.toString('hex');
  key.fill(0);
  let db;
  try {
    const options = { readonly: true, fileMustExist: true };
    if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding;
    db = new Database(workerData.path, options);
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma('key="x' + "'" + hex + "'" + '"');
    // As db/database.ts applyKey does: a sort or temporary index never spills decrypted pages to a file.
    db.pragma('temp_store=MEMORY');
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  } catch (e) {
    if (db) db.close();
    return { opened: false, openError: String((e && e.message) || e), schemaVersion: 0, integrity: [], counts: {} };
  }
  try {
    db.pragma('cache_size=-65536');
    const schemaVersion = db.pragma('user_version', { simple: true });
    let integrity;
    try {
      integrity = db.pragma('integrity_check(100)').map((r) => String(r.integrity_check));
    } catch (e) {
      integrity = ['a page could not be read: ' + String((e && e.message) || e)];
    }
    let counts = {};
    try {
      for (const name of db.prepare(workerData.tablesSql).pluck().all()) {
        counts[name] = db.prepare('SELECT count(*) FROM "' + String(name).replace(/"/g, '""') + '"').pluck().get();
      }
    } catch (e) {
      // No partial counts: as checkHere, a count that fails part-way leaves none.
      counts = {};
      integrity.push('the tables could not be counted: ' + String((e && e.message) || e));
    }
    let probe = null;
    if (workerData.probeSql) {
      try {
        const got = db.prepare(workerData.probeSql).pluck().get();
        probe = got === undefined ? null : got;
      } catch (e) {
        probe = null;
      }
    }
    return { opened: true, schemaVersion, integrity, counts, probe };
  } finally {
    db.close();
  }
}
parentPort.postMessage(main());
`;

const checkSchema = z.object({
  opened: z.boolean(),
  openError: z.string().optional(),
  schemaVersion: z.number().int(),
  integrity: z.array(z.string()),
  counts: z.record(z.string(), z.number().int()),
  /** The answer of `probeSql` (one value), or null: the commit count that ties the two stores together. */
  probe: z.union([z.string(), z.number()]).nullable().optional(),
});
export type DbCheck = z.infer<typeof checkSchema>;

/**
 * The same check on this thread: used only when a worker cannot load the driver (a packaged app whose
 * worker threads cannot read inside app.asar). Slower for the window, never less thorough.
 */
export function checkHere(path: string, dataKey: Buffer, nativeBinding?: string, probeSql?: string): DbCheck {
  let db: Db;
  try {
    db = openEncrypted(path, dataKey, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (e) {
    return { opened: false, openError: e instanceof Error ? e.message : String(e), schemaVersion: 0, integrity: [], counts: {} };
  }
  try {
    db.pragma('cache_size=-65536');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check(100)') as { integrity_check: string }[]).map((r) => String(r.integrity_check));
    } catch (e) {
      integrity = [`a page could not be read: ${e instanceof Error ? e.message : String(e)}`];
    }
    let counts: Record<string, number> = {};
    try {
      counts = countRows(db);
    } catch (e) {
      integrity.push(`the tables could not be counted: ${e instanceof Error ? e.message : String(e)}`);
    }
    let probe: string | number | null = null;
    if (probeSql) {
      try {
        probe = (db.prepare(probeSql).pluck().get() as string | number | undefined) ?? null;
      } catch {
        probe = null;
      }
    }
    return { opened: true, schemaVersion, integrity, counts, probe };
  } finally {
    db.close();
  }
}

function driverPath(): string {
  // `require` exists both in the CommonJS bundle Electron runs and under tsx and vitest.
  return require.resolve('better-sqlite3-multiple-ciphers');
}

/**
 * Opens the file read-only with the key in a worker and returns what it found. A read-only connection
 * to a WAL-mode file creates `-wal` and `-shm` beside it and cannot remove them; they are removed here
 * afterwards (when this check made them), so a bundle folder is left exactly as it was.
 */
export function checkDatabaseFile(path: string, dataKey: Buffer, opts: { nativeBinding?: string; probeSql?: string } = {}): Promise<DbCheck> {
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((p) => !existsSync(p));
  const cleanUp = () => {
    for (const p of sidecars) rmSync(p, { force: true });
  };
  const key = new Uint8Array(dataKey);
  return new Promise<DbCheck>((resolve) => {
    let answer: DbCheck | null = null;
    const fallBack = () => {
      try {
        resolve(checkHere(path, dataKey, opts.nativeBinding, opts.probeSql));
      } finally {
        cleanUp();
      }
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { driverPath: driverPath(), nativeBinding: opts.nativeBinding ?? null, path, key, tablesSql: TABLES_SQL, probeSql: opts.probeSql ?? null },
      });
    } catch {
      fallBack();
      return;
    } finally {
      key.fill(0);
    }
    worker.once('message', (m: unknown) => {
      const parsed = checkSchema.safeParse(m);
      answer = parsed.success ? parsed.data : null;
    });
    // An error in the worker (it could not load the driver) is answered by the same check here.
    worker.once('error', () => undefined);
    worker.once('exit', () => {
      if (!answer) return fallBack();
      cleanUp();
      resolve(answer);
    });
  });
}
