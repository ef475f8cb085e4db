import { existsSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import type {
  BackupOperation,
  BackupSettings,
  BackupStatus,
  BundleSummary,
  DrillRecord,
} from '../../../shared/contract/backup';
import { isValidTimeZone } from '../../../shared/continuity/days';
import { recordAuditIn, type AuditAction, type AuditActor } from '../audit/audit';
import { connectionHeld } from '../data/long-change';
import { actorOf } from '../audit/actor';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Log } from '../platform/log';
import type { VaultSession } from '../vault/session';
import type { Data } from '../data/engine';
import { sqliteData } from '../data/sqlite';
import type { Db } from '../db/database';
import { msg, type Message, type MessageKey } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { because } from './because';
import { readSettingsIn } from '../settings/settings';
import { readKeyslots } from '../vault/keyslots';
import { openVaultDb } from '../vault/vault';
import type { BackupHooks, Maker, ProgressFn } from './access';
import { describeBundle, listBundles, toSummary } from './catalog';
import { destinationProblem, type BackupFs } from './files';
import { previewRestore, type RestorePreview } from './preview';
import { type PruneResult } from './prune';
import { restoreBundle, undoRestore, type RestoreResult } from './restore';
import { readBackupSettings, readLastDrill, writeBackupSettings } from './store';
import { findWarning, nextDueAt } from './status';
import { undoableRestore } from './swap';
import { makeBackup, practiseRestore, tidyBackups, type BackupKeys, type BackupVault } from './use-cases';
import { makeHubBackup } from '../hub/backup';
import { markVerified, verifyBundle } from './verify';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** After a failed automatic backup: try again in 5 minutes, then 15, then every hour. */
const RETRY_AFTER_MS = [5 * MINUTE, 15 * MINUTE, 60 * MINUTE];

/** "A backup is running right now…": one sentence per operation, so each reads right in every language. */
const BUSY: Record<BackupOperation, MessageKey> = {
  backup: 'backup.busy.backup',
  verify: 'backup.busy.verify',
  restore: 'backup.busy.restore',
  drill: 'backup.busy.drill',
  prune: 'backup.busy.prune',
};

/** Test seams only; the app uses the defaults. */
export interface BackupSeams {
  fs?: BackupFs;
  hooks?: BackupHooks;
  tempRoot?: string;
}

interface Problem {
  kind: 'destinationUnavailable' | 'backupFailed';
  message: Message;
  since: string;
}

interface OpContext {
  /** The keys and the records to audit in: what every operation needs, on one computer or a hub. */
  access: BackupKeys;
  /** One computer's records file, opened for this operation; null on a clinic hub. */
  local: BackupVault | null;
  actor: AuditActor;
  maker: Omit<Maker, 'via'>;
  settings: BackupSettings;
}

/**
 * Backups inside the running app: the administrator's actions (through the router), the daily
 * schedule while someone is signed in, and the backup on quit. One operation at a time; each takes
 * its own copy of the data key and its own connection, so a screen lock in the middle of a long
 * backup does not pull them away. Failures become a calm, visible warning with a retry time: never
 * a crash and never a silent skip.
 */
export class BackupService {
  private running: BackupOperation | null = null;
  private problem: Problem | null = null;
  private retryAt: number | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking = false;
  private noticed: { kind: string; since: string } | null = null;

  constructor(
    private readonly deps: { vault: VaultSession; clock: Clock; events: EventBus; log: Log },
    private readonly seams: BackupSeams = {},
  ) {}

  private get vault(): VaultSession {
    return this.deps.vault;
  }

  /** The backup operation running now, if any (a key rotation should wait for it: both copy the records file). */
  get busy(): BackupOperation | null {
    return this.running;
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private now(): Date {
    return this.deps.clock.now();
  }

  private vaultId(): string {
    return this.vault.onHub ? this.vault.vaultId : readKeyslots(this.vault.paths.keyslots).vaultId;
  }

  private get nativeBinding(): string | undefined {
    return this.vault.options.nativeBinding;
  }

  private actorAndMaker(): { actor: AuditActor; maker: Omit<Maker, 'via'> } {
    const s = this.vault.session;
    if (!s) throw new DoorwayError('NOT_SIGNED_IN', msg('general.signIn'));
    return {
      actor: actorOf(s),
      maker: { id: s.user.id, username: s.user.username, displayName: s.user.displayName },
    };
  }

  private async exclusive<T>(op: BackupOperation, fn: () => Promise<T>): Promise<T> {
    if (this.running) throw new DoorwayError('CONFLICT', msg(BUSY[this.running]));
    this.running = op;
    try {
      return await fn();
    } finally {
      this.running = null;
    }
  }

  /** The session's clinical key as an operation's own copy, or null (a front-desk session holds none). */
  private clinicalKeyCopy(): Buffer | null {
    const key = this.vault.clinicalKey;
    return key ? Buffer.from(key) : null;
  }

  /**
   * An operation's own key copies and connection, closed and zeroed however it ends. A front-desk
   * session (the daily schedule and the backup on quit run in any session) has no clinical key: its
   * backups copy the clinical file as it is on disk (create.ts says why that is safe and what is left
   * for the next check with the key).
   */
  private async withVault<T>(fn: (ctx: OpContext) => Promise<T>): Promise<T> {
    const who = this.actorAndMaker();
    const settings = await this.settings();
    const dataKey = Buffer.from(this.vault.dataKey);
    const clinicalKey = this.clinicalKeyCopy();
    let db: Db | null = null;
    try {
      if (this.vault.onHub) {
        // On a hub the records are the server's: the session's own login reads them (a snapshot, hub/backup.ts) and takes the events.
        const access: BackupKeys = { data: this.vault.open().data, dataKey, clinicalKey, vaultId: this.vaultId(), nativeBinding: this.nativeBinding };
        return await fn({ access, local: null, settings, ...who });
      }
      db = openVaultDb(this.vault.paths, dataKey, { nativeBinding: this.nativeBinding });
      // The operation's own connection is a SQLite file opened here, so its data layer is SQLite's too.
      const local: BackupVault = { paths: this.vault.paths, db, data: sqliteData(db), dataKey, clinicalKey, vaultId: this.vaultId(), nativeBinding: this.nativeBinding };
      return await fn({ access: local, local, settings, ...who });
    } finally {
      if (db?.open) db.close();
      dataKey.fill(0);
      clinicalKey?.fill(0);
    }
  }

  /** One event in its own transaction, on the operation's connection (the session may lock meanwhile). */
  private async record(data: Data, actor: AuditActor, action: AuditAction, details: Record<string, unknown>): Promise<void> {
    await data.transaction().execute((trx) => recordAuditIn(trx, { at: this.now().toISOString(), actor, action, subjectType: 'backup', details }));
  }

  /** Progress events for the window, at most a few a second, and always at each new phase and the end. */
  private progress(operation: BackupOperation): ProgressFn {
    let lastAt = 0;
    let lastPhase = '';
    return (phase, done, total) => {
      const at = Date.now();
      if (phase === lastPhase && done < total && at - lastAt < 150) return;
      lastAt = at;
      lastPhase = phase;
      this.deps.events.emit('backup.progress', { operation, phase, done, total });
    };
  }

  private async timeZone(data: Data): Promise<string> {
    const tz = (await readSettingsIn(data)).timeZone;
    return tz && isValidTimeZone(tz) ? tz : 'UTC';
  }

  private bundleDir(settings: BackupSettings, name: string): string {
    if (!settings.destination) throw new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.chooseFirst'));
    const dir = join(settings.destination, name);
    if (!existsSync(dir)) throw new DoorwayError('NOT_FOUND', msg('backup.noSuchBackup', { name, dest: settings.destination }));
    return dir;
  }

  private succeeded(): void {
    this.problem = null;
    this.failures = 0;
    this.retryAt = null;
  }

  private failed(e: unknown): void {
    this.failures++;
    this.retryAt = this.now().getTime() + RETRY_AFTER_MS[Math.min(this.failures, RETRY_AFTER_MS.length) - 1]!;
    if (!(e instanceof DoorwayError)) this.deps.log('a backup failed', e);
    const message = e instanceof DoorwayError ? e.said : msg('backup.warning.unexpected');
    const kind = e instanceof DoorwayError && e.code === 'BACKUP_DESTINATION' ? 'destinationUnavailable' : 'backupFailed';
    this.problem = { kind, message, since: this.problem?.since ?? this.now().toISOString() };
  }

  // ---- settings and status ------------------------------------------------------------------------

  settings(): Promise<BackupSettings> {
    return readBackupSettings(this.vault.open().data);
  }

  async updateSettings(input: Partial<BackupSettings>): Promise<BackupSettings> {
    const { data } = this.vault.open();
    const before = await readBackupSettings(data);
    const next: BackupSettings = { ...before };
    for (const [k, v] of Object.entries(input) as [keyof BackupSettings, never][]) if (v !== undefined) next[k] = v;
    if (input.destination) next.destination = this.checkedDestination(input.destination);
    const changed = Object.fromEntries(
      (Object.keys(input) as (keyof BackupSettings)[]).filter((k) => input[k] !== undefined).map((k) => [k, { from: before[k], to: next[k] }]),
    );
    await data.transaction().execute(async (trx) => {
      await writeBackupSettings(trx, next);
      await this.vault.auditIn({ action: 'backup.settings', subjectType: 'backup', details: changed }, trx);
    });
    // A new folder, or backups turned on: try again straight away rather than after an old back-off.
    this.succeeded();
    return next;
  }

  private checkedDestination(given: string): string {
    const fail = (message: Message) => new DoorwayError('INVALID_INPUT', message, { fields: { destination: message } });
    const dest = isAbsolute(given) ? normalize(given).replace(/[\\/]+$/, '') || given : given;
    // The same check as the command line's: whole path, there and writable, not in the data folder.
    const problem = destinationProblem(dest, this.vault.paths.dir);
    if (problem) throw fail(problem.said);
    return dest;
  }

  async status(): Promise<BackupStatus> {
    const { data } = this.vault.open();
    const settings = await readBackupSettings(data);
    const lastDrill = await readLastDrill(data);
    let lastBackup: BundleSummary | null = null;
    let lastVerifiedBackup: BundleSummary | null = null;
    let available = false;
    if (settings.destination) {
      const listing = listBundles(settings.destination, this.vault.dataKey, this.vaultId(), this.now().getTime());
      available = listing.available;
      const ours = listing.bundles.filter((b) => b.state === 'verified' || b.state === 'unverified');
      lastBackup = ours[0] ? toSummary(ours[0]) : null;
      const verified = ours.find((b) => b.state === 'verified');
      lastVerifiedBackup = verified ? toSummary(verified) : null;
    }
    const undo = undoableRestore(this.vault.paths.dir);
    return {
      settings,
      lastBackup,
      lastVerifiedBackup,
      lastDrill,
      nextDueAt: nextDueAt(settings, lastVerifiedBackup?.createdAt ?? null, this.retryAt, this.now().getTime()),
      running: this.running,
      warning: this.warning(settings, available, lastVerifiedBackup?.createdAt ?? null),
      undo: undo
        ? { setAsideAt: undo.info.setAsideAt, restoredBundle: undo.info.restoredBundle, restoredBundleCreatedAt: undo.info.restoredBundleCreatedAt }
        : null,
    };
  }

  /** The current warning, with the time it was first noticed (kept while the same kind goes on). */
  private warning(settings: BackupSettings, available: boolean, lastVerifiedAt: string | null): BackupStatus['warning'] {
    const now = this.now().getTime();
    const found = findWarning({ settings, available, lastVerifiedAt, problem: this.problem, retryAt: this.retryAt, now, firstRetryMs: RETRY_AFTER_MS[0]! });
    if (!found) {
      this.noticed = null;
      return null;
    }
    if (!this.noticed || this.noticed.kind !== found.kind) this.noticed = { kind: found.kind, since: found.since ?? new Date(now).toISOString() };
    return { kind: found.kind, message: found.message, since: this.noticed.since, retryAt: found.retryAt };
  }

  // ---- operations ---------------------------------------------------------------------------------

  async list() {
    const settings = await this.settings();
    if (!settings.destination) return { destination: null, available: false, bundles: [], unfinished: 0 };
    const listing = listBundles(settings.destination, this.vault.dataKey, this.vaultId(), this.now().getTime());
    return { destination: settings.destination, available: listing.available, bundles: listing.bundles.map(toSummary), unfinished: listing.unfinished.length };
  }

  /** Writes, verifies and marks a bundle, then applies the retention policy. */
  create(via: Maker['via']): Promise<BundleSummary> {
    return this.exclusive('backup', () =>
      this.withVault(async (ctx) => {
        const dest = ctx.settings.destination;
        try {
          if (!dest) throw new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.chooseFirst'));
          const made = ctx.local
            ? await makeBackup(
                ctx.local,
                { actor: ctx.actor, maker: ctx.maker, via },
                { dest, now: () => this.now(), fs: this.seams.fs, hooks: this.seams.hooks, onProgress: this.progress('backup') },
              )
            : await this.makeHubBackup(ctx, dest, via);
          this.succeeded();
          await this.applyRetention(ctx, dest, via);
          return toSummary(describeBundle(made.dir, made.name, ctx.access.dataKey, ctx.access.vaultId));
        } catch (e) {
          this.failed(e);
          throw e;
        }
      }),
    );
  }

  /**
   * A backup of the clinic hub: the whole record as of one instant, into fresh SQLCipher files (the
   * same bundle as one computer's). It holds the clinical records, so it needs a session that may read
   * them; in a front-desk session the daily one waits, with a warning, for a colleague who may.
   */
  private async makeHubBackup(ctx: OpContext, dest: string, via: Maker['via']) {
    if (!ctx.access.clinicalKey) {
      throw new DoorwayError('FORBIDDEN', msg('backup.hubNeedsClinicalKey'));
    }
    return makeHubBackup(ctx.access.data, { actor: ctx.actor, via }, {
      dest,
      dataKey: ctx.access.dataKey,
      clinicalKey: ctx.access.clinicalKey,
      maker: { ...ctx.maker, via },
      now: () => this.now(),
      nativeBinding: this.nativeBinding,
      onProgress: this.progress('backup'),
    });
  }

  private async applyRetention(ctx: OpContext, dest: string, via: Maker['via']): Promise<PruneResult | null> {
    try {
      return await tidyBackups(ctx.access, { actor: ctx.actor, via }, {
        dest,
        policy: ctx.settings,
        timeZone: await this.timeZone(ctx.access.data),
        now: this.now().getTime(),
        afterBackup: true,
      });
    } catch (e) {
      // The new backup is good; tidying up is retried after the next one.
      this.problem = {
        kind: 'backupFailed',
        message: e instanceof DoorwayError ? because('backup.warning.notTidied', e.said) : msg('backup.warning.notTidiedUnexpected'),
        since: this.now().toISOString(),
      };
      if (!(e instanceof DoorwayError)) this.deps.log('pruning backups failed', e);
      return null;
    }
  }

  /** The full check of one bundle; a bundle that passes gets (or keeps) its verified mark. */
  verify(name: string) {
    return this.exclusive('verify', () =>
      this.withVault(async (ctx) => {
        const dir = this.bundleDir(ctx.settings, name);
        try {
          const verified = await verifyBundle(dir, {
            dataKey: ctx.access.dataKey,
            clinicalKey: ctx.access.clinicalKey,
            vaultId: ctx.access.vaultId,
            nativeBinding: this.nativeBinding,
            onProgress: this.progress('verify'),
          });
          const checkedAt = this.now().toISOString();
          try {
            markVerified(verified, ctx.access.dataKey, checkedAt);
          } catch {
            // A write-protected drive: the check passed, the mark just can't be written there.
          }
          await this.record(ctx.access.data, ctx.actor, 'backup.verify', { ok: true, bundle: name });
          const entry = describeBundle(dir, name, ctx.access.dataKey, ctx.access.vaultId);
          return {
            bundle: { ...toSummary(entry), verifiedAt: entry.mark?.verifiedAt ?? checkedAt },
            checkedAt,
            tables: verified.tables,
            rows: verified.rows,
            parts: { main: verified.main, clinical: verified.clinical },
          };
        } catch (e) {
          await this.record(ctx.access.data, ctx.actor, 'backup.verify', { ok: false, bundle: name, reason: e instanceof DoorwayError ? e.message : 'unexpected' });
          throw e;
        }
      }),
    );
  }

  /** Verify, then what a restore would bring back. Changes nothing. */
  preview(name: string): Promise<RestorePreview> {
    return this.exclusive('verify', () =>
      this.withVault(async (ctx) => {
        const dir = this.bundleDir(ctx.settings, name);
        const verified = await verifyBundle(dir, {
          dataKey: ctx.access.dataKey,
          clinicalKey: ctx.access.clinicalKey,
          vaultId: ctx.access.vaultId,
          nativeBinding: this.nativeBinding,
          onProgress: this.progress('verify'),
        });
        return previewRestore(verified, ctx.access.dataKey, this.now().toISOString(), this.nativeBinding);
      }),
    );
  }

  /**
   * Restores a bundle over the current vault, which is set aside first (undoable). The session ends:
   * everyone signs in again, with the passwords of the time the backup was made.
   */
  restore(name: string): Promise<RestoreResult> {
    this.refuseRestoreOnHub();
    return this.exclusive('restore', async () => {
      const { actor } = this.actorAndMaker();
      const dir = this.bundleDir(await this.settings(), name);
      const dataKey = Buffer.from(this.vault.dataKey);
      const clinicalKey = this.clinicalKeyCopy();
      try {
        const result = await restoreBundle({
          bundleDir: dir,
          paths: this.vault.paths,
          dataKey,
          clinicalKey,
          vaultId: this.vaultId(),
          currentKey: dataKey,
          actor,
          via: 'app',
          now: () => this.now(),
          nativeBinding: this.nativeBinding,
          hooks: this.seams.hooks,
          onProgress: this.progress('restore'),
          beforeChange: () => this.vault.lock('system'),
        });
        this.succeeded();
        return result;
      } finally {
        dataKey.fill(0);
        clinicalKey?.fill(0);
      }
    });
  }

  /** Puts back the vault the latest restore set aside. The session ends. */
  undoRestore(): Promise<{ setAsideAs: string | null }> {
    this.refuseRestoreOnHub();
    return this.exclusive('restore', async () => {
      const { actor } = this.actorAndMaker();
      const dataKey = Buffer.from(this.vault.dataKey);
      try {
        const done = undoRestore({
          paths: this.vault.paths,
          dataKey,
          actor,
          now: () => this.now(),
          nativeBinding: this.nativeBinding,
          hooks: this.seams.hooks,
          beforeChange: () => this.vault.lock('system'),
        });
        this.succeeded();
        return { setAsideAs: done.setAsideAs };
      } finally {
        dataKey.fill(0);
      }
    });
  }

  /**
   * A restore replaces the record every workstation works on: on a hub it is not something one
   * workstation's window does while others are writing. The drill (a practice restore) works here.
   */
  private refuseRestoreOnHub(): void {
    if (this.vault.onHub) {
      throw new DoorwayError('CONFLICT', msg('backup.restore.onHub'));
    }
  }

  drill(): Promise<DrillRecord> {
    return this.exclusive('drill', () =>
      this.withVault(async (ctx) => {
        const dest = ctx.settings.destination;
        if (!dest) throw new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.chooseFirst'));
        return practiseRestore(ctx.access, { actor: ctx.actor, via: 'app' }, {
          dest,
          now: () => this.now(),
          onProgress: this.progress('drill'),
          tempRoot: this.seams.tempRoot,
          hooks: this.seams.hooks,
        });
      }),
    );
  }

  prune(): Promise<PruneResult> {
    return this.exclusive('prune', () =>
      this.withVault(async (ctx) => {
        if (!ctx.settings.destination) throw new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.chooseFirst'));
        return tidyBackups(ctx.access, { actor: ctx.actor, via: 'app' }, {
          dest: ctx.settings.destination,
          policy: ctx.settings,
          timeZone: await this.timeZone(ctx.access.data),
          now: this.now().getTime(),
        });
      }),
    );
  }

  // ---- schedule -----------------------------------------------------------------------------------

  /** Whether an automatic backup is due now: on, with a folder, no retry pending, and no verified backup from the last day. */
  private async due(): Promise<boolean> {
    if (this.running || !this.vault.session) return false;
    let settings: BackupSettings;
    try {
      settings = await this.settings();
    } catch {
      return false; // the key is being changed, or the session just ended
    }
    if (this.running || !this.vault.session) return false;
    if (!settings.enabled || !settings.destination) return false;
    const now = this.now().getTime();
    if (this.retryAt !== null && now < this.retryAt) return false;
    const listing = listBundles(settings.destination, this.vault.dataKey, this.vaultId(), now);
    if (!listing.available) {
      this.failed(new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.unavailableRetrying', { dest: settings.destination })));
      return false;
    }
    const newest = listing.bundles.find((b) => b.state === 'verified');
    return !newest || now - Date.parse(newest.createdAt) >= DAY;
  }

  /** One look at the clock: makes the daily backup when it is due. Never throws. */
  async tick(): Promise<void> {
    // An import between its steps holds the records (data/long-change.ts): the backup waits for the next tick.
    if (this.ticking || connectionHeld(this.vault)) return;
    this.ticking = true;
    try {
      if (await this.due()) await this.create('schedule');
    } catch {
      // Recorded as the current warning (failed()), with a retry time.
    } finally {
      this.ticking = false;
    }
  }

  startSchedule(intervalMs = MINUTE): void {
    this.stopSchedule();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref?.();
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * On quit, while someone is still signed in: a backup when the last verified one is older than a
   * day. Never throws; says what it did, for the log.
   */
  async backupOnQuitIfDue(): Promise<'made' | 'notDue' | 'notSignedIn' | 'failed'> {
    if (!this.vault.session) return 'notSignedIn';
    const saved = this.retryAt;
    // A pending retry must not stop the last chance before the computer is left alone.
    this.retryAt = null;
    if (!(await this.due())) {
      this.retryAt = saved;
      return 'notDue';
    }
    try {
      await this.create('quit');
      return 'made';
    } catch (e) {
      this.deps.log('the backup on quit failed', e instanceof DoorwayError ? e.message : e);
      return 'failed';
    }
  }
}

