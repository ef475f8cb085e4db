import type { ChannelName, EventName, Events, InputOf, OutputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { anchorPath, AuditAnchorKeeper } from './audit/anchor';
import { recordAuditIn, type AuditInput } from './audit/audit';
import { BackupService, type BackupSeams } from './backup/service';
import type { PublicContext, Services } from './context';
import { DataFolder } from './data-folder';
import type { Data } from './data/engine';
import { postgresEngine, type PostgresTarget } from './data/postgres';
import { DoorwayError } from './errors';
import { msg } from '../../shared/messages';
import { filePermissionsBox, HubLinkHolder, readHubLink, type SecretBox } from './hub/link';
import { HubService } from './hub/service';
import { sqliteEngine } from './data/sqlite';
import type { Db } from './db/database';
import { handlers } from './handlers';
import { createClock, type Clock } from './platform/clock';
import { EventBus } from './platform/events';
import { silentLog, type Log } from './platform/log';
import { createRouter, type Router } from './router';
import { SignInService } from './session/sign-in';
import type { PendingSetup } from './setup/setup';
import { SetupService } from './setup/setup';
import { VaultSession, type LockReason, type Session } from './vault/session';
import { vaultPaths, type KdfCost, type VaultPaths } from './vault/vault';

export type { Router } from './router';
export type { Session } from './vault/session';

export interface CoreOptions {
  dataDir: string;
  /** A better_sqlite3.node for the running runtime; Electron passes its own copy. */
  nativeBinding?: string;
  /** Tests only: a cheaper key derivation. */
  kdfCost?: KdfCost;
  now?: () => Date;
  log?: Log;
  /** Tests only: fault injection for backups. */
  backupSeams?: BackupSeams;
  /**
   * A computer joined to a clinic hub: the hub's address with this computer's own login, which reads
   * only what signing in needs (the key slots). The records are then the hub's; the data folder keeps
   * this computer's own files (sign-in counters, settings of the window).
   */
  hub?: PostgresTarget;
  /** Seals this computer's hub login at rest (Electron passes the OS keychain); file permissions only otherwise. */
  secretBox?: SecretBox;
  /** Tests only (they run as root): the hub server this computer runs, as the `postgres` user. */
  hubServerRunAs?: 'postgres';
}

/**
 * The composition root: wires the small modules (clock and log, events, the vault session, sign-in
 * and setup, backups) and hands them to the router. What it returns is the handle the transports,
 * the command line and the tests hold; no module of core reaches back into it.
 */
export class Doorway {
  readonly paths: VaultPaths;
  readonly folder: DataFolder;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly vault: VaultSession;
  readonly auth: SignInService;
  readonly setup: SetupService;
  readonly backups: BackupService;
  readonly link: HubLinkHolder;
  readonly hub: HubService;
  readonly services: Services;
  readonly context: PublicContext;

  constructor(readonly options: CoreOptions) {
    const log = options.log ?? silentLog;
    // Read on every call, so a test can move the clock after the core is built.
    this.clock = createClock(() => (this.options.now ? this.options.now() : new Date()));
    this.events = new EventBus(log);
    this.paths = vaultPaths(options.dataDir);
    // The audit trail's head, anchored outside the table (audit/anchor.ts); the open vault is read when it flushes.
    // A hub's trail is anchored by nobody's file: every workstation appends to it (the server keeps it whole).
    const anchor = new AuditAnchorKeeper(anchorPath(this.paths.dir), () => (this.vault.session && !this.vault.onHub ? this.vault.open() : null), log);
    this.vault = new VaultSession(
      this.paths,
      { nativeBinding: options.nativeBinding, kdfCost: options.kdfCost },
      { clock: this.clock, events: this.events, log, anchor },
    );
    this.folder = new DataFolder(this.paths, this.clock);
    // Joined to a clinic hub: the address given (the preview, tests, the command line), or the link pairing left in the data folder.
    const box = options.secretBox ?? filePermissionsBox;
    this.link = new HubLinkHolder(options.hub);
    if (!options.hub) {
      try {
        const joined = readHubLink(this.paths.dir, box);
        if (joined) this.link.use(joined);
      } catch (e) {
        this.link.problem = e instanceof DoorwayError ? e : new DoorwayError('HUB_UNREACHABLE', msg('access.hubLinkUnreadable'));
        log('the hub link could not be read', e);
      }
    }
    this.hub = new HubService({
      dataDir: this.paths.dir,
      holder: this.link,
      box,
      clock: this.clock,
      log,
      hasOwnRecords: () => this.folder.vaultExists(),
      serverRunAs: options.hubServerRunAs,
    });
    this.auth = new SignInService({ vault: this.vault, folder: this.folder, clock: this.clock, log, link: this.link });
    this.setup = new SetupService({ vault: this.vault, folder: this.folder, signIn: this.auth, clock: this.clock, link: this.link, hub: this.hub });
    this.backups = new BackupService({ vault: this.vault, clock: this.clock, events: this.events, log }, options.backupSeams);
    this.services = { vault: this.vault, signIn: this.auth, setup: this.setup, backups: this.backups, hub: this.hub };
    // Each event marks the anchor out of date (a flag and, at most once a second, a timer); it is written after the commit.
    const appendAudit: typeof recordAuditIn = async (data, e) => {
      await recordAuditIn(data, e);
      this.vault.noteAuditWritten();
    };
    const link = this.link;
    this.context = { clock: this.clock, events: this.events, log, services: this.services, engine: link.target ? postgresEngine : sqliteEngine, appendAudit };
    // Joining a hub (or making this computer the hub) switches the engine at once. A plain property, set
    // when the link changes: a getter here made every call's context a slow object (the bench showed it).
    link.onChange(() => {
      this.context.engine = link.target ? postgresEngine : sqliteEngine;
    });
  }

  // Conveniences for the transports, the command line and the tests; each is one module's own method.

  now(): Date {
    return this.clock.now();
  }

  vaultExists(): boolean {
    return this.setup.vaultExists();
  }

  get session(): Session | null {
    return this.vault.session;
  }

  get db(): Db {
    return this.vault.db;
  }

  get dataKey(): Buffer {
    return this.vault.dataKey;
  }

  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
    return this.events.on(name, listener);
  }

  signIn(username: string, password: string) {
    return this.auth.signIn(username, password);
  }

  beginSetup(): PendingSetup {
    return this.setup.begin();
  }

  completeSetup(input: Parameters<SetupService['complete']>[0]) {
    return this.setup.complete(input);
  }

  /** An audit event as the signed-in person: into `into`, the change's open transaction, or in a transaction of its own. */
  audit(e: Omit<AuditInput, 'at' | 'actor'>, into?: Data): Promise<void> {
    return this.vault.auditIn(e, into);
  }

  lock(reason: LockReason): void {
    this.vault.lock(reason);
  }

  checkIdle(): Promise<boolean> {
    return this.vault.checkIdle();
  }

  startIdleTimer(intervalMs?: number): void {
    this.vault.startIdleTimer(intervalMs);
  }

  /** On quit: lock (audited) and stop timers. */
  close(): void {
    this.backups.stopSchedule();
    this.vault.stopIdleTimer();
    this.vault.lock('system');
  }

  /** On quit, after close(): the clinic hub's server this app started on this computer stops (committed work is kept). */
  stopHubServer(): Promise<void> {
    return this.hub.stopServer();
  }
}

/** Builds the core and its router; both transports (Electron IPC, browser preview) call this router. */
export function createDoorway(options: CoreOptions): { core: Doorway; router: Router } {
  const core = new Doorway(options);
  return { core, router: createRouter(core.context, handlers) };
}

/** A typed call through a router, for in-process callers (CLI, bench, tests). */
export function invoke<K extends ChannelName>(router: Router, name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
  return router(name, input) as Promise<Result<OutputOf<K>>>;
}
