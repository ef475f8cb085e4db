import { existsSync, statSync } from 'node:fs';
import { openEncrypted, type Db } from '../db/database';
import { schemaVersion } from '../db/migrate';
import { DoorwayError } from '../errors';

/** Every ordinary table (virtual tables are counted through their shadow tables), the same list the check counts. */
export const TABLES_SQL = "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name";

export function countRows(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of db.prepare(TABLES_SQL).pluck().all() as string[]) {
    counts[name] = db.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number;
  }
  return counts;
}

export interface Snapshot {
  /**
   * Rows per table, counted inside the pinned snapshot: exactly what the copy holds. Synchronous; a
   * backup calls it once the copy and the fingerprint are under way, so the three run side by side.
   */
  countRows(): Record<string, number>;
  schemaVersion: number;
  /** Size of the database file while pinned. */
  bytes: number;
  release(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A consistent copy without making staff wait: checkpoint the write-ahead log into the database file
 * (TRUNCATE, so the log is empty), then hold a read transaction on a second connection. With the log
 * empty, that reader reads the file itself, and SQLite will not copy later commits into the file while
 * it is there; new writes go on landing in the log. So, until `release()`, the file's bytes are exactly
 * the last committed state at the checkpoint, already encrypted with the vault's key and SQLCipher 4
 * settings, and a plain file copy of it is a consistent encrypted backup (never `db.backup()`, which
 * fails on encrypted files, and never `serialize()`, which returns plaintext).
 */
export async function pinSnapshot(db: Db, dbPath: string, dataKey: Buffer, opts: { nativeBinding?: string } = {}): Promise<Snapshot> {
  const wal = `${dbPath}-wal`;
  for (let attempt = 0; attempt < 40; attempt++) {
    if (attempt > 0) await sleep(Math.min(50 * attempt, 500));
    // Another connection (the command line beside the app) may be reading: then the log cannot be emptied yet.
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (!result || result.busy !== 0) continue;
    const reader = openEncrypted(dbPath, dataKey, { readonly: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
    let pinned = false;
    try {
      reader.pragma('cache_size=-65536');
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
      // A commit by another process between the checkpoint and the read would live only in the log.
      if (existsSync(wal) && statSync(wal).size > 0) continue;
      const snapshot: Snapshot = {
        countRows: () => countRows(reader),
        schemaVersion: schemaVersion(reader),
        bytes: statSync(dbPath).size,
        release: () => {
          if (!reader.open) return;
          try {
            reader.prepare('ROLLBACK').run();
          } finally {
            reader.close();
          }
        },
      };
      pinned = true;
      return snapshot;
    } finally {
      if (!pinned && reader.open) {
        if (reader.inTransaction) reader.prepare('ROLLBACK').run();
        reader.close();
      }
    }
  }
  throw new DoorwayError(
    'CONFLICT',
    'The records were too busy to copy just now (another program, perhaps the command line, kept them open). Nothing was written; please try again in a minute.',
  );
}
