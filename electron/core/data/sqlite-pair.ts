import type { Db } from '../db/database';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { clinicalClosed } from './engine';
import { readStored, writeStored } from '../settings/settings';

/**
 * The two stores of one computer: the main file, and the clinical file on a connection of its own
 * (null for a role that may not read clinical content: its key is not in that person's slot).
 */
export interface StorePair {
  main: Db;
  clinical: Db | null;
}

/**
 * Where the main store keeps the number of the last clinical transaction whose main half committed.
 * The clinical store keeps its own count (clinical.commits); the two differ only after a crash between
 * the two commits.
 */
const SEQ_SETTING = 'clinical.commitSeq';

/** Test-only: `DOORWAY_TEST_CRASH_AT=pair:between` kills the process between the two commits. */
function crashPoint(at: string): void {
  if (process.env.DOORWAY_TEST_CRASH_AT === `pair:${at}`) process.kill(process.pid, 'SIGKILL');
}

const clinicalSeq = (clinical: Db): number => clinical.prepare('SELECT seq FROM clinical.commits WHERE id = 1').pluck().get() as number;

const mainSeq = (main: Db): number => readStored<number>(main, SEQ_SETTING) ?? 0;
const writeMainSeq = (main: Db, seq: number): void => writeStored(main, SEQ_SETTING, seq);

/** The tables the undo log covers (clinical-migrations/), with their key and value columns. */
const UNDO_COLUMNS: Record<string, readonly [key: string, value: string]> = {
  contact_notes: ['contact_id', 'note'],
  entry_texts: ['entry_id', 'data'],
  history_details: ['history_id', 'previous'],
  draft_texts: ['draft_id', 'fields'],
};

/**
 * Puts back what the last clinical transaction changed, newest change first, and sets the clinical
 * count back to `seq`. Runs in a transaction of its own on the clinical connection.
 */
function undoLastClinical(clinical: Db, seq: number): number {
  const rows = clinical.prepare('SELECT tbl, key, value FROM clinical.undo ORDER BY id DESC').all() as { tbl: string; key: number; value: string | null }[];
  clinical.transaction(() => {
    for (const r of rows) {
      const cols = UNDO_COLUMNS[r.tbl];
      if (!cols) throw new Error(`unknown table in the clinical undo log: ${r.tbl}`);
      const [key, value] = cols;
      if (r.value === null) clinical.prepare(`DELETE FROM clinical.${r.tbl} WHERE ${key} = ?`).run(r.key);
      else clinical.prepare(`INSERT OR REPLACE INTO clinical.${r.tbl} (${key}, ${value}) VALUES (?, ?)`).run(r.key, r.value);
    }
    // The replay above logged itself; none of it is a change to undo later.
    clinical.exec('DELETE FROM clinical.undo');
    clinical.prepare('UPDATE clinical.commits SET seq = ? WHERE id = 1').run(seq);
  })();
  return rows.length;
}

export type ClinicalRecovery = { undone: false } | { undone: true; rows: number; seq: number };

/**
 * Run when the clinical store is opened, before anything else touches it. A crash after the clinical
 * commit and before the main one leaves the clinical file one transaction ahead: that transaction never
 * happened as far as the main store (and its audit trail) knows, so its clinical half is put back. A
 * note is then never without its contact, nor a contact without the note it was saved with.
 */
export function recoverClinical(pair: { main: Db; clinical: Db }): ClinicalRecovery {
  const c = clinicalSeq(pair.clinical);
  const m = mainSeq(pair.main);
  if (c === m) return { undone: false };
  if (c === m + 1) return { undone: true, rows: undoLastClinical(pair.clinical, m), seq: c };
  throw new DoorwayError('DATABASE_DAMAGED', msg('data.storesFromDifferentTimes'));
}

/**
 * One transaction over both stores. In WAL mode SQLite commits each file on its own, so the order is
 * ours: the clinical file first (with its undo log and a new count), then the main file with the same
 * count. A crash between the two is put right by `recoverClinical`; a failure of the main commit is put
 * right at once. The clinical connection joins only when something touches a clinical table.
 */
export class PairTransaction {
  private clinicalJoined = false;

  constructor(private readonly pair: StorePair) {}

  begin(): void {
    // The write lock from the start: a deferred transaction that reads (the audit chain's head, say)
    // and then writes fails with SQLITE_BUSY_SNAPSHOT if another process (the command line) committed
    // in between; an immediate one waits its turn (busy_timeout) instead.
    this.pair.main.exec('BEGIN IMMEDIATE');
  }

  /** The clinical connection, in this transaction (joined on first use). */
  clinical(): Db {
    const c = this.pair.clinical;
    if (!c) throw clinicalClosed();
    if (!this.clinicalJoined) {
      c.exec('BEGIN IMMEDIATE');
      // The previous transaction's before-images: both its commits landed, or they were put right.
      c.exec('DELETE FROM clinical.undo');
      this.clinicalJoined = true;
    }
    return c;
  }

  commit(): void {
    const { main } = this.pair;
    if (!this.clinicalJoined) {
      main.exec('COMMIT');
      return;
    }
    const c = this.pair.clinical!;
    const before = clinicalSeq(c);
    const seq = before + 1;
    c.prepare('UPDATE clinical.commits SET seq = ? WHERE id = 1').run(seq);
    c.exec('COMMIT');
    this.clinicalJoined = false;
    crashPoint('between');
    try {
      writeMainSeq(main, seq);
      main.exec('COMMIT');
    } catch (e) {
      if (main.inTransaction) main.exec('ROLLBACK');
      undoLastClinical(c, before);
      throw e;
    }
  }

  rollback(): void {
    if (this.clinicalJoined) {
      this.clinicalJoined = false;
      if (this.pair.clinical!.inTransaction) this.pair.clinical!.exec('ROLLBACK');
    }
    if (this.pair.main.inTransaction) this.pair.main.exec('ROLLBACK');
  }
}

/** Runs `change` in one transaction over both stores (synchronous callers: demo data, the split). */
export function pairTransaction<T>(pair: StorePair, change: (tx: PairTransaction) => T): T {
  const tx = new PairTransaction(pair);
  tx.begin();
  try {
    const out = change(tx);
    tx.commit();
    return out;
  } catch (e) {
    tx.rollback();
    throw e;
  }
}

