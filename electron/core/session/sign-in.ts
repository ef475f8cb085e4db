import { join } from 'node:path';
import { parseRecoveryCode } from '../../../shared/recovery-code';
import type { SessionInfo } from '../../../shared/contract/schemas';
import { recordAudit, recordAuditIn } from '../audit/audit';
import { actorOf } from '../audit/actor';
import type { DataFolder } from '../data-folder';
import { canReadClinical, type Role } from '../../../shared/roles';
import { sqliteData } from '../data/sqlite';
import type { ClinicalRecovery } from '../data/sqlite-pair';
import type { Db } from '../db/database';
import { DoorwayError, SIGN_IN_FAILED } from '../errors';
import { msg } from '../../../shared/messages';
import type { Clock } from '../platform/clock';
import type { Log } from '../platform/log';
import { readSettingsIn } from '../settings/settings';
import { expireDrafts } from '../drafts/drafts';
import { rotationRecipients } from '../users/key-recipients';
import { ensureEmergencyStaff } from '../users/emergency';
import { publicStaff, staffLanguageIn, staffBySlot, staffByUsername, listStaffLogins, setMustChangePassword, type StaffRecord } from '../users/staff';
import { isSealedSlot, readKeyslots, usernameLookup, type Slot } from '../vault/keyslots';
import { openUnlocked, recordSettlement, type Settled } from '../vault/rotation';
import type { VaultSession } from '../vault/session';
import { readSlotKeysIn, recordSlotKeyIn } from '../vault/slot-keys';
import { splitClinicalStore } from '../vault/clinical-split';
import { hasClinicalStore, makeSlot, openClinicalStore, rewrapPasswordSlot, unlockSlotsWithPassword, unlockWithPassword, unlockWithRecovery, upgradeDirectSlot, type Unlocked } from '../vault/vault';
import type { Transaction } from 'kysely';
import type { Database } from '../data/schema';
import { postgresData, postgresPool, type PostgresTarget } from '../data/postgres';
import type { HubLinkHolder } from '../hub/link';
import { recoverOnHub, signInToHub, type HubSession } from '../hub/session';
import { hubKeyslotStore } from '../vault/keyslot-store';
import { fileThrottleStore, SignInThrottle, type Attempt } from './throttle';

/** A turned-off account, and a username nobody has, when the recovery code is used for it. */
const ACCOUNT_OFF = msg('access.accountOff');
const NO_SUCH_USER = msg('access.noSuchUser');

/** Throttle key for emergency access: its attempts have no username. */
const BREAK_GLASS_THROTTLE = 'breakGlass';
/** The sign-in counters, beside the key slots (no usernames in it, only their lookups). */
export const THROTTLE_FILE = 'sign-in-throttle.json';

/** The recovery code as its slot's key derivation takes it (after it has been accepted). */
function canonicalCode(code: string): string {
  const parsed = parseRecoveryCode(code);
  return parsed.ok ? parsed.canonical : code;
}

/** The clinical store as a session gets it: open for a role that may read it, and what opening it put right. */
interface ClinicalOpening {
  clinical: Db | null;
  clinicalKey: Buffer | null;
  recovered: Extract<ClinicalRecovery, { undone: true }> | null;
  unavailable: string | null;
}

interface PendingFailure {
  at: string;
  lookup: string | null;
  via?: 'recoveryCode';
}

/**
 * Signing in, the recovery code (forgotten password, emergency access) and changing one's password.
 * Each opens the vault's key slot with the secret, then hands the open records to the vault session.
 */
export class SignInService {
  private readonly throttle: SignInThrottle;
  /** Failed sign-ins happen while the vault is closed; they are written to the audit trail at the next unlock. */
  private pendingFailures: PendingFailure[] = [];

  constructor(private readonly deps: { vault: VaultSession; folder: DataFolder; clock: Clock; log: Log; link: HubLinkHolder }) {
    const { paths } = deps.vault;
    this.throttle = new SignInThrottle(fileThrottleStore(join(paths.dir, THROTTLE_FILE)), (typed) => this.lookupOf(typed));
  }

  private get paths() {
    return this.deps.vault.paths;
  }

  private get vaultOptions() {
    return this.deps.vault.options;
  }

  /**
   * What usernames are hashed with for the sign-in counters and the failed attempts kept for the trail:
   * the vault's id on one computer; on a hub (whose key slots are not read before a sign-in succeeds)
   * the hub's address, the same on every attempt from this computer.
   */
  private lookupSalt(): string {
    const hub = this.deps.link.address;
    if (hub) return `hub:${hub.host}:${hub.port}/${hub.database}`;
    return readKeyslots(this.paths.keyslots).vaultId;
  }

  private lookupOf(typed: string): string {
    try {
      return usernameLookup(this.lookupSalt(), typed);
    } catch {
      return usernameLookup('no-vault', typed);
    }
  }

  private requireVault(): void {
    if (this.deps.link.problem) throw this.deps.link.problem;
    if (this.deps.link.target) return;
    if (!this.deps.folder.vaultExists()) throw new DoorwayError('NO_VAULT', msg('access.notSetUp'));
  }

  private beginAttempt(key: string): Attempt {
    return this.throttle.begin(key, this.deps.clock.now().getTime());
  }

  private noteFailure(username: string | null, via?: 'recoveryCode'): void {
    try {
      const salt = this.lookupSalt();
      this.pendingFailures.push({ at: this.deps.clock.nowIso(), lookup: username === null ? null : usernameLookup(salt, username), ...(via ? { via } : {}) });
      if (this.pendingFailures.length > 1000) this.pendingFailures.shift();
    } catch {
      // No readable key file: nothing to attribute the attempt to.
    }
  }

  /**
   * Opens the vault for a user and records the sign-in together with earlier failed attempts, and with
   * the outcome of a key rotation that an interruption left for this sign-in to settle.
   */
  private async startSession(
    opened: { db: Db; dataKey: Buffer; vaultId: string; settled: Settled },
    clinical: ClinicalOpening,
    user: StaffRecord,
    how: { action: 'session.signIn' | 'session.breakGlass'; emergencyName?: string; details?: Record<string, unknown> },
  ): Promise<void> {
    const { vault, clock } = this.deps;
    const { db, settled } = opened;
    const session = vault.newSession(user, how.action === 'session.breakGlass');
    if (how.emergencyName) session.emergencyName = how.emergencyName;
    vault.begin({ ...opened, clinical: clinical.clinical, clinicalKey: clinical.clinicalKey }, session);
    const actor = actorOf(session);
    await vault.open().data.transaction().execute(async (trx) => {
      await this.recordFailuresIn(trx);
      // Key rotation's own module still records on the connection; it is the same one, in this transaction.
      recordSettlement(db, settled, clock.nowIso(), actor);
      if (clinical.recovered) {
        await recordAuditIn(trx, { at: clock.nowIso(), actor, action: 'vault.clinicalRecovered', details: { undoneChanges: clinical.recovered.rows, transaction: clinical.recovered.seq } });
      }
      if (clinical.unavailable) await recordAuditIn(trx, { at: clock.nowIso(), actor, action: 'vault.clinicalUnavailable', details: { reason: clinical.unavailable } });
      // A restore that opening the folder finished after an interruption (data-folder.ts).
      for (const r of this.deps.folder.takeFinishedRestores()) {
        await recordAuditIn(trx, {
          at: r.at,
          actor: { id: null, username: null },
          action: r.reason === 'undo' ? 'backup.undoRestore' : 'backup.restore',
          subjectType: 'backup',
          details: { ok: true, bundle: r.restoredBundle, setAsideAs: r.setAsideAs, finishedAfterInterruption: true },
        });
      }
      await recordAuditIn(trx, { at: clock.nowIso(), actor, action: how.action, details: how.details ?? {} });
      await this.expireOldDraftsIn(trx, clinical.clinical !== null);
    });
  }

  /** A hub session's opening in the trail: on the core's clock, after the failed attempts that came before it. */
  private hubTrail() {
    return { now: () => this.deps.clock.nowIso(), before: (trx: Transaction<Database>) => this.recordFailuresIn(trx) };
  }

  /** Failed sign-ins happen while the records are closed; they go to the trail at the next sign-in, with whom they named. */
  private async recordFailuresIn(trx: Transaction<Database>): Promise<void> {
    const failures = this.pendingFailures;
    this.pendingFailures = [];
    if (!failures.length) return;
    const salt = this.lookupSalt();
    const known = await listStaffLogins(trx);
    for (const f of failures) {
      const who = f.lookup === null ? undefined : known.find((k) => usernameLookup(salt, k.username) === f.lookup);
      await recordAuditIn(trx, {
        at: f.at,
        actor: { id: who?.id ?? null, username: who?.username ?? null },
        action: 'session.signInFailed',
        details: f.via ? { knownUser: Boolean(who), with: f.via } : { knownUser: Boolean(who) },
      });
    }
  }

  /** Unsaved work older than the clinic's limit goes, as Doorway's own act. */
  private async expireOldDraftsIn(trx: Transaction<Database>, clinicalOpen: boolean): Promise<void> {
    const { clock } = this.deps;
    const days = (await readSettingsIn(trx)).draftExpiryDays;
    const expired = await expireDrafts(trx, new Date(clock.now().getTime() - days * 86_400_000).toISOString(), clinicalOpen);
    if (expired > 0) await recordAuditIn(trx, { at: clock.nowIso(), actor: { id: null, username: null }, action: 'draft.expire', details: { drafts: expired, olderThanDays: days } });
  }

  /**
   * Signing in on a computer joined to a clinic hub: the hub's key slots open with the password as on
   * one computer, and the session runs on the staff member's role login (hub/session.ts). The same
   * counters slow down guessing here; failed attempts reach the hub's trail at the next sign-in.
   */
  private async signInOnHub(hub: PostgresTarget, username: string, password: string): Promise<SessionInfo> {
    const attempt = this.beginAttempt(username);
    const gate = postgresData(postgresPool({ ...hub, max: 1 }));
    let opened: HubSession;
    try {
      opened = await signInToHub(gate, hub, username, password, this.vaultOptions, this.hubTrail());
    } catch (e) {
      if (e instanceof DoorwayError && (e.code === 'SIGN_IN_FAILED' || e.code === 'ACCOUNT_DISABLED')) {
        attempt.failed();
        this.noteFailure(username);
      } else {
        attempt.cancelled();
      }
      throw e;
    } finally {
      await gate.destroy();
    }
    attempt.succeeded();
    const { vault } = this.deps;
    vault.beginHub(opened, vault.newSession(opened.user, false));
    await vault.open().data.transaction().execute((trx) => this.expireOldDraftsIn(trx, opened.clinicalKey !== null));
    vault.noteAuditWritten();
    return this.sessionInfo();
  }

  /**
   * After a secret opened a slot: the records file opened (settling an interrupted rotation), and the
   * slot brought up to date: a first-format slot is re-made as a sealed one, and the records learn a
   * sealed slot's public key if they do not hold it yet (a sealed key that opened is its own proof).
   */
  private async openWith(unlocked: Unlocked, secret: string) {
    const opened = openUnlocked(this.paths, unlocked, this.vaultOptions);
    let slot: Slot = unlocked.slot;
    try {
      if (opened.settled === 'none') slot = (await upgradeDirectSlot(this.paths, unlocked, secret, this.vaultOptions)) ?? slot;
      const main = sqliteData(opened.db);
      if (isSealedSlot(slot) && (await readSlotKeysIn(main))[slot.id]?.publicKey !== slot.publicKey) {
        const sealed = slot;
        await main.transaction().execute((trx) => recordSlotKeyIn(trx, sealed));
      }
    } catch (e) {
      // The vault opened; bringing the slot up to date can wait for the next sign-in.
      this.deps.log('could not update a key slot after signing in', e);
    }
    return { ...opened, vaultId: opened.file.vaultId, slotId: unlocked.slot.id, clinicalKey: unlocked.clinicalKey };
  }

  /**
   * The clinical store for a role that may read it: opened with the slot's clinical key, or, in a vault
   * from before the clinical store, made now (vault/clinical-split.ts). If it cannot be opened, the
   * session goes on without it (an administrator can still restore a backup) and the audit trail says so.
   */
  private async openClinicalFor(opened: { db: Db; clinicalKey: Buffer | null }, user: { id: number; username: string; role: Role }): Promise<ClinicalOpening> {
    const none = (unavailable: string | null = null): ClinicalOpening => ({ clinical: null, clinicalKey: null, recovered: null, unavailable });
    if (!canReadClinical(user.role)) {
      opened.clinicalKey?.fill(0);
      return none();
    }
    const { db, clinicalKey } = opened;
    try {
      if (hasClinicalStore(db)) {
        if (!clinicalKey) return none('noKeyInSlot');
        const { clinical, recovery } = openClinicalStore(this.paths, clinicalKey, db, this.vaultOptions);
        return { clinical, clinicalKey, recovered: recovery.undone ? recovery : null, unavailable: null };
      }
      const recipients = await rotationRecipients(sqliteData(db), readKeyslots(this.paths.keyslots), 'clinical');
      const split = splitClinicalStore({
        paths: this.paths,
        main: db,
        clinicalKey,
        recipients,
        opts: this.vaultOptions,
        // The split is the vault's own synchronous step (its files must be settled before anything else runs).
        audit: (details) => recordAudit(db, { at: this.deps.clock.nowIso(), actor: { id: user.id, username: user.username }, action: 'vault.clinicalStoreCreated', details }),
      });
      if (!split) return none('recoverySlotNotSealed');
      return { clinical: split.clinical, clinicalKey: split.clinicalKey, recovered: null, unavailable: null };
    } catch (e) {
      this.deps.log('the clinical store could not be opened', e);
      clinicalKey?.fill(0);
      return none(e instanceof DoorwayError ? e.code : 'INTERNAL');
    }
  }

  /** Unlocks with the recovery code; a wrong code counts against `throttleKey` and goes to the audit trail. */
  private unlockRecovery(recoveryCode: string, attempt: Attempt, username: string | null): Promise<Unlocked> {
    return this.countedRecovery(attempt, username, () => unlockWithRecovery(this.paths, recoveryCode));
  }

  /** A use of the recovery code, counted: a wrong code is a failed attempt (and noted for the trail), anything else no attempt at all. */
  private async countedRecovery<T>(attempt: Attempt, username: string | null, use: () => Promise<T>): Promise<T> {
    try {
      const done = await use();
      attempt.succeeded();
      return done;
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'RECOVERY_CODE_INVALID') {
        attempt.failed();
        this.noteFailure(username, 'recoveryCode');
      } else {
        attempt.cancelled();
      }
      throw e;
    }
  }

  async signIn(username: string, password: string): Promise<SessionInfo> {
    this.requireVault();
    const hub = this.deps.link.target;
    if (hub) return this.signInOnHub(hub, username, password);
    const attempt = this.beginAttempt(username);
    let opened;
    try {
      opened = await this.openWith(await unlockWithPassword(this.paths, username, password, this.vaultOptions), password);
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'SIGN_IN_FAILED') {
        attempt.failed();
        this.noteFailure(username);
      } else {
        attempt.cancelled();
      }
      throw e;
    }
    const user = await staffBySlot(sqliteData(opened.db), opened.slotId);
    if (!user || user.disabled) {
      opened.db.close();
      opened.dataKey.fill(0);
      attempt.failed();
      this.noteFailure(username);
      throw new DoorwayError(
        user ? 'ACCOUNT_DISABLED' : 'SIGN_IN_FAILED',
        user ? ACCOUNT_OFF : SIGN_IN_FAILED,
      );
    }
    attempt.succeeded();
    await this.startSession(opened, await this.openClinicalFor(opened, user), user, { action: 'session.signIn' });
    return this.sessionInfo();
  }

  /** Forgot password: the recovery code opens the vault and the staff user gets a new password. */
  async recover(username: string, recoveryCode: string, newPassword: string): Promise<SessionInfo> {
    this.requireVault();
    const hub = this.deps.link.target;
    if (hub) {
      return this.recoverOnHub(hub, `recovery:${username}`, username, recoveryCode, async (admin, keys) => {
        const user = await staffByUsername(admin, username);
        if (!user || user.disabled) {
          throw new DoorwayError('NOT_FOUND', user ? ACCOUNT_OFF : NO_SUCH_USER);
        }
        const slot = await makeSlot(keys.vaultId, 'password', newPassword, keys.dataKey, usernameLookup(keys.vaultId, user.username), this.vaultOptions, user.slotId, canReadClinical(user.role) ? keys.clinicalKey : null);
        // Through the administrators' login the code opened: the slot is replaced in place, as the person's own change would be.
        await hubKeyslotStore(admin).replacePasswordSlot(slot);
        await admin.transaction().execute(async (trx) => {
          await setMustChangePassword(trx, user.id, false);
          await recordSlotKeyIn(trx, slot);
        });
        this.throttle.recordSuccess(username);
        return { user: { ...user, mustChangePassword: false }, audit: { action: 'session.recover', subjectId: user.id, details: { hub: true } } };
      });
    }
    const unlocked = await this.unlockRecovery(recoveryCode, this.beginAttempt(`recovery:${username}`), username);
    const opened = await this.openWith(unlocked, canonicalCode(recoveryCode));
    const db = opened.db;
    const user = await staffByUsername(sqliteData(db), username);
    if (!user || user.disabled) {
      db.close();
      opened.dataKey.fill(0);
      throw new DoorwayError('NOT_FOUND', user ? ACCOUNT_OFF : NO_SUCH_USER);
    }
    const clinical = await this.openClinicalFor(opened, user);
    const slot = await rewrapPasswordSlot(this.paths, user.slotId, user.username, newPassword, opened.dataKey, clinical.clinicalKey, this.vaultOptions);
    await sqliteData(db)
      .transaction()
      .execute(async (trx) => {
        await setMustChangePassword(trx, user.id, false);
        await recordSlotKeyIn(trx, slot);
      });
    this.throttle.recordSuccess(username);
    await this.startSession(opened, clinical, { ...user, mustChangePassword: false }, { action: 'session.signIn' });
    await this.auditAsSignedIn({ action: 'session.recover', subjectType: 'staff_user', subjectId: user.id });
    return this.sessionInfo();
  }

  /**
   * Break-glass: the recovery code opens an administrator session marked as emergency access. Every
   * action in it is audited as emergency access, with the name its user gave.
   */
  async breakGlass(recoveryCode: string, name: string): Promise<SessionInfo> {
    this.requireVault();
    const hub = this.deps.link.target;
    if (hub) {
      return this.recoverOnHub(hub, BREAK_GLASS_THROTTLE, null, recoveryCode, async (admin) => {
        const user = await admin.transaction().execute((trx) => ensureEmergencyStaff(trx, this.deps.clock.nowIso()));
        const actor = actorOf({ user, emergency: true, emergencyName: name });
        return { user: { ...user, displayName: `${user.displayName}: ${name}` }, audit: { action: 'session.breakGlass', details: { name, hub: true }, actor } };
      }, name);
    }
    const unlocked = await this.unlockRecovery(recoveryCode, this.beginAttempt(BREAK_GLASS_THROTTLE), null);
    const opened = await this.openWith(unlocked, canonicalCode(recoveryCode));
    const main = sqliteData(opened.db);
    const user = await main.transaction().execute((trx) => ensureEmergencyStaff(trx, this.deps.clock.nowIso()));
    const clinical = await this.openClinicalFor(opened, user);
    await this.startSession(opened, clinical, { ...user, displayName: `${user.displayName}: ${name}` }, { action: 'session.breakGlass', emergencyName: name, details: { name } });
    return this.sessionInfo();
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo> {
    const { vault } = this.deps;
    const s = vault.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', msg('general.signIn'));
    if (s.emergency) {
      throw new DoorwayError('FORBIDDEN', msg('access.emergencyHasNoPassword'));
    }
    const store = vault.keyslots();
    try {
      const current = vault.onHub ? await unlockSlotsWithPassword(await store.read(), null, s.user.username, currentPassword, this.vaultOptions) : await unlockWithPassword(this.paths, s.user.username, currentPassword, this.vaultOptions);
      current.dataKey.fill(0);
      current.clinicalKey?.fill(0);
    } catch (e) {
      if (e instanceof DoorwayError && e.code === 'SIGN_IN_FAILED') {
        throw new DoorwayError('SIGN_IN_FAILED', msg('access.currentPasswordWrong'));
      }
      throw e;
    }
    const slot = vault.onHub
      ? await makeSlot(vault.vaultId, 'password', newPassword, vault.dataKey, usernameLookup(vault.vaultId, s.user.username), this.vaultOptions, s.user.slotId, vault.clinicalKey)
      : await rewrapPasswordSlot(this.paths, s.user.slotId, s.user.username, newPassword, vault.dataKey, vault.clinicalKey, this.vaultOptions);
    // On a hub one call replaces the slot, records its public key and clears the mark (hub-migrations/0006).
    if (vault.onHub) await store.replacePasswordSlot(slot);
    await vault.open().data.transaction().execute(async (trx) => {
      if (!vault.onHub) {
        await setMustChangePassword(trx, s.user.id, false);
        await recordSlotKeyIn(trx, slot);
      }
      await recordAuditIn(trx, { at: this.deps.clock.nowIso(), actor: actorOf(s), action: 'session.changePassword', subjectType: 'staff_user', subjectId: s.user.id });
    });
    vault.noteAuditWritten();
    s.user = { ...s.user, mustChangePassword: false };
    return this.sessionInfo();
  }

  /**
   * The recovery code on a hub (hub/session.ts recoverOnHub): counted against `throttleKey` as on one
   * computer, a wrong code noted for the trail; the session then runs as `whoFor` says.
   */
  private async recoverOnHub(
    hub: PostgresTarget,
    throttleKey: string,
    username: string | null,
    recoveryCode: string,
    whoFor: Parameters<typeof recoverOnHub>[3],
    emergencyName?: string,
  ): Promise<SessionInfo> {
    const gate = postgresData(postgresPool({ ...hub, max: 1 }));
    let opened: HubSession;
    try {
      opened = await this.countedRecovery(this.beginAttempt(throttleKey), username, () => recoverOnHub(gate, hub, canonicalCode(recoveryCode), whoFor, this.hubTrail()));
    } finally {
      await gate.destroy();
    }
    const { vault } = this.deps;
    const session = vault.newSession(opened.user, emergencyName !== undefined);
    if (emergencyName !== undefined) session.emergencyName = emergencyName;
    vault.beginHub(opened, session);
    await vault.open().data.transaction().execute((trx) => this.expireOldDraftsIn(trx, opened.clinicalKey !== null));
    return this.sessionInfo();
  }

  /** An event as the person now signed in, in a transaction of its own. */
  private async auditAsSignedIn(e: { action: 'session.recover'; subjectType: string; subjectId: number }): Promise<void> {
    const { vault, clock } = this.deps;
    const s = vault.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', msg('general.signIn'));
    await vault.open().data.transaction().execute((trx) => recordAuditIn(trx, { at: clock.nowIso(), actor: actorOf(s), ...e }));
    vault.noteAuditWritten();
  }

  async sessionInfo(): Promise<SessionInfo> {
    const { vault } = this.deps;
    const s = vault.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', msg('general.signIn'));
    return {
      user: publicStaff(s.user),
      mustChangePassword: s.user.mustChangePassword,
      emergency: s.emergency,
      emergencyName: s.emergencyName ?? null,
      settings: await readSettingsIn(vault.open().data),
      language: await staffLanguageIn(vault.open().data, s.user.id),
    };
  }
}
