import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { applyKey } from '../db/database';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';

/**
 * Whether another connection (Doorway open on this computer, or a command running beside it) has the
 * records open. Every connection to a WAL database holds a shared lock on the file while it is open,
 * so an exclusive lock is only granted when nobody else is there. It needs the right key: the lock is
 * taken as the first page is read, and a wrong key would fail on that page instead.
 */
export function recordsInUse(dbPath: string, dataKey: Buffer, nativeBinding?: string): boolean {
  if (!existsSync(dbPath)) return false;
  const db = new Database(dbPath, { fileMustExist: true, timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    applyKey(db, dataKey);
    db.pragma('locking_mode=EXCLUSIVE');
    db.prepare('BEGIN EXCLUSIVE').run();
    db.prepare('COMMIT').run();
    return false;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw e;
  } finally {
    db.close();
  }
}

export function assertRecordsNotInUse(dbPath: string, dataKey: Buffer, nativeBinding?: string): void {
  if (recordsInUse(dbPath, dataKey, nativeBinding)) {
    throw new DoorwayError('CONFLICT', msg('backup.restore.recordsInUse'));
  }
}
