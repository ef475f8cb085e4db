import { randomBytes, randomInt } from 'node:crypto';
import { formatRecoveryCode, isGroupValid, normalizeGroup, parseRecoveryCode, RECOVERY_CODE_BYTES, RECOVERY_GROUPS } from '../../shared/recovery-code';
import type { Events, EventName } from '../../shared/contract';
import type { ClinicSettings, SessionInfo } from '../../shared/contract/schemas';
import type { PeopleWord } from '../../shared/people-word';
import { recordAudit, type AuditInput } from './audit/audit';
import { BackupService } from './backup/service';
import type { Db } from './db/database';
import { DoorwayError } from './errors';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { SignInThrottle } from './session/throttle';
import { publicStaff, staffBySlot, staffByUsername, type StaffRecord } from './staff';
import { rotationRecipients } from './users/accounts';
import { emergencyActorUsername, ensureEmergencyStaff } from './users/emergency';
import { isSealedSlot, readKeyslots, usernameLookup, type Slot } from './vault/keyslots';
import { openUnlocked, recordSettlement, rotateDataKey, type Settled } from './vault/rotation';
import { readSlotKeys, recordSlotKey } from './vault/slot-keys';
import {
  createVault,
  rewrapPasswordSlot,
  unlockWithPassword,
  unlockWithRecovery,
  upgradeDirectSlot,
  vaultExists,
  vaultPaths,
  type KdfCost,
  type Unlocked,
  type VaultOptions,
  type VaultPaths,
} from './vault/vault';

export interface CoreOptions {
  dataDir: string;
  /** A better_sqlite3.node for the running runtime; Electron passes its own build. */
  nativeBinding?: string;
  /** Tests only: a cheaper key derivation. */
  kdfCost?: KdfCost;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export interface Session {
  user: StaffRecord;
  emergency: boolean;
  /** Emergency access only: who used the recovery code, as they wrote it. */
  emergencyName?: string;
  lastActivityAt: number;
}

interface OpenState {
  db: Db;
  dataKey: Buffer;
  vaultId: string;
  session: Session;
}

interface PendingSetup {
  recoveryCode: string;
  confirmGroups: [number, number];
}

type Listener<E extends EventName> = (payload: Events[E]) => void;

/** Throttle key for emergency access: its attempts have no username. */
const BREAK_GLASS_THROTTLE = 'breakGlass';

/** The recovery code as its slot's key derivation takes it (after it has been accepted). */
function canonicalCode(code: string): string {
  const parsed = parseRecoveryCode(code);
  return parsed.ok ? parsed.canonical : code;
}

/**
 * The one owner of the data while the app runs: holds the open database and the data key only while
 * someone is signed in, and drops both on lock. Everything reaches it through the router.
 */
export class DoorwayCore {
  readonly paths: VaultPaths;
  /** Backups: the administrator's actions, the daily schedule and the backup on quit (backup/service.ts). */
  readonly backups: BackupService;
  private state: OpenState | null = null;
  private pendingSetup: PendingSetup | null = null;
  private readonly throttle = new SignInThrottle();
  /** Failed sign-ins happen while the vault is closed; they are written to the audit trail at the next unlock. */
  private pendingFailures: { at: string; lookup: string | null; via?: 'recoveryCode' }[] = [];
  private listeners = new Map<EventName, Set<Listener<EventName>>>();
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  /** When each record was last audited as opened, so an opening is recorded once per person per minute. */
  private recordOpenedAt = new Map<string, number>();
  /** A key rotation is running: the records file is being swapped, so nothing else may touch it. */
  private rotating = false;
  /** A lock asked for during a rotation, done as soon as the rotation ends. */
  private lockAfterRotation: Events['session.locked']['reason'] | null = null;

  constructor(readonly options: CoreOptions) {
    this.paths = vaultPaths(options.dataDir);
    this.backups = new BackupService(this);
  }

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  private get vaultOpts(): VaultOptions {
    return { nativeBinding: this.options.nativeBinding, kdfCost: this.options.kdfCost };
  }

  get vaultOptions(): VaultOptions {
    return this.vaultOpts;
  }

  vaultExists(): boolean {
    return vaultExists(this.paths);
  }

  get session(): Session | null {
    return this.state?.session ?? null;
  }

  /** The open database; only reachable with a session, which the router has already checked. */
  get db(): Db {
    if (!this.state) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    if (this.rotating) throw new DoorwayError('CONFLICT', 'Doorway is changing the vault key. This takes a moment; please try again when it is done.');
    return this.state.db;
  }

  get dataKey(): Buffer {
    if (!this.state) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    return this.state.dataKey;
  }

  get vaultId(): string {
    if (!this.state) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    return this.state.vaultId;
  }

  // ---- events -------------------------------------------------------------------------------------

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener<EventName>);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(name: E, payload: Events[E]): void {
    for (const l of this.listeners.get(name) ?? []) {
      try {
        l(payload);
      } catch (e) {
        this.options.log?.('event listener failed', e);
      }
    }
  }

  // ---- audit --------------------------------------------------------------------------------------

  /** Writes an audit event attributed to the current session (call inside the change's transaction). */
  audit(e: Omit<AuditInput, 'at' | 'actor'> & { actor?: AuditInput['actor'] }): void {
    recordAudit(this.db, { at: this.nowIso(), actor: e.actor ?? this.actor(), ...e });
  }

  /** The signed-in staff member as an audit actor; emergency access carries the name its user gave. */
  private actor(): AuditInput['actor'] {
    const s = this.session;
    if (!s) return { id: null, username: null };
    return { id: s.user.id, username: s.emergencyName ? emergencyActorUsername(s.emergencyName) : s.user.username, emergency: s.emergency };
  }

  /** Audits the opening of a person's record: once per person per staff member per minute, not per query. */
  noteRecordOpened(personId: number): void {
    const s = this.session;
    if (!s) return;
    const key = `${s.user.id}:${personId}`;
    const now = this.now().getTime();
    const last = this.recordOpenedAt.get(key);
    if (last !== undefined && now - last < 60_000) return;
    this.recordOpenedAt.set(key, now);
    this.db.transaction(() => this.audit({ action: 'person.open', subjectType: 'person', subjectId: personId }))();
  }

  // ---- first run ----------------------------------------------------------------------------------

  beginSetup(): PendingSetup {
    if (this.vaultExists()) throw new DoorwayError('VAULT_EXISTS', 'Doorway is already set up on this computer. Please sign in.');
    const recoveryCode = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
    const first = randomInt(1, RECOVERY_GROUPS + 1);
    let second = randomInt(1, RECOVERY_GROUPS + 1);
    while (second === first) second = randomInt(1, RECOVERY_GROUPS + 1);
    const confirmGroups: [number, number] = first < second ? [first, second] : [second, first];
    this.pendingSetup = { recoveryCode, confirmGroups };
    return this.pendingSetup;
  }

  async completeSetup(input: {
    clinicName: string;
    peopleWord: PeopleWord;
    admin: { username: string; displayName: string; password: string };
    confirmation: string[];
  }): Promise<SessionInfo> {
    const pending = this.pendingSetup;
    if (!pending) throw new DoorwayError('CONFLICT', 'Please start the setup again: the recovery code step was not reached.');
    const groups = pending.recoveryCode.split('-');
    const mismatched = pending.confirmGroups.filter((g, i) => normalizeGroup(input.confirmation[i] ?? '') !== groups[g - 1]);
    if (mismatched.length > 0) {
      const typo = mismatched.some((g) => isGroupValid(input.confirmation[pending.confirmGroups.indexOf(g)] ?? '', g - 1));
      throw new DoorwayError(
        'RECOVERY_CODE_INVALID',
        `Group ${mismatched.join(' and ')} doesn't match the recovery code shown${typo ? '' : ' (check for a typo)'}. Look at the code again and retype it.`,
      );
    }
    const settings: ClinicSettings = { ...DEFAULT_SETTINGS, clinicName: input.clinicName, peopleWord: input.peopleWord };
    const opened = await createVault(
      this.paths,
      { settings, admin: input.admin, recoveryCode: pending.recoveryCode, now: this.nowIso() },
      this.vaultOpts,
    );
    this.pendingSetup = null;
    const user = staffByUsername(opened.db, input.admin.username)!;
    this.state = { db: opened.db, dataKey: opened.dataKey, vaultId: opened.vaultId, session: this.newSession(user, false) };
    this.db.transaction(() => this.audit({ action: 'session.signIn', details: { firstRun: true } }))();
    return this.sessionInfo();
  }

  // ---- signing in ---------------------------------------------------------------------------------

  private newSession(user: StaffRecord, emergency: boolean): Session {
    return { user, emergency, lastActivityAt: this.now().getTime() };
  }

  private checkThrottle(username: string): void {
    const wait = this.throttle.waitMs(username, this.now().getTime());
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new DoorwayError('THROTTLED', `Too many tries in a row. Please wait ${seconds} seconds, then try again.`, {
        retryAfterSeconds: seconds,
      });
    }
  }

  private noteFailure(username: string | null): void {
    this.throttle.recordFailure(username ?? BREAK_GLASS_THROTTLE, this.now().getTime());
    try {
      const file = readKeyslots(this.paths.keyslots);
      this.pendingFailures.push(
        username === null ? { at: this.nowIso(), lookup: null, via: 'recoveryCode' } : { at: this.nowIso(), lookup: usernameLookup(file.vaultId, username) },
      );
      if (this.pendingFailures.length > 1000) this.pendingFailures.shift();
    } catch {
      // No readable key file: nothing to attribute the attempt to.
    }
  }

  /**
   * Opens the vault for a user and records the sign-in together with earlier failed attempts, and with
   * the outcome of a key rotation that an interruption left for this sign-in to settle.
   */
  private startSession(
    opened: { db: Db; dataKey: Buffer; vaultId: string; settled: Settled },
    user: StaffRecord,
    how: { action: 'session.signIn' | 'session.breakGlass'; emergencyName?: string; details?: Record<string, unknown> },
  ) {
    const { db, dataKey, vaultId, settled } = opened;
    this.endSession();
    const session = this.newSession(user, how.action === 'session.breakGlass');
    if (how.emergencyName) session.emergencyName = how.emergencyName;
    this.state = { db, dataKey, vaultId, session };
    const failures = this.pendingFailures;
    this.pendingFailures = [];
    db.transaction(() => {
      const known = failures.length ? (db.prepare('SELECT id, username FROM staff_users').all() as { id: number; username: string }[]) : [];
      for (const f of failures) {
        const who = f.lookup === null ? undefined : known.find((k) => usernameLookup(vaultId, k.username) === f.lookup);
        recordAudit(db, {
          at: f.at,
          actor: { id: who?.id ?? null, username: who?.username ?? null },
          action: 'session.signInFailed',
          details: f.via ? { knownUser: false, with: f.via } : { knownUser: Boolean(who) },
        });
      }
      recordSettlement(db, settled, this.nowIso(), this.actor());
      this.audit({ action: how.action, details: how.details ?? {} });
    })();
  }

  /**
   * After a secret opened a slot: the records file opened (settling an interrupted rotation), and the
   * slot brought up to date: a first-format slot is re-made as a sealed one, and the records learn a
   * sealed slot's public key if they do not hold it yet (a sealed key that opened is its own proof).
   */
  private async openWith(unlocked: Unlocked, secret: string) {
    const opened = openUnlocked(this.paths, unlocked, this.vaultOpts);
    let slot: Slot = unlocked.slot;
    try {
      if (opened.settled === 'none') slot = (await upgradeDirectSlot(this.paths, unlocked, secret, this.vaultOpts)) ?? slot;
      if (isSealedSlot(slot) && readSlotKeys(opened.db)[slot.id]?.publicKey !== slot.publicKey) {
        const sealed = slot;
        opened.db.transaction(() => recordSlotKey(opened.db, sealed))();
      }
    } catch (e) {
      // The vault opened; bringing the slot up to date can wait for the next sign-in.
      this.options.log?.('could not update a key slot after signing in', e);
    }
    return { ...opened, vaultId: opened.file.vaultId, slotId: unlocked.slot.id };
  }

  async signIn(username: string, password: string): Promise<SessionInfo> {
    if (!this.vaultExists()) throw new DoorwayError('NO_VAULT', 'Doorway is not set up on this computer yet.');
    this.checkThrottle(username);
    let opened;
    try {
      opened = await this.openWith(await unlockWithPassword(this.paths, username, password, this.vaultOpts), password);
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'SIGN_IN_FAILED') this.noteFailure(username);
      throw e;
    }
    const user = staffBySlot(opened.db, opened.slotId);
    if (!user || user.disabled) {
      opened.db.close();
      opened.dataKey.fill(0);
      this.noteFailure(username);
      throw new DoorwayError(
        user ? 'ACCOUNT_DISABLED' : 'SIGN_IN_FAILED',
        user ? 'This account is turned off. Please ask an administrator.' : "That username and password don't match. Check both and try again.",
      );
    }
    this.throttle.recordSuccess(username);
    this.startSession(opened, user, { action: 'session.signIn' });
    return this.sessionInfo();
  }

  /** Forgot password: the recovery code opens the vault and the staff user gets a new password. */
  async recover(username: string, recoveryCode: string, newPassword: string): Promise<SessionInfo> {
    if (!this.vaultExists()) throw new DoorwayError('NO_VAULT', 'Doorway is not set up on this computer yet.');
    this.checkThrottle(`recovery:${username}`);
    let unlocked;
    try {
      unlocked = await unlockWithRecovery(this.paths, recoveryCode);
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'RECOVERY_CODE_INVALID') this.throttle.recordFailure(`recovery:${username}`, this.now().getTime());
      throw e;
    }
    const opened = await this.openWith(unlocked, canonicalCode(recoveryCode));
    const db = opened.db;
    const user = staffByUsername(db, username);
    if (!user || user.disabled) {
      db.close();
      opened.dataKey.fill(0);
      throw new DoorwayError('NOT_FOUND', user ? 'This account is turned off. Please ask an administrator.' : 'There is no staff user with that username.');
    }
    const slot = await rewrapPasswordSlot(this.paths, user.slotId, user.username, newPassword, opened.dataKey, this.vaultOpts);
    db.transaction(() => {
      db.prepare('UPDATE staff_users SET must_change_password = 0 WHERE id = ?').run(user.id);
      recordSlotKey(db, slot);
    })();
    this.throttle.recordSuccess(`recovery:${username}`);
    this.throttle.recordSuccess(username);
    this.startSession(opened, { ...user, mustChangePassword: false }, { action: 'session.signIn' });
    this.db.transaction(() => this.audit({ action: 'session.recover', subjectType: 'staff_user', subjectId: user.id }))();
    return this.sessionInfo();
  }

  /**
   * Break-glass: the recovery code opens an administrator session marked as emergency access. Every
   * action in it is audited as emergency access, with the name its user gave.
   */
  async breakGlass(recoveryCode: string, name: string): Promise<SessionInfo> {
    if (!this.vaultExists()) throw new DoorwayError('NO_VAULT', 'Doorway is not set up on this computer yet.');
    this.checkThrottle(BREAK_GLASS_THROTTLE);
    let unlocked;
    try {
      unlocked = await unlockWithRecovery(this.paths, recoveryCode);
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'RECOVERY_CODE_INVALID') this.noteFailure(null);
      throw e;
    }
    const opened = await this.openWith(unlocked, canonicalCode(recoveryCode));
    const user = opened.db.transaction(() => ensureEmergencyStaff(opened.db, this.nowIso()))();
    this.throttle.recordSuccess(BREAK_GLASS_THROTTLE);
    this.startSession(opened, { ...user, displayName: `${user.displayName}: ${name}` }, { action: 'session.breakGlass', emergencyName: name, details: { name } });
    return this.sessionInfo();
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo> {
    const s = this.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    if (s.emergency) {
      throw new DoorwayError('FORBIDDEN', 'Emergency access has no password of its own. To set a password for someone, reset it under Staff accounts.');
    }
    try {
      await unlockWithPassword(this.paths, s.user.username, currentPassword, this.vaultOpts).then((u) => u.dataKey.fill(0));
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'SIGN_IN_FAILED') {
        throw new DoorwayError('SIGN_IN_FAILED', "That current password isn't right. Nothing was changed.");
      }
      throw e;
    }
    const slot = await rewrapPasswordSlot(this.paths, s.user.slotId, s.user.username, newPassword, this.dataKey, this.vaultOpts);
    this.db.transaction(() => {
      this.db.prepare('UPDATE staff_users SET must_change_password = 0 WHERE id = ?').run(s.user.id);
      recordSlotKey(this.db, slot);
      this.audit({ action: 'session.changePassword', subjectType: 'staff_user', subjectId: s.user.id });
    })();
    s.user = { ...s.user, mustChangePassword: false };
    return this.sessionInfo();
  }

  sessionInfo(): SessionInfo {
    const s = this.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    return {
      user: publicStaff(s.user),
      mustChangePassword: s.user.mustChangePassword,
      emergency: s.emergency,
      emergencyName: s.emergencyName ?? null,
      settings: readSettings(this.db),
    };
  }

  // ---- locking ------------------------------------------------------------------------------------

  /** Closes the database and zeroes the key. Nothing of the session stays in memory. */
  private endSession(): void {
    const st = this.state;
    if (!st) return;
    this.state = null;
    this.recordOpenedAt.clear();
    try {
      st.db.close();
    } finally {
      st.dataKey.fill(0);
    }
  }

  lock(reason: Events['session.locked']['reason']): void {
    if (!this.state) return;
    if (this.rotating) {
      // Closing the records mid-swap would interrupt the rotation for nothing; lock right after it.
      this.lockAfterRotation = reason;
      return;
    }
    try {
      this.db.transaction(() => this.audit({ action: reason === 'signedOut' ? 'session.signOut' : 'session.lock', details: { reason } }))();
    } catch (e) {
      this.options.log?.('could not record the lock in the audit trail', e);
    }
    this.endSession();
    this.emit('session.locked', { reason });
  }

  touch(): number {
    const s = this.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    s.lastActivityAt = this.now().getTime();
    return readSettings(this.db).idleLockMinutes;
  }

  // ---- key rotation -------------------------------------------------------------------------------

  /**
   * A new data key (vault/rotation.ts). While it runs, every other call is told to wait, the idle lock
   * waits, and `vault.rotation` events report each stage.
   */
  async rotateKey(): Promise<{ rotatedAt: string; slots: number; removedSlots: number }> {
    const st = this.state;
    if (!st) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    if (this.rotating) throw new DoorwayError('CONFLICT', 'The vault key is already being changed.');
    const recipients = rotationRecipients(st.db, readKeyslots(this.paths.keyslots));
    const actor = this.actor();
    this.rotating = true;
    try {
      const outcome = await rotateDataKey({
        paths: this.paths,
        db: st.db,
        dataKey: st.dataKey,
        recipients,
        opts: this.vaultOpts,
        progress: async (stage, step, steps) => {
          this.emit('vault.rotation', { stage, step, steps });
          // A turn of the event loop, so the window receives the stage before the next one runs.
          await new Promise<void>((resolve) => setImmediate(resolve));
        },
        recordAudit: (db, details) => recordAudit(db, { at: this.nowIso(), actor, action: 'vault.rotateKey', details }),
        log: this.options.log,
      });
      if (outcome.ok) {
        st.db = outcome.db;
        st.dataKey = outcome.dataKey;
        return { rotatedAt: this.nowIso(), slots: outcome.slots, removedSlots: outcome.removedSlots };
      }
      if (outcome.db) st.db = outcome.db;
      else this.lockAfterRotation = 'system';
      if (outcome.error instanceof DoorwayError) throw outcome.error;
      this.options.log?.('key rotation failed', outcome.error);
      throw new DoorwayError('INTERNAL', 'The vault key could not be changed. Nothing was changed; the current key stays in use.');
    } finally {
      this.rotating = false;
      const pending = this.lockAfterRotation;
      this.lockAfterRotation = null;
      if (pending) this.lock(pending);
    }
  }

  /** Locks when nobody has touched the app for the clinic's idle time. Returns true if it locked. */
  checkIdle(): boolean {
    const s = this.session;
    if (!s || this.rotating) return false;
    const minutes = readSettings(this.db).idleLockMinutes;
    if (this.now().getTime() - s.lastActivityAt >= minutes * 60_000) {
      this.lock('idle');
      return true;
    }
    return false;
  }

  startIdleTimer(intervalMs = 10_000): void {
    this.stopIdleTimer();
    this.idleTimer = setInterval(() => this.checkIdle(), intervalMs);
    this.idleTimer.unref?.();
  }

  stopIdleTimer(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  /** On quit: lock (audited) and stop timers. */
  close(): void {
    this.backups.stopSchedule();
    this.stopIdleTimer();
    this.lock('system');
  }
}
