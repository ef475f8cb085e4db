import type { Data } from '../data/engine';
import { readAnchor } from './anchor';
import { auditHash, AUDIT_HASHED_COLUMNS, GENESIS_HASH } from './audit';

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

/** `data` is asked again at every step: the session may end while a long check runs, and then it stops. */
export async function verifyChain(data: () => Data, opts: VerifyOptions = {}): Promise<ChainVerdict> {
  const chunk = opts.chunk ?? 50_000;
  let prev = GENESIS_HASH;
  let lastId = 0;
  let events = 0;
  for (;;) {
    // One chunk in memory at a time, however long the trail.
    const rows = await data()
      .selectFrom('audit_events')
      .select([...AUDIT_HASHED_COLUMNS, 'hash'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(chunk)
      .execute();
    for (const row of rows) {
      events++;
      // auditHash hashes the fields in AUDIT_HASHED_COLUMNS order, as they were hashed when written.
      if (row.id !== lastId + 1 || row.prev_hash !== prev || auditHash(row) !== row.hash) {
        return { intact: false, events, firstBroken: { id: row.id, at: row.at, action: row.action } };
      }
      prev = row.hash;
      lastId = row.id;
    }
    if (rows.length < chunk) return { intact: true, events };
    if (opts.pause) await opts.pause();
  }
}

/**
 * The whole check behind "Verify chain" and `audit verify`: the chain (above), and what the chain alone
 * cannot show: that the trail still starts with the vault's creation (nothing cut at the start), and
 * that the newest event anchored outside the table (anchor.ts) is still there (nothing cut at the end).
 * `missingStart`, `missingTail` and `anchor` are left out when there is nothing to say, so a verdict on
 * an intact trail reads as it always did.
 */
export interface TrailVerdict {
  intact: boolean;
  events: number;
  firstBroken: BrokenEvent | null;
  /** Event 1 is missing, or is not the vault's creation: the trail was cut at its start. */
  missingStart?: { firstPresent: number | null; action: string | null };
  /** The newest events are missing: the trail ends before the anchored event. */
  missingTail?: { lastPresent: number | null; anchored: number; anchoredAt: string };
  /** `missing`: no anchor yet (a note; one is written when the session ends). `damaged`: its seal does not hold (a finding). */
  anchor?: 'missing' | 'damaged';
}

/**
 * `anchor` is null on a clinic hub: there no login may delete audit events at all (PostgreSQL refuses,
 * hub/roles.ts), so the trail's end needs no record outside it.
 */
export async function verifyTrail(data: () => Data, anchor: { file: string; dataKey: () => Buffer; vaultId: () => string } | null, opts: VerifyOptions = {}): Promise<TrailVerdict> {
  const chain = await verifyChain(data, opts);
  const verdict: TrailVerdict = { intact: chain.intact, events: chain.events, firstBroken: chain.intact ? null : chain.firstBroken };
  const first = await data().selectFrom('audit_events').select(['id', 'action']).orderBy('id').limit(1).executeTakeFirst();
  if (!first || first.id !== 1 || first.action !== 'vault.create') {
    verdict.missingStart = { firstPresent: first?.id ?? null, action: first?.action ?? null };
    verdict.intact = false;
  }
  if (!anchor) return verdict;
  const state = await readAnchor(anchor.file, { data: data(), dataKey: anchor.dataKey(), vaultId: anchor.vaultId() });
  if (state.status === 'missing') {
    verdict.anchor = 'missing';
  } else if (state.status === 'damaged') {
    verdict.anchor = 'damaged';
    verdict.intact = false;
  } else if (state.status === 'cut') {
    verdict.missingTail = { lastPresent: state.lastPresent, anchored: state.anchor.eventId, anchoredAt: state.anchor.at };
    verdict.intact = false;
  }
  return verdict;
}
