import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
import { writeFileAtomic } from '../fs-atomic';
import { fsyncDir } from './files';
import { compactUtc } from './format';
import { pidAlive } from './process-alive';

/**
 * Swapping the vault in a data folder (restore, and undoing one) so that a crash or kill -9 at any
 * instant leaves a vault that opens, old or new, never a mix of the two.
 *
 * The incoming files are first staged inside the data folder (same file system, so every move is an
 * atomic rename). Then a journal is written and the swap goes in two phases, each only renames:
 *   moving-out: every file of the current vault into `previous-<time>-<id>/` (set aside, for undo)
 *   moving-in:  every staged file into place, the records file last
 * The journal names the files of each phase, so whoever opens the folder next (the app or the command
 * line, through `vaultExists`) finishes an interrupted swap by running the rest of it: each step is a
 * rename that is either done or not. Before the journal exists, nothing of the vault has moved, and a
 * leftover staging folder is simply removed.
 */
export const SWAP_JOURNAL = 'restore-journal.json';
export const SWAP_LOCK = '.restore.lock';
export const STAGING_PREFIX = '.restore-incoming-';
export const ASIDE_PREFIX = 'previous-';
export const ASIDE_INFO = 'set-aside.json';
/**
 * Every file that makes up a vault, the records file last (it is moved in last). Leftovers of an
 * unfinished key rotation (vault/rotation.ts: `.pending` key slots, either store's `.rotating` scratch copy) go
 * with the vault they belong to, so a restored vault never meets another generation's leftovers.
 *
 * The clinical store (clinical.db, under its own key) is part of the vault: it goes out and comes in
 * with the main records, in the same journalled swap, so the two files in place are always a pair from
 * the same moment. A vault from before the clinical store (or a bundle of one) has no clinical.db: then
 * the outgoing one is set aside with the rest and the folder is left without one, and the next clinical
 * sign-in splits the restored vault again (vault/clinical-split.ts). The split's own leftover
 * (clinical.db.partial, complete once the key slots hold its key) goes with the vault it belongs to.
 */
export const VAULT_FILES = [
  // The audit trail's sealed head (audit/anchor.ts) belongs to the vault whose trail it anchors.
  'audit-anchor.json',
  'keyslots.json.prev',
  'keyslots.json.pending',
  'keyslots.json',
  'clinical.db.partial-journal',
  'clinical.db.partial-shm',
  'clinical.db.partial-wal',
  'clinical.db.partial',
  'clinical.db.rotating',
  'clinical.db.rotating-journal',
  'clinical.db.rotating-wal',
  'clinical.db.rotating-shm',
  'clinical.db-journal',
  'clinical.db-shm',
  'clinical.db-wal',
  'clinical.db',
  'doorway.db.rotating',
  'doorway.db.rotating-journal',
  'doorway.db.rotating-wal',
  'doorway.db.rotating-shm',
  'doorway.db-journal',
  'doorway.db-shm',
  'doorway.db-wal',
  'doorway.db',
] as const;

export const setAsideInfoSchema = z.strictObject({
  setAsideAt: z.iso.datetime(),
  /** Set aside by a restore (and so can be brought back by undo), or by an undo. */
  reason: z.enum(['restore', 'undo']),
  /** What came in its place: a bundle's name, or the set-aside folder an undo brought back. */
  restoredBundle: z.string(),
  restoredBundleCreatedAt: z.iso.datetime().nullable(),
});
export type SetAsideInfo = z.infer<typeof setAsideInfoSchema>;

const journalSchema = z.strictObject({
  format: z.literal('doorway-restore-journal'),
  version: z.literal(1),
  phase: z.enum(['moving-out', 'moving-in']),
  /** Null when the data folder held no vault (a restore onto a new computer): nothing to set aside. */
  asideDir: z.string().regex(/^previous-[0-9TZ]+-[0-9a-f]{8}$/).nullable(),
  incomingDir: z.string().regex(/^(\.restore-incoming-[0-9a-f]{8}|previous-[0-9TZ]+-[0-9a-f]{8})$/),
  outgoing: z.array(z.enum(VAULT_FILES)),
  incoming: z.array(z.enum(VAULT_FILES)),
  info: setAsideInfoSchema,
});
type Journal = z.infer<typeof journalSchema>;

/** A lock younger than this, held by a live process, means a swap is running right now (a swap takes milliseconds). */
const LIVE_SWAP_MS = 30_000;
/** A lock older than this is stale whoever holds it (a restore's staging copy takes minutes at most). */
const STALE_LOCK_MS = 2 * 3_600_000;

interface LockOwner {
  pid: number;
  host: string;
  at: number;
}

function readLock(dir: string): LockOwner | null {
  try {
    const raw = JSON.parse(readFileSync(join(dir, SWAP_LOCK), 'utf8')) as Partial<LockOwner>;
    if (typeof raw.pid === 'number' && typeof raw.host === 'string' && typeof raw.at === 'number') return raw as LockOwner;
  } catch {
    // Missing, or cut short by a crash while it was written.
  }
  return null;
}

function lockIsLive(owner: LockOwner | null, now: number, within = STALE_LOCK_MS): boolean {
  if (!owner || now - owner.at > within) return false;
  if (owner.pid === process.pid && owner.host === hostname()) return true;
  return owner.host === hostname() ? pidAlive(owner.pid) : true;
}

/**
 * One restore or undo at a time per data folder, across processes. Throws CONFLICT while another
 * live process holds it; takes over a lock whose holder is gone.
 */
export function acquireSwapLock(dir: string): () => void {
  const path = join(dir, SWAP_LOCK);
  const content = JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() } satisfies LockOwner);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      fsyncDir(dir);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      if (lockIsLive(readLock(dir), Date.now())) {
        throw new DoorwayError('CONFLICT', msg('backup.restore.alreadyRunning'));
      }
      rmSync(path, { force: true });
    }
  }
  throw new DoorwayError('CONFLICT', msg('backup.restore.alreadyRunning'));
}

const hook = (fn: ((step: string) => unknown) | undefined, step: string) => {
  fn?.(step);
};

function writeJournal(dir: string, journal: Journal): void {
  writeFileAtomic(join(dir, SWAP_JOURNAL), `${JSON.stringify(journal, null, 2)}\n`);
}

function moveOut(dir: string, j: Journal, step?: (s: string) => unknown): void {
  if (!j.asideDir) return;
  const aside = join(dir, j.asideDir);
  for (const f of j.outgoing) {
    const from = join(dir, f);
    if (!existsSync(from)) continue;
    // Both present can only mean something new appeared after the move: keep it too, never overwrite.
    renameSync(from, existsSync(join(aside, f)) ? join(aside, `${f}.later`) : join(aside, f));
    hook(step, `out:${f}`);
  }
  fsyncDir(aside);
  fsyncDir(dir);
}

function moveIn(dir: string, j: Journal, step?: (s: string) => unknown): void {
  const incoming = join(dir, j.incomingDir);
  for (const f of j.incoming) {
    const from = join(incoming, f);
    if (!existsSync(from)) continue;
    renameSync(from, join(dir, f));
    hook(step, `in:${f}`);
  }
  fsyncDir(dir);
}

function finish(dir: string, j: Journal, step?: (s: string) => unknown): void {
  if (j.asideDir) writeFileAtomic(join(dir, j.asideDir, ASIDE_INFO), `${JSON.stringify(j.info, null, 2)}\n`);
  // Staged copies, or (after an undo) the set-aside folder that was brought back, now empty of vault files.
  rmSync(join(dir, j.incomingDir), { recursive: true, force: true });
  hook(step, 'cleaned');
  unlinkSync(join(dir, SWAP_JOURNAL));
  fsyncDir(dir);
}

function runFrom(dir: string, j: Journal, step?: (s: string) => unknown): void {
  if (j.phase === 'moving-out') {
    moveOut(dir, j, step);
    j = { ...j, phase: 'moving-in' };
    writeJournal(dir, j);
    hook(step, 'moving-in');
  }
  moveIn(dir, j, step);
  hook(step, 'placed');
  finish(dir, j, step);
}

export function asideName(now: Date): string {
  return `${ASIDE_PREFIX}${compactUtc(now.toISOString())}-${randomUUID().slice(0, 8)}`;
}

/**
 * Sets the current vault aside and moves the incoming vault (a folder inside the data folder) into
 * place. The caller holds the swap lock. Synchronous: nothing else in this process runs in between.
 */
export function swapVault(
  dir: string,
  opts: { incomingDir: string; info: SetAsideInfo; now: Date; step?: (s: string) => unknown },
): { asideDir: string | null } {
  const incoming = VAULT_FILES.filter((f) => existsSync(join(dir, opts.incomingDir, f)));
  if (!incoming.includes('doorway.db') || !incoming.includes('keyslots.json')) {
    throw new DoorwayError('NOT_FOUND', msg('backup.restore.incomplete'));
  }
  const outgoing = VAULT_FILES.filter((f) => existsSync(join(dir, f)));
  const journal: Journal = {
    format: 'doorway-restore-journal',
    version: 1,
    phase: 'moving-out',
    asideDir: outgoing.length > 0 ? asideName(opts.now) : null,
    incomingDir: opts.incomingDir,
    outgoing,
    incoming,
    info: opts.info,
  };
  if (journal.asideDir) mkdirSync(join(dir, journal.asideDir), { mode: 0o700 });
  writeJournal(dir, journal);
  hook(opts.step, 'journal');
  runFrom(dir, journal, opts.step);
  hook(opts.step, 'done');
  return { asideDir: journal.asideDir };
}

/** A restore (or undo) that an interruption left half-done and that opening the folder finished. */
export interface FinishedRestore {
  reason: SetAsideInfo['reason'];
  restoredBundle: string;
  setAsideAs: string | null;
}

/**
 * Called before a data folder is used (data-folder.ts): finishes a swap that a crash or kill
 * interrupted, and removes staging left by a restore that stopped before its swap began. Returns the
 * swap it finished, if any, so the next sign-in can put it in the audit trail.
 */
export function finishInterruptedRestore(dir: string): FinishedRestore | null {
  const journalPath = join(dir, SWAP_JOURNAL);
  const hasJournal = existsSync(journalPath);
  const hasLock = existsSync(join(dir, SWAP_LOCK));
  if (!hasJournal && !hasLock) return null;
  const now = Date.now();
  const owner = readLock(dir);
  if (!hasJournal) {
    if (lockIsLive(owner, now)) return null; // a restore is staging its copy; the vault itself is untouched
    for (const name of readdirSync(dir)) {
      if (name.startsWith(STAGING_PREFIX)) rmSync(join(dir, name), { recursive: true, force: true });
    }
    rmSync(join(dir, SWAP_LOCK), { force: true });
    return null;
  }
  const ours = owner !== null && owner.pid === process.pid && owner.host === hostname();
  if (!ours && lockIsLive(owner, now, LIVE_SWAP_MS)) {
    throw new DoorwayError('CONFLICT', msg('backup.restore.beingFinished'));
  }
  let journal: Journal;
  try {
    journal = journalSchema.parse(JSON.parse(readFileSync(journalPath, 'utf8')));
  } catch {
    throw new DoorwayError('CONFLICT', msg('backup.restore.journalUnreadable', { dir, journal: SWAP_JOURNAL, aside: ASIDE_PREFIX }));
  }
  if (journal.asideDir && !(existsSync(join(dir, journal.asideDir)) && statSync(join(dir, journal.asideDir)).isDirectory())) {
    mkdirSync(join(dir, journal.asideDir), { mode: 0o700 });
  }
  // The holder is gone (or its pid was reused by an unrelated process): take the lock over, so two
  // processes opening the folder at once cannot both finish the same swap.
  if (!ours) rmSync(join(dir, SWAP_LOCK), { force: true });
  const release = ours ? null : acquireSwapLock(dir);
  try {
    runFrom(dir, journal);
  } finally {
    release?.();
  }
  return { reason: journal.info.reason, restoredBundle: journal.info.restoredBundle, setAsideAs: journal.asideDir };
}

export interface SetAside {
  name: string;
  dir: string;
  info: SetAsideInfo;
}

/** The vaults set aside in a data folder, newest first (only complete ones). */
export function listSetAside(dir: string): SetAside[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: SetAside[] = [];
  for (const name of names) {
    if (!name.startsWith(ASIDE_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const info = setAsideInfoSchema.parse(JSON.parse(readFileSync(join(path, ASIDE_INFO), 'utf8')));
      if (existsSync(join(path, 'doorway.db')) && existsSync(join(path, 'keyslots.json'))) out.push({ name, dir: path, info });
    } catch {
      // Not a set-aside vault (or one still being written by a swap that the journal will finish).
    }
  }
  return out.sort((a, b) => (a.info.setAsideAt < b.info.setAsideAt ? 1 : a.info.setAsideAt > b.info.setAsideAt ? -1 : 0));
}

/** The restore that can be undone: the newest set-aside vault, when a restore (not an undo) put it there. */
export function undoableRestore(dir: string): SetAside | null {
  const newest = listSetAside(dir)[0];
  return newest && newest.info.reason === 'restore' ? newest : null;
}
