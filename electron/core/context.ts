import type { AuditActor, AuditInput, recordAuditIn } from './audit/audit';
import type { BackupService } from './backup/service';
import type { HubService } from './hub/service';
import type { Transaction } from 'kysely';
import type { Data, Engine } from './data/engine';
import type { Database } from './data/schema';
import type { Clock } from './platform/clock';
import type { EventBus } from './platform/events';
import type { Log } from './platform/log';
import type { SetupService } from './setup/setup';
import type { SignInService } from './session/sign-in';
import type { StaffRecord } from './users/staff';
import type { Session, VaultSession } from './vault/session';

/** The modules a handler may call on, wired once by the composition root (index.ts). */
export interface Services {
  vault: VaultSession;
  signIn: SignInService;
  setup: SetupService;
  backups: BackupService;
  hub: HubService;
}

/** What every handler gets: the clock, events and log, and the services. Public channels get only this. */
export interface PublicContext {
  clock: Clock;
  events: EventBus;
  log: Log;
  services: Services;
  /** What differs between SQLite and PostgreSQL (data/engine.ts). */
  engine: Engine;
  /** Appends to the audit trail (audit/audit.ts); the benchmark swaps it to measure what auditing costs. */
  appendAudit: typeof recordAuditIn;
}

/** An audit event as a handler writes it: the actor and time are the call's own. */
export type AuditEvent = Omit<AuditInput, 'at' | 'actor'>;

/**
 * What a handler of a signed-in channel gets: the router has checked the session and the role, so
 * nothing here is optional. `transact` runs a change and its audit event in one transaction.
 */
export interface SignedInContext extends PublicContext {
  /** Typed async queries (data/schema.ts): what repositories take. */
  data: Data;
  session: Session;
  user: StaffRecord;
  /** Built once per call from the session (audit/actor.ts), so every feature writes the same actor. */
  actor: AuditActor;
  /** Writes the event in the call's open transaction (`transact`), or on its own when there is none. */
  audit(event: AuditEvent): Promise<void>;
  /**
   * Runs an async change and its audit event in one transaction. On SQLite every query settles within
   * the same turn of the event loop (the driver is synchronous), so no vault-level write on the connection
   * (a lock, a record opened) can land inside this transaction; never await timers, files or key derivation inside it.
   */
  transact<T>(change: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}
