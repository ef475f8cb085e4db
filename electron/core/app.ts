import { randomBytes, randomInt } from 'node:crypto';
import { formatRecoveryCode, isGroupValid, normalizeGroup, RECOVERY_CODE_BYTES, RECOVERY_GROUPS } from '../../shared/recovery-code';
import type { Events, EventName } from '../../shared/contract';
import type { ClinicSettings, SessionInfo } from '../../shared/contract/schemas';
import type { PeopleWord } from '../../shared/people-word';
import { recordAudit, type AuditInput } from './audit/audit';
import type { Db } from './db/database';
import { DoorwayError } from './errors';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { SignInThrottle } from './session/throttle';
import { publicStaff, staffBySlot, staffByUsername, type StaffRecord } from './staff';
import { readKeyslots, usernameLookup } from './vault/keyslots';
import {
  createVault,
  openVaultDb,
  rewrapPasswordSlot,
  unlockWithPassword,
  unlockWithRecovery,
  vaultExists,
  vaultPaths,
  type KdfCost,
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

/**
 * The one owner of the data while the app runs: holds the open database and the data key only while
 * someone is signed in, and drops both on lock. Everything reaches it through the router.
 */
export class DoorwayCore {
  readonly paths: VaultPaths;
  private state: OpenState | null = null;
  private pendingSetup: PendingSetup | null = null;
  private readonly throttle = new SignInThrottle();
  /** Failed sign-ins happen while the vault is closed; they are written to the audit trail at the next unlock. */
  private pendingFailures: { at: string; lookup: string }[] = [];
  private listeners = new Map<EventName, Set<Listener<EventName>>>();
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  /** When each record was last audited as opened, so an opening is recorded once per person per minute. */
  private recordOpenedAt = new Map<string, number>();

  constructor(readonly options: CoreOptions) {
    this.paths = vaultPaths(options.dataDir);
  }

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  private get vaultOpts() {
    return { nativeBinding: this.options.nativeBinding, kdfCost: this.options.kdfCost };
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
    return this.state.db;
  }

  get dataKey(): Buffer {
    if (!this.state) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    return this.state.dataKey;
  }

  // ---- events -------------------------------------------------------------------------------------

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener<EventName>);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener<EventName>);
  }

  private emit<E extends EventName>(name: E, payload: Events[E]): void {
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
    const s = this.session;
    recordAudit(this.db, {
      at: this.nowIso(),
      actor: e.actor ?? { id: s?.user.id ?? null, username: s?.user.username ?? null, emergency: s?.emergency ?? false },
      ...e,
    });
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

  private noteFailure(username: string): void {
    this.throttle.recordFailure(username, this.now().getTime());
    try {
      const file = readKeyslots(this.paths.keyslots);
      this.pendingFailures.push({ at: this.nowIso(), lookup: usernameLookup(file.vaultId, username) });
      if (this.pendingFailures.length > 1000) this.pendingFailures.shift();
    } catch {
      // No readable key file: nothing to attribute the attempt to.
    }
  }

  /** Opens the vault for a user and records the sign-in together with earlier failed attempts. */
  private startSession(db: Db, dataKey: Buffer, vaultId: string, user: StaffRecord, emergency: boolean, details: Record<string, unknown>) {
    this.endSession();
    this.state = { db, dataKey, vaultId, session: this.newSession(user, emergency) };
    const failures = this.pendingFailures;
    this.pendingFailures = [];
    db.transaction(() => {
      const known = failures.length ? (db.prepare('SELECT id, username FROM staff_users').all() as { id: number; username: string }[]) : [];
      for (const f of failures) {
        const who = known.find((k) => usernameLookup(vaultId, k.username) === f.lookup);
        recordAudit(db, {
          at: f.at,
          actor: { id: who?.id ?? null, username: who?.username ?? null },
          action: 'session.signInFailed',
          details: { knownUser: Boolean(who) },
        });
      }
      this.audit({ action: 'session.signIn', details });
    })();
  }

  async signIn(username: string, password: string): Promise<SessionInfo> {
    if (!this.vaultExists()) throw new DoorwayError('NO_VAULT', 'Doorway is not set up on this computer yet.');
    this.checkThrottle(username);
    let unlocked;
    try {
      unlocked = await unlockWithPassword(this.paths, username, password, this.vaultOpts);
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'SIGN_IN_FAILED') this.noteFailure(username);
      throw e;
    }
    const db = openVaultDb(this.paths, unlocked.dataKey, this.vaultOpts);
    const user = staffBySlot(db, unlocked.slot.id);
    if (!user || user.disabled) {
      db.close();
      unlocked.dataKey.fill(0);
      this.noteFailure(username);
      throw new DoorwayError(
        user ? 'ACCOUNT_DISABLED' : 'SIGN_IN_FAILED',
        user ? 'This account is turned off. Please ask an administrator.' : "That username and password don't match. Check both and try again.",
      );
    }
    this.throttle.recordSuccess(username);
    this.startSession(db, unlocked.dataKey, unlocked.file.vaultId, user, false, {});
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
    const db = openVaultDb(this.paths, unlocked.dataKey, this.vaultOpts);
    const user = staffByUsername(db, username);
    if (!user || user.disabled) {
      db.close();
      unlocked.dataKey.fill(0);
      throw new DoorwayError('NOT_FOUND', user ? 'This account is turned off. Please ask an administrator.' : 'There is no staff user with that username.');
    }
    await rewrapPasswordSlot(this.paths, user.slotId, user.username, newPassword, unlocked.dataKey, this.vaultOpts);
    db.prepare('UPDATE staff_users SET must_change_password = 0 WHERE id = ?').run(user.id);
    this.throttle.recordSuccess(`recovery:${username}`);
    this.throttle.recordSuccess(username);
    this.startSession(db, unlocked.dataKey, unlocked.file.vaultId, { ...user, mustChangePassword: false }, false, {});
    this.db.transaction(() => this.audit({ action: 'session.recover', subjectType: 'staff_user', subjectId: user.id }))();
    return this.sessionInfo();
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo> {
    const s = this.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', 'Please sign in to continue.');
    try {
      await unlockWithPassword(this.paths, s.user.username, currentPassword, this.vaultOpts).then((u) => u.dataKey.fill(0));
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'SIGN_IN_FAILED') {
        throw new DoorwayError('SIGN_IN_FAILED', "That current password isn't right. Nothing was changed.");
      }
      throw e;
    }
    await rewrapPasswordSlot(this.paths, s.user.slotId, s.user.username, newPassword, this.dataKey, this.vaultOpts);
    this.db.transaction(() => {
      this.db.prepare('UPDATE staff_users SET must_change_password = 0 WHERE id = ?').run(s.user.id);
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

  /** Locks when nobody has touched the app for the clinic's idle time. Returns true if it locked. */
  checkIdle(): boolean {
    const s = this.session;
    if (!s) return false;
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
    this.stopIdleTimer();
    this.lock('system');
  }
}
