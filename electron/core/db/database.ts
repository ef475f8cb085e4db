import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { msg, type Message } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { dataFolderProblem } from '../platform/folder-access';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron passes its own build). */
  nativeBinding?: string;
  create?: boolean;
  readonly?: boolean;
}

const DAMAGED = msg('db.main.damaged');

/**
 * Opens the SQLCipher 4 file. The cipher and the raw key are set before any other statement; the
 * large page cache matters because decryption happens per page read (the default cache makes
 * encryption about 4.5 times slower, 64 MiB brings it near 1.4).
 */
export function openEncrypted(path: string, key: Buffer, opts: OpenOptions = {}): Db {
  if (!opts.create) {
    if (!existsSync(path)) {
      throw new DoorwayError('DATABASE_MISSING', msg('db.main.missing'));
    }
    if (statSync(path).size < 512) throw new DoorwayError('DATABASE_DAMAGED', DAMAGED);
  }
  let db: Db;
  try {
    db = new Database(path, {
      fileMustExist: !opts.create,
      readonly: opts.readonly ?? false,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch {
    throw notOpened(path, opts, DAMAGED);
  }
  // Only the person running Doorway may read the file (SQLite gives its -wal and -shm the same mode).
  if (opts.create) chmodSync(path, 0o600);
  try {
    applyKey(db, key);
    // The first read authenticates page 1: a wrong key or a damaged file fails here, before any write.
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch {
    db.close();
    throw notOpened(path, opts, DAMAGED);
  }
  return db;
}

/** A file that would not open: a folder it may not read or write says so, rather than "damaged". */
function notOpened(path: string, opts: OpenOptions, damaged: Message): DoorwayError {
  return dataFolderProblem(dirname(path), !opts.readonly) ?? new DoorwayError('DATABASE_DAMAGED', damaged);
}

/**
 * Keys a connection. The connections Doorway opens on an encrypted file are keyed here (read-only
 * ones and the records-in-use probe too), so what no keyed connection may go without is set here as
 * well. The backup check's worker thread cannot import this module and keys its own connection
 * (backup/check-worker.ts): it has to follow suit.
 */
export function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  // The cipher encrypts only the database file and its journals. A sort, index build or GROUP BY
  // larger than the page cache would otherwise spill decrypted rows to an unlinked but readable
  // plaintext file in the system temp folder (SQLCipher's documented build keeps temp storage in
  // memory for this reason).
  db.pragma('temp_store=MEMORY');
}

const CLINICAL_DAMAGED = msg('db.clinical.damaged');

/**
 * Opens the clinical store: a connection of its own whose main database is in memory, with the
 * clinical file ATTACHed as schema `clinical` under the clinical key. The same queries then say
 * `clinical.<table>` here and on PostgreSQL, and this connection's transactions commit the clinical
 * file alone, before the main file commits (data/sqlite-pair.ts).
 */
export function openClinical(path: string, key: Buffer, opts: OpenOptions = {}): Db {
  if (!opts.create) {
    if (!existsSync(path)) {
      throw new DoorwayError('DATABASE_MISSING', msg('db.clinical.missing'));
    }
    if (statSync(path).size < 512) throw new DoorwayError('DATABASE_DAMAGED', CLINICAL_DAMAGED);
  }
  const db = new Database(':memory:', opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    // The cipher settings here are the defaults an ATTACH takes; the key comes with the ATTACH itself.
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma('temp_store=MEMORY');
    db.prepare('ATTACH DATABASE ? AS clinical KEY ?').run(path, `x'${key.toString('hex')}'`);
    if (opts.create) chmodSync(path, 0o600);
    db.prepare('SELECT count(*) FROM clinical.sqlite_master').pluck().get();
  } catch {
    db.close();
    throw notOpened(path, opts, CLINICAL_DAMAGED);
  }
  return db;
}

/** The clinical store's counterpart of `tune`. */
export function tuneClinical(db: Db): void {
  db.pragma('clinical.cache_size=-16384');
  db.pragma('clinical.journal_mode=WAL');
  db.pragma('clinical.synchronous=FULL');
  db.pragma('busy_timeout=5000');
}

/** Settings applied after the schema version check, so a refused database is never written to. */
export function tune(db: Db): void {
  db.pragma('cache_size=-65536');
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('busy_timeout=5000');
}
