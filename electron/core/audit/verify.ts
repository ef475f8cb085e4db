import type { Db } from '../db/database';
import { AUDIT_HASHED_COLUMNS, GENESIS_HASH, hashAuditValues } from './audit';

/**
 * Walks the audit chain in id order and names the first event that does not hold: its hash does not
 * match its content (changed), its link does not match the event before (an event before it was
 * changed, removed or inserted), or its id skips (an event before it was removed). It reads in chunks
 * and can pause between them, so a million events do not freeze the window that asked.
 */
export interface BrokenEvent {
  id: number;
  at: string | null;
  action: string | null;
}

export type ChainVerdict = { intact: true; events: number } | { intact: false; events: number; firstBroken: BrokenEvent };

export interface VerifyOptions {
  /** Events read per step. */
  chunk?: number;
  /** Awaited between steps (the app yields to its event loop there). */
  pause?: () => Promise<void>;
}

const SELECT = `SELECT ${AUDIT_HASHED_COLUMNS.join(', ')}, hash FROM audit_events WHERE id > ? ORDER BY id LIMIT ?`;
const ID = AUDIT_HASHED_COLUMNS.indexOf('id');
const AT = AUDIT_HASHED_COLUMNS.indexOf('at');
const ACTION = AUDIT_HASHED_COLUMNS.indexOf('action');
const PREV = AUDIT_HASHED_COLUMNS.indexOf('prev_hash');
const HASH = AUDIT_HASHED_COLUMNS.length;

/** `db` is asked again at every step: the session may end while a long check runs, and then it stops. */
export async function verifyChain(db: () => Db, opts: VerifyOptions = {}): Promise<ChainVerdict> {
  const chunk = opts.chunk ?? 50_000;
  let prev = GENESIS_HASH;
  let lastId = 0;
  let events = 0;
  for (;;) {
    // Rows as arrays in hashing order (no object per row): the walk is mostly reading and hashing.
    const rows = db().prepare(SELECT).raw().all(lastId, chunk) as unknown[][];
    for (const row of rows) {
      events++;
      const hash = row[HASH];
      row.length = HASH;
      const id = row[ID] as number;
      if (id !== lastId + 1 || row[PREV] !== prev || hashAuditValues(row) !== hash) {
        return { intact: false, events, firstBroken: { id, at: row[AT] as string, action: row[ACTION] as string } };
      }
      prev = hash as string;
      lastId = id;
    }
    if (rows.length < chunk) return { intact: true, events };
    if (opts.pause) await opts.pause();
  }
}
