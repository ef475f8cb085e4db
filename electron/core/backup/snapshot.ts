import { existsSync, statSync } from 'node:fs';
import { openEncrypted, type Db } from '../db/database';
import { schemaVersion } from '../db/migrate';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';

/** Every ordinary table (virtual tables are counted through their shadow tables), the same list the check counts. */
export const TABLES_SQL = "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name";

/**
 * The count that ties the two stores together (data/sqlite-pair.ts): the main store's record of the last
 * clinical transaction whose main half committed, and the clinical store's own count. Each is read on a
 * connection to that file alone (so the clinical table has no `clinical.` prefix here).
 */
export const MAIN_SEQ_SQL = "SELECT value FROM settings WHERE key = 'clinical.commitSeq'";
export const CLINICAL_SEQ_SQL = 'SELECT seq FROM commits WHERE id = 1';

/** A count as either store holds it (the main store keeps it as JSON text); none yet is 0. */
export function seqOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  try {
    const n = Number(JSON.parse(String(value)));
    return Number.isInteger(n) ? n : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Whether a clinical file belongs with a main file: the same count, or the clinical one a single
 * transaction ahead (a transaction commits the clinical file first; a crash between the two commits
 * leaves exactly this, and opening the pair puts it right: recoverClinical).
 */
export const seqsPair = (main: number, clinical: number): boolean => Number.isInteger(main) && (clinical === main || clinical === main + 1);

export function countRows(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of db.prepare(TABLES_SQL).pluck().all() as string[]) {
    counts[name] = db.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number;
  }
  return counts;
}

export interface Snapshot {
  schemaVersion: number;
  /** Size of the database file while pinned. */
  bytes: number;
  release(): void;
}

/** One file to pin: a writable connection of the backup's own (to checkpoint), the file, and its key. */
export interface PinTarget {
  db: Db;
  path: string;
  key: Buffer;
}

export interface PairSnapshot {
  main: Snapshot;
  /** The commit counts inside the pinned copies: the main file's, and the clinical file's when it was pinned. */
  seqs: { main: number; clinical: number | null };
  /** Null when the vault has no clinical store, or this backup has no clinical key to pin it with. */
  clinical: Snapshot | null;
  release(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function closeReader(reader: Db): void {
  if (!reader.open) return;
  try {
    if (reader.inTransaction) reader.prepare('ROLLBACK').run();
  } finally {
    reader.close();
  }
}

/**
 * One attempt at pinning one file, synchronous: checkpoint the log into the file (TRUNCATE), then a
 * read transaction on a read-only connection of its own. Null when the log could not be emptied or a
 * commit by another process landed in it in between (try again shortly).
 */
function tryPin(target: PinTarget, nativeBinding?: string): Db | null {
  // Another connection (the command line beside the app) may be reading: then the log cannot be emptied yet.
  const [result] = target.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (!result || result.busy !== 0) return null;
  const reader = openEncrypted(target.path, target.key, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  let pinned = false;
  try {
    reader.pragma('cache_size=-65536');
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    // A commit by another process between the checkpoint and the read would live only in the log.
    const wal = `${target.path}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) return null;
    pinned = true;
    return reader;
  } finally {
    if (!pinned) closeReader(reader);
  }
}

function snapshotOf(reader: Db, path: string): Snapshot {
  return {
    schemaVersion: schemaVersion(reader),
    bytes: statSync(path).size,
    release: () => closeReader(reader),
  };
}

const tooBusy = () => new DoorwayError('CONFLICT', msg('backup.create.tooBusy'));

/**
 * A consistent copy without making staff wait: checkpoint the write-ahead log into the database file
 * (TRUNCATE, so the log is empty), then hold a read transaction on a second connection. With the log
 * empty, that reader reads the file itself, and SQLite will not copy later commits into the file while
 * it is there; new writes go on landing in the log. So, until `release()`, the file's bytes are exactly
 * the last committed state at the checkpoint, already encrypted with the vault's key and SQLCipher 4
 * settings, and a plain file copy of it is a consistent encrypted backup (never `db.backup()`, which
 * fails on encrypted files, never `serialize()`, which returns plaintext, and never `VACUUM INTO`, which
 * from the clinical store's ATTACH connection writes plaintext).
 *
 * With a clinical store, both files are pinned the same way in one synchronous stretch, main first:
 * nothing else in this process runs in between, and a transaction over both stores also commits both
 * files in one synchronous stretch (data/sqlite-pair.ts), so the two copies are of the same moment. A
 * writer in another process is caught by the commit counts: the pair is taken only when they belong
 * together (`seqsPair`), otherwise it is tried again.
 */
export async function pinPair(main: PinTarget, clinical: PinTarget | null, opts: { nativeBinding?: string } = {}): Promise<PairSnapshot> {
  for (let attempt = 0; attempt < 40; attempt++) {
    if (attempt > 0) await sleep(Math.min(50 * attempt, 500));
    const mainReader = tryPin(main, opts.nativeBinding);
    if (!mainReader) continue;
    let clinicalReader: Db | null = null;
    let pinned = false;
    try {
      const m = seqOf(mainReader.prepare(MAIN_SEQ_SQL).pluck().get());
      let c: number | null = null;
      if (clinical) {
        clinicalReader = tryPin(clinical, opts.nativeBinding);
        if (!clinicalReader) continue;
        c = seqOf(clinicalReader.prepare(CLINICAL_SEQ_SQL).pluck().get());
        if (!seqsPair(m, c)) continue;
      }
      const mainSnap = snapshotOf(mainReader, main.path);
      const clinicalSnap = clinicalReader && clinical ? snapshotOf(clinicalReader, clinical.path) : null;
      pinned = true;
      return {
        main: mainSnap,
        seqs: { main: m, clinical: c },
        clinical: clinicalSnap,
        release: () => {
          try {
            clinicalSnap?.release();
          } finally {
            mainSnap.release();
          }
        },
      };
    } finally {
      if (!pinned) {
        if (clinicalReader) closeReader(clinicalReader);
        closeReader(mainReader);
      }
    }
  }
  throw tooBusy();
}

/** One file pinned on its own (see `pinPair`). */
export async function pinSnapshot(db: Db, dbPath: string, dataKey: Buffer, opts: { nativeBinding?: string } = {}): Promise<Snapshot> {
  return (await pinPair({ db, path: dbPath, key: dataKey }, null, opts)).main;
}

/** What identifies a file's contents without reading it: any write changes the modification time. */
export interface FileState {
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ino: bigint;
}

/**
 * The state of a file that no connection can be writing: null when its write-ahead log holds frames
 * (a connection has it open, or one stopped without settling it) or a rollback journal is there.
 * A file in WAL mode changes only when its log is checkpointed into it, which a connection does while
 * open or as it closes; so the same state before and after a copy, with the log empty both times,
 * means the copy holds exactly the file's last settled contents.
 */
export function quietFileState(path: string): FileState | null {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return null;
  if (existsSync(`${path}-journal`)) return null;
  const s = statSync(path, { bigint: true });
  return { size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs, ino: s.ino };
}

export const sameFileState = (a: FileState | null, b: FileState | null): boolean =>
  a !== null && b !== null && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino;
