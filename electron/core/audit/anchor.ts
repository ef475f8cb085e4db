import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Data } from '../data/engine';
import type { Db } from '../db/database';
import { writeFileAtomic } from '../fs-atomic';
import type { Log } from '../platform/log';

/**
 * The hash chain proves the events that are there, not that none are missing at the end: cutting the
 * newest events (or all of them) leaves a shorter chain that still holds. So the chain's head, the
 * newest event's id and hash, is also kept outside the table, in `audit-anchor.json` in the data
 * folder, sealed with an HMAC under a key derived (HKDF) from the vault's data key. Verification then
 * checks that the anchored event is still there, unchanged.
 *
 * Writing it on every audited change would cost a file write and two fsyncs per contact, so it is
 * written after changes commit: at most about once a second while events are being written, and
 * always when the session ends (lock, sign-out, quit).
 *
 * The anchor only ever moves forward from a position that still holds: a flush that finds the
 * anchored event gone or changed leaves the file as it is, so the check keeps reporting the cut
 * (new events written after it do not hide it). Two things legitimately take the trail back: a
 * restore from a backup, and a key change (the seal was made with the previous key). Both leave their
 * own event in the trail, after the anchored one, and then the anchor is taken as superseded.
 */
export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';
const LABEL = 'doorway-audit-anchor';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const anchorFileSchema = z.strictObject({
  format: z.literal('doorway-audit-anchor'),
  version: z.literal(1),
  vaultId: z.string(),
  /** The newest event at the moment of writing. */
  eventId: z.number().int().min(1),
  hash: hex64,
  /** When that event was recorded (its own `at`). */
  at: z.string(),
  /** HMAC-SHA256 over the other fields (canonical order), under HKDF(data key, 'doorway-audit-anchor'). */
  mac: hex64,
});
export type AnchorFile = z.infer<typeof anchorFileSchema>;

/** The chain's head as a backup manifest carries it (the manifest's own seal covers it). */
export interface AuditHead {
  eventId: number;
  hash: string;
  at: string;
}

export interface AnchorVault {
  data: Data;
  dataKey: Buffer;
  vaultId: string;
}

/** The open connection itself: only for a session writing its last anchor as it closes its records (see advanceAnchorAsClosing). */
export interface ClosingVault {
  db: Db;
  dataKey: Buffer;
  vaultId: string;
}

export const anchorPath = (dir: string) => join(dir, AUDIT_ANCHOR_FILE);

function macOf(dataKey: Buffer, f: Omit<AnchorFile, 'mac'>): string {
  const key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), LABEL, 32));
  try {
    const text = JSON.stringify([f.format, f.version, f.vaultId, f.eventId, f.hash, f.at]);
    return createHmac('sha256', key).update(text, 'utf8').digest('hex');
  } finally {
    key.fill(0);
  }
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function sealAnchor(dataKey: Buffer, vaultId: string, head: AuditHead): AnchorFile {
  const unsigned = { format: 'doorway-audit-anchor' as const, version: 1 as const, vaultId, eventId: head.eventId, hash: head.hash, at: head.at };
  return { ...unsigned, mac: macOf(dataKey, unsigned) };
}

/** The newest event, or null for an empty trail. */
export async function auditHead(data: Data): Promise<AuditHead | null> {
  const row = await data.selectFrom('audit_events').select(['id', 'hash', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { eventId: row.id, hash: row.hash, at: row.at } : null;
}

/**
 * What the anchor says about the trail as it is now:
 * - `missing`: no anchor file (a vault made before anchors existed, or the file was removed);
 * - `damaged`: unreadable, another vault's, or its seal does not hold for this vault's key;
 * - `cut`: the anchored event is gone or changed, and no restore explains it;
 * - `holds`: the anchored event is there unchanged (or a restore superseded the anchor).
 */
export type AnchorState =
  | { status: 'missing' }
  | { status: 'damaged' }
  | { status: 'cut'; anchor: AnchorFile; lastPresent: number | null }
  | { status: 'holds'; anchor: AnchorFile; superseded: boolean; sealedWithThisKey: boolean };

/** Events that legitimately leave an anchor behind them, when recorded after the anchored event. */
const RESTORED = ['backup.restore', 'backup.undoRestore'] as const;
const REKEYED = ['vault.rotateKey', ...RESTORED] as const;

async function recordedSince(data: Data, actions: readonly string[], at: string): Promise<boolean> {
  const row = await data.selectFrom('audit_events').select('id').where('action', 'in', actions).where('at', '>=', at).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The anchor file and its seal, before anything of the trail is read. */
type AnchorOnDisk = { status: 'missing' } | { status: 'damaged' } | { status: 'read'; anchor: AnchorFile; sealedWithThisKey: boolean };

function readAnchorFile(file: string, vault: { dataKey: Buffer; vaultId: string }): AnchorOnDisk {
  if (!existsSync(file)) return { status: 'missing' };
  let anchor: AnchorFile;
  try {
    const parsed = anchorFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return { status: 'damaged' };
    anchor = parsed.data;
  } catch {
    return { status: 'damaged' };
  }
  if (anchor.vaultId !== vault.vaultId) return { status: 'damaged' };
  const { mac, ...rest } = anchor;
  return { status: 'read', anchor, sealedWithThisKey: sameHex(macOf(vault.dataKey, rest), mac) };
}

export async function readAnchor(file: string, vault: AnchorVault): Promise<AnchorState> {
  const found = readAnchorFile(file, vault);
  if (found.status !== 'read') return found;
  const { anchor, sealedWithThisKey } = found;
  const { data } = vault;
  // Sealed with an earlier key of this vault: the key change (or the restore) is in the trail after it.
  if (!sealedWithThisKey && !(await recordedSince(data, REKEYED, anchor.at))) return { status: 'damaged' };
  const row = await data.selectFrom('audit_events').select('hash').where('id', '=', anchor.eventId).executeTakeFirst();
  if (row?.hash === anchor.hash) return { status: 'holds', anchor, superseded: false, sealedWithThisKey };
  if (await recordedSince(data, RESTORED, anchor.at)) return { status: 'holds', anchor, superseded: true, sealedWithThisKey };
  return { status: 'cut', anchor, lastPresent: (await auditHead(data))?.eventId ?? null };
}

/** Writes the anchor at `head` unless it is there already, sealed with this key. */
function moveAnchor(file: string, vault: { dataKey: Buffer; vaultId: string }, state: AnchorState, head: AuditHead | null): void {
  if (!head) return;
  if (state.status === 'holds' && state.sealedWithThisKey && !state.superseded && state.anchor.eventId === head.eventId && state.anchor.hash === head.hash) {
    return;
  }
  writeFileAtomic(file, `${JSON.stringify(sealAnchor(vault.dataKey, vault.vaultId, head), null, 2)}\n`);
}

/**
 * Moves the anchor to the trail's head, if the anchor there now still holds (or there is none).
 * Returns what it found, so a caller can tell a cut from a write.
 */
export async function advanceAnchor(file: string, vault: AnchorVault): Promise<AnchorState> {
  const state = await readAnchor(file, vault);
  if (state.status === 'damaged' || state.status === 'cut') return state;
  moveAnchor(file, vault, state, await auditHead(vault.data));
  return state;
}

/*
 * The same check and move, synchronously on the connection: a session's last event (its lock) is
 * anchored as it closes its records, in the same call (quit, a power event, a restore's swap), which
 * cannot wait for the data layer. SQLite only; keep it in step with readAnchor above.
 */

function readAnchorAsClosing(file: string, vault: ClosingVault): AnchorState {
  const found = readAnchorFile(file, vault);
  if (found.status !== 'read') return found;
  const { anchor, sealedWithThisKey } = found;
  const since = (actions: readonly string[]) =>
    vault.db.prepare(`SELECT 1 FROM audit_events WHERE action IN (${actions.map(() => '?').join(', ')}) AND at >= ? LIMIT 1`).get(...actions, anchor.at) !== undefined;
  if (!sealedWithThisKey && !since(REKEYED)) return { status: 'damaged' };
  const row = vault.db.prepare('SELECT hash FROM audit_events WHERE id = ?').get(anchor.eventId) as { hash: string } | undefined;
  if (row?.hash === anchor.hash) return { status: 'holds', anchor, superseded: false, sealedWithThisKey };
  if (since(RESTORED)) return { status: 'holds', anchor, superseded: true, sealedWithThisKey };
  return { status: 'cut', anchor, lastPresent: headAsClosing(vault.db)?.eventId ?? null };
}

function headAsClosing(db: Db): AuditHead | null {
  const row = db.prepare('SELECT id, hash, at FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string; at: string } | undefined;
  return row ? { eventId: row.id, hash: row.hash, at: row.at } : null;
}

export function advanceAnchorAsClosing(file: string, vault: ClosingVault): AnchorState {
  const state = readAnchorAsClosing(file, vault);
  if (state.status === 'damaged' || state.status === 'cut') return state;
  moveAnchor(file, vault, state, headAsClosing(vault.db));
  return state;
}

/**
 * Keeps the anchor up to date for the open vault: `markDirty` after audited writes is a flag and, at
 * most once a second, an unref'd timer that calls `flush` (over the data layer); `flushAsClosing` writes
 * now, on the connection (the session calls it as it ends).
 */
export class AuditAnchorKeeper {
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A cut or a damaged anchor is logged once per session, not on every flush. */
  private reported = false;

  constructor(
    private readonly file: string,
    /** The open vault, or null when nobody is signed in (or the key is being changed). */
    private readonly source: () => AnchorVault | null,
    private readonly log: Log,
    private readonly delayMs = 1000,
  ) {}

  markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty) void this.flush();
    }, this.delayMs);
    this.timer.unref?.();
  }

  /** Writes the anchor for the open vault, over the data layer; never throws: the trail itself is already committed. */
  async flush(): Promise<void> {
    let v: AnchorVault | null;
    try {
      v = this.source();
    } catch {
      v = null;
    }
    if (!v) return;
    this.dirty = false;
    try {
      this.noteFindings(await advanceAnchor(this.file, v));
    } catch (e) {
      this.failed(e);
    }
  }

  /** Writes the anchor for a session closing its records, synchronously (see advanceAnchorAsClosing); never throws. */
  flushAsClosing(vault: ClosingVault): void {
    this.dirty = false;
    try {
      this.noteFindings(advanceAnchorAsClosing(this.file, vault));
    } catch (e) {
      this.failed(e);
    }
  }

  private noteFindings(state: AnchorState): void {
    if ((state.status === 'cut' || state.status === 'damaged') && !this.reported) {
      this.reported = true;
      this.log(`the audit anchor was left where it is: ${state.status === 'cut' ? 'the anchored event is missing from the trail' : 'its seal does not hold'}`);
    }
  }

  private failed(e: unknown): void {
    this.dirty = true;
    this.log('could not write the audit anchor', e);
  }

  /** The session ended: the next one logs its own findings. */
  reset(): void {
    this.reported = false;
    this.dirty = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
