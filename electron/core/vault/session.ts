import type { Events } from '../../../shared/contract';
import { ROTATION_STAGES, type RotateKeys, type VaultKey } from '../../../shared/contract/users';
import type { ClosingVault } from '../audit/anchor';
import { recordAudit, recordAuditIn, type AuditInput } from '../audit/audit';
import { actorOf } from '../audit/actor';
import type { Kysely } from 'kysely';
import type { Data } from '../data/engine';
import type { Db } from '../db/database';
import type { Database } from '../data/schema';
import { sqliteData } from '../data/sqlite';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Log } from '../platform/log';
import { rotateHubKeys } from '../hub/rotation';
import type { HubSession } from '../hub/session';
import { DEFAULT_SETTINGS, readSettingsIn } from '../settings/settings';
import { staffById, type StaffRecord } from '../users/staff';
import { fileKeyslotStore, hubKeyslotStore, type KeyslotStore } from './keyslot-store';
import { checkRotation, rotateStoreKey, type RotationRecipient } from './rotation';
import type { VaultOptions, VaultPaths } from './vault';

export interface Session {
  user: StaffRecord;
  emergency: boolean;
  /** Emergency access only: who used the recovery code, as they wrote it. */
  emergencyName?: string;
  lastActivityAt: number;
}

/** The vault while someone is signed in: the open records, the key, and who is at the keyboard. */
export interface OpenVault {
  /** One computer's records file; null on a clinic hub, whose records are on its server. */
  db: Db | null;
  /** The clinical store's connection: only for a role that may read clinical content. */
  clinical: Db | null;
  /** Typed async queries over both stores (data/). */
  data: Kysely<Database>;
  dataKey: Buffer;
  clinicalKey: Buffer | null;
  vaultId: string;
  session: Session;
  /** On a clinic hub: the session's own login to the hub, closed when the session ends. */
  hub: HubSession | null;
}

export type LockReason = Events['session.locked']['reason'];

/** Keeps the audit trail's head anchored outside the table (audit/anchor.ts, AuditAnchorKeeper). */
export interface AuditAnchorHook {
  markDirty(): void;
  /** Synchronous: the session's records close in the same call. */
  flushAsClosing(vault: ClosingVault): void;
  reset(): void;
}

const NOT_SIGNED_IN = () => new DoorwayError('NOT_SIGNED_IN', msg('general.signIn'));
/** What works on one computer's records file and, on a hub, belongs to the hub computer (its server's own tools). */
const ON_HUB = () =>
  new DoorwayError('CONFLICT', msg('access.vault.onHubComputer'));

/**
 * Holds the open database and the data key only while someone is signed in, and drops both on lock:
 * opening (after sign-in), locking, the idle lock and key rotation. Nothing else keeps the key.
 */
export class VaultSession {
  private state: OpenVault | null = null;
  /** A key rotation is running: the records file is being swapped, so nothing else may touch it. */
  private rotating = false;
  /** A lock asked for during a rotation, done as soon as the rotation ends. */
  private lockAfterRotation: LockReason | null = null;
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  /** When each record was last audited as opened, so an opening is recorded once per person per minute. */
  private readonly recordOpenedAt = new Map<string, number>();
  /** The clinic's idle minutes as last read (DEFAULT_SETTINGS until then). */
  private knownIdleMinutes = DEFAULT_SETTINGS.idleLockMinutes;

  constructor(
    readonly paths: VaultPaths,
    readonly options: VaultOptions,
    private readonly deps: { clock: Clock; events: EventBus; log: Log; anchor?: AuditAnchorHook },
  ) {}

  get session(): Session | null {
    return this.state?.session ?? null;
  }

  /** The open vault, or a "please sign in" error; refused while the key is being changed. */
  open(): OpenVault {
    if (!this.state) throw NOT_SIGNED_IN();
    if (this.rotating) throw new DoorwayError('CONFLICT', msg('access.vault.key.changing'));
    return this.state;
  }

  /** One computer's records file. On a hub there is none: what needs one is done on the hub computer. */
  get db(): Db {
    const { db } = this.open();
    if (!db) throw ON_HUB();
    return db;
  }

  /** True while the session's records are on a clinic hub. */
  get onHub(): boolean {
    return this.state?.hub != null;
  }

  /** Where the clinic's key slots are: this computer's keyslots.json, or the hub's. */
  keyslots(): KeyslotStore {
    // Not through open(): a key change reads the slots itself while it runs.
    const st = this.state;
    if (!st) throw NOT_SIGNED_IN();
    return st.hub ? hubKeyslotStore(st.data, st.hub.administratorsLogin) : fileKeyslotStore(this.paths.keyslots);
  }

  get dataKey(): Buffer {
    if (!this.state) throw NOT_SIGNED_IN();
    return this.state.dataKey;
  }

  /** The clinical key, or null in a session whose role may not read clinical content. */
  get clinicalKey(): Buffer | null {
    if (!this.state) throw NOT_SIGNED_IN();
    return this.state.clinicalKey;
  }

  get vaultId(): string {
    if (!this.state) throw NOT_SIGNED_IN();
    return this.state.vaultId;
  }

  /** An audit event was written: the anchor follows within about a second, after the change commits. */
  noteAuditWritten(): void {
    this.deps.anchor?.markDirty();
  }

  /** Takes over a freshly opened vault for a new session; whatever was open before is closed first. */
  begin(opened: { db: Db; clinical: Db | null; dataKey: Buffer; clinicalKey: Buffer | null; vaultId: string }, session: Session): void {
    this.end();
    this.state = {
      db: opened.db,
      clinical: opened.clinical,
      data: sqliteData(opened.db, opened.clinical),
      dataKey: opened.dataKey,
      clinicalKey: opened.clinicalKey,
      vaultId: opened.vaultId,
      session,
      hub: null,
    };
    // Sign-in records its events right after this; a vault without an anchor yet gets one then too.
    this.noteAuditWritten();
  }

  /** Takes over a session signed in to a clinic hub (hub/session.ts): the records through the staff member's role login. */
  beginHub(hub: HubSession, session: Session): void {
    this.end();
    this.state = { db: null, clinical: null, data: hub.data, dataKey: hub.dataKey, clinicalKey: hub.clinicalKey, vaultId: hub.vaultId, session, hub };
  }

  /**
   * On a hub an administrator at another workstation may turn an account off or change its role: the
   * router asks before every call, so the change holds at the next one. A role's login is the role's
   * own (hub/roles.ts), so a changed role means signing in again. On one computer the session's own
   * staff row cannot change under it, so nothing is read there.
   */
  async confirmAccount(): Promise<void> {
    const st = this.state;
    if (!st?.hub || st.session.emergency) return;
    const now = await staffById(st.data, st.session.user.id);
    if (this.state !== st) throw NOT_SIGNED_IN();
    if (now && !now.disabled && now.role === st.session.user.role) {
      if (now.displayName !== st.session.user.displayName) st.session.user = { ...st.session.user, displayName: now.displayName };
      return;
    }
    this.lock('system');
    throw new DoorwayError(
      'NOT_SIGNED_IN',
      now && !now.disabled ? msg('access.session.roleChanged') : msg('access.session.turnedOff'),
    );
  }

  newSession(user: StaffRecord, emergency: boolean): Session {
    return { user, emergency, lastActivityAt: this.deps.clock.now().getTime() };
  }

  /** Audits the opening of a person's record: once per person per staff member per minute, not per query. */
  async noteRecordOpened(personId: number): Promise<void> {
    const s = this.session;
    if (!s) return;
    const key = `${s.user.id}:${personId}`;
    const now = this.deps.clock.now().getTime();
    const last = this.recordOpenedAt.get(key);
    if (last !== undefined && now - last < 60_000) return;
    this.recordOpenedAt.set(key, now);
    await this.auditIn({ action: 'person.open', subjectType: 'person', subjectId: personId });
  }

  /**
   * An event as the signed-in person, over the data layer: into `into`, the open transaction of the
   * change it describes (the caller commits both), or else in a transaction of its own.
   */
  async auditIn(e: Omit<AuditInput, 'at' | 'actor'>, into?: Data): Promise<void> {
    const s = this.session;
    if (!s) throw NOT_SIGNED_IN();
    const event: AuditInput = { at: this.deps.clock.nowIso(), actor: actorOf(s), ...e };
    if (into) await recordAuditIn(into, event);
    else await this.open().data.transaction().execute((trx) => recordAuditIn(trx, event));
    this.noteAuditWritten();
  }

  /** Closes the database and zeroes the key. Nothing of the session stays in memory. */
  private end(closing?: Promise<unknown>): void {
    const st = this.state;
    if (!st) return;
    this.state = null;
    this.recordOpenedAt.clear();
    if (st.hub) {
      // The keys go at once, as on one computer; the session's login closes once its last event is written.
      st.dataKey.fill(0);
      st.clinicalKey?.fill(0);
      // The hub's trail has no anchor file on this computer: it lives on the server, written by every workstation.
      const hub = st.hub;
      void (closing ?? Promise.resolve())
        .catch((e: unknown) => this.deps.log('could not record the lock on the hub', e))
        .finally(() => hub.close().catch((e: unknown) => this.deps.log('could not close the hub connection', e)));
      return;
    }
    const db = st.db!;
    // The anchor follows every session's last event (the lock or sign-out included), written before the records close.
    this.deps.anchor?.flushAsClosing({ ...st, db });
    this.deps.anchor?.reset();
    try {
      st.clinical?.close();
      db.close();
    } finally {
      st.dataKey.fill(0);
      st.clinicalKey?.fill(0);
    }
  }

  lock(reason: LockReason): void {
    if (!this.state) return;
    if (this.rotating) {
      // Closing the records mid-swap would interrupt the rotation for nothing; lock right after it.
      this.lockAfterRotation = reason;
      return;
    }
    const s = this.state.session;
    const event = { at: this.deps.clock.nowIso(), actor: actorOf(s), action: reason === 'signedOut' ? ('session.signOut' as const) : ('session.lock' as const), details: { reason } };
    if (this.state.hub) {
      // The keys go at once; the event follows on the session's own login, which closes after it.
      const data = this.state.data;
      this.end(data.transaction().execute((trx) => recordAuditIn(trx, event)));
      this.deps.events.emit('session.locked', { reason });
      return;
    }
    try {
      // On the connection, synchronously: the records close in this same call (quit, a power event, a restore's swap), which cannot wait for the data layer.
      const db = this.db;
      // A long change between its steps (an import: data/long-change.ts) still has its transaction open: it is rolled back first, or the lock's event would go with it.
      if (db.inTransaction) db.exec('ROLLBACK');
      db.transaction(() => recordAudit(db, event))();
      this.noteAuditWritten();
    } catch (e) {
      this.deps.log('could not record the lock in the audit trail', e);
    }
    this.end();
    this.deps.events.emit('session.locked', { reason });
  }

  /** The person is still there: the idle lock starts counting again. Returns the clinic's idle minutes. */
  async touch(): Promise<number> {
    const s = this.session;
    if (!s) throw NOT_SIGNED_IN();
    s.lastActivityAt = this.deps.clock.now().getTime();
    // Read each time, so a change of the idle minutes applies at once.
    return this.idleMinutesFrom(this.open().data);
  }

  /**
   * The clinic's idle minutes, as last read: on a hub out of reach the idle lock goes on with the
   * minutes it knew (or the default), so an unattended screen still locks.
   */
  private async idleMinutesFrom(data: Kysely<Database>): Promise<number> {
    try {
      this.knownIdleMinutes = (await readSettingsIn(data)).idleLockMinutes;
    } catch (e) {
      if (!(e instanceof DoorwayError && e.code === 'HUB_UNREACHABLE')) throw e;
    }
    return this.knownIdleMinutes;
  }

  /** Locks when nobody has touched the app for the clinic's idle time. Returns true if it locked. */
  async checkIdle(): Promise<boolean> {
    const st = this.state;
    if (!st || this.rotating) return false;
    const minutes = await this.idleMinutesFrom(st.data);
    // The session may have ended, or a rotation begun, while the settings were read.
    if (this.state !== st || this.rotating) return false;
    if (this.deps.clock.now().getTime() - st.session.lastActivityAt >= minutes * 60_000) {
      this.lock('idle');
      return true;
    }
    return false;
  }

  startIdleTimer(intervalMs = 10_000): void {
    this.stopIdleTimer();
    this.idleTimer = setInterval(() => {
      this.checkIdle().catch((e: unknown) => this.deps.log('the idle check failed', e));
    }, intervalMs);
    this.idleTimer.unref?.();
  }

  stopIdleTimer(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  /**
   * On a hub (hub/rotation.ts): new keys sealed to the active accounts' slots and the role logins, in one
   * transaction; the session goes on with the new keys. Nothing to re-encrypt, so no file swap to wait for.
   */
  private async rotateOnHub(
    st: OpenVault,
    keys: RotateKeys,
    recipientsOf: (data: Kysely<Database>, key: VaultKey) => Promise<RotationRecipient[]>,
  ): Promise<{ rotatedAt: string; keys: VaultKey[]; slots: number; removedSlots: number }> {
    const { clock, events } = this.deps;
    this.rotating = true;
    try {
      const done = await rotateHubKeys(st.data, { vaultId: st.vaultId, dataKey: st.dataKey, clinicalKey: st.clinicalKey }, keys, (trx, key) => recipientsOf(trx, key), actorOf(st.session), clock.nowIso(), st.hub?.administratorsLogin ?? null);
      st.dataKey.fill(0);
      st.clinicalKey?.fill(0);
      st.dataKey = done.dataKey;
      st.clinicalKey = done.clinicalKey;
      // The administrators' login has a new password: this session goes on through it.
      if (st.hub) st.data = await st.hub.useAdministratorsLogin(done.administratorsLogin);
      const steps = ROTATION_STAGES.length - 1;
      events.emit('vault.rotation', { stage: 'done', step: steps, steps });
      return { rotatedAt: clock.nowIso(), keys: done.keys, slots: done.slots, removedSlots: done.removedSlots };
    } finally {
      this.rotating = false;
      const pending = this.lockAfterRotation;
      this.lockAfterRotation = null;
      if (pending) this.lock(pending);
    }
  }

  /**
   * A new key (vault/rotation.ts) for the main store, the clinical store or both, sealed to the slots
   * `recipientsOf` names for each (the staff who keep access, decided by users/). Both: the clinical key
   * first, then the main one, each a complete rotation with its own audit event; what either would
   * refuse is checked before the first starts. While it runs, every other call is told to wait, the
   * idle lock waits, and `vault.rotation` events report each stage (counting on across both).
   */
  async rotateKey(
    keys: RotateKeys,
    recipientsOf: (data: Kysely<Database>, key: VaultKey) => Promise<RotationRecipient[]>,
  ): Promise<{ rotatedAt: string; keys: VaultKey[]; slots: number; removedSlots: number }> {
    const st = this.state;
    if (!st) throw NOT_SIGNED_IN();
    if (this.rotating) throw new DoorwayError('CONFLICT', msg('access.vault.key.alreadyChanging'));
    const { clock, events, log } = this.deps;
    const actor = actorOf(st.session);
    if (st.hub) return this.rotateOnHub(st, keys, recipientsOf);
    const db = st.db!;
    // Marked before the recipients are read: the read is async, and a second rotation or a lock must wait for it too.
    this.rotating = true;
    const done: VaultKey[] = [];
    try {
      const holdsClinical = st.clinical !== null && st.clinicalKey !== null;
      if (keys === 'clinical' && !holdsClinical) {
        throw new DoorwayError('CONFLICT', msg('access.vault.key.clinicalNotOpen'));
      }
      const order: VaultKey[] = keys === 'main' ? ['main'] : keys === 'clinical' ? ['clinical'] : holdsClinical ? ['clinical', 'main'] : ['main'];
      const recipients = new Map<VaultKey, RotationRecipient[]>();
      for (const key of order) recipients.set(key, await recipientsOf(st.data, key));
      for (const key of order) checkRotation(this.paths, key, recipients.get(key)!);
      const perRun = ROTATION_STAGES.length - 1;
      const steps = perRun * order.length;
      let last = { slots: 0, removedSlots: 0 };
      for (const [i, which] of order.entries()) {
        const clinical = which === 'clinical';
        const outcome = await rotateStoreKey({
          which,
          paths: this.paths,
          db: clinical ? st.clinical! : db,
          key: clinical ? st.clinicalKey! : st.dataKey,
          main: db,
          recipients: recipients.get(which)!,
          opts: this.options,
          progress: async (stage, step) => {
            // One "done" at the very end: the window closes its progress then.
            if (stage === 'done' && i < order.length - 1) return;
            events.emit('vault.rotation', { stage, step: stage === 'done' ? steps : i * perRun + step, steps });
            // A turn of the event loop, so the window receives the stage before the next one runs.
            await new Promise<void>((resolve) => setImmediate(resolve));
          },
          recordAudit: (db, details) => recordAudit(db, { at: clock.nowIso(), actor, action: 'vault.rotateKey', details: { ...details } }),
          log,
        });
        if (outcome.ok || outcome.db) {
          if (clinical) st.clinical = outcome.db;
          else st.db = outcome.db!;
          st.data = sqliteData(st.db ?? db, st.clinical);
        } else if (clinical) {
          // The clinical file could not be opened again: the session goes on without it until the next sign-in.
          st.clinical = null;
          st.clinicalKey?.fill(0);
          st.clinicalKey = null;
          st.data = sqliteData(st.db ?? db, null);
        } else {
          this.lockAfterRotation = 'system';
        }
        if (!outcome.ok) {
          if (outcome.error instanceof DoorwayError) throw outcome.error;
          log('key rotation failed', outcome.error);
          throw new DoorwayError(
            'INTERNAL',
            done.length ? msg('access.vault.key.mainFailed') : msg('access.vault.key.failed'),
          );
        }
        if (clinical) st.clinicalKey = outcome.key;
        else st.dataKey = outcome.key;
        done.push(which);
        last = { slots: outcome.slots, removedSlots: outcome.removedSlots };
        // The audit event was written to the main store; the anchor is sealed again (with the new key) at the next flush.
        this.noteAuditWritten();
      }
      return { rotatedAt: clock.nowIso(), keys: done, ...last };
    } finally {
      this.rotating = false;
      const pending = this.lockAfterRotation;
      this.lockAfterRotation = null;
      if (pending) this.lock(pending);
    }
  }
}
