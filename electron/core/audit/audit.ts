import { createHash } from 'node:crypto';
import type { Db } from '../db/database';

/**
 * The audit trail is append-only and hash-chained: each event stores the hash of the one before, so a
 * row changed outside the app breaks the chain at that row. Callers write events inside the same
 * transaction as the change they describe.
 */
export const AUDIT_ACTIONS = [
  'vault.create',
  /** The raw data key was shown with the recovery code (command line `export-key`). */
  'vault.exportKey',
  'session.signIn',
  'session.signInFailed',
  'session.signOut',
  'session.lock',
  'session.recover',
  'session.changePassword',
  'settings.update',
  'person.create',
  'person.update',
  'person.delete',
  'person.restore',
  'person.open',
  'contact.create',
  'contact.update',
  'contact.delete',
  'contact.restore',
  'entry.create',
  'entry.update',
  'entry.delete',
  'entry.restore',
  'catalog.create',
  'catalog.update',
  'outreach.create',
  'overview.export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  id: number | null;
  username: string | null;
  emergency?: boolean;
}

export interface AuditInput {
  at: string;
  actor: AuditActor;
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | number | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: string;
  emergency: number;
  prev_hash: string;
  hash: string;
}

export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.id,
    row.at,
    row.actor_id,
    row.actor_username,
    row.action,
    row.subject_type,
    row.subject_id,
    row.details,
    row.emergency,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function recordAudit(db: Db, e: AuditInput): void {
  const last = db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as
    | { id: number; hash: string }
    | undefined;
  const row: Omit<AuditRow, 'hash'> = {
    id: (last?.id ?? 0) + 1,
    at: e.at,
    actor_id: e.actor.id,
    actor_username: e.actor.username,
    action: e.action,
    subject_type: e.subjectType ?? null,
    subject_id: e.subjectId == null ? null : String(e.subjectId),
    details: JSON.stringify(e.details ?? {}),
    emergency: e.actor.emergency ? 1 : 0,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  db.prepare(
    `INSERT INTO audit_events (id, at, actor_id, actor_username, action, subject_type, subject_id, details, emergency, prev_hash, hash)
     VALUES (@id, @at, @actor_id, @actor_username, @action, @subject_type, @subject_id, @details, @emergency, @prev_hash, @hash)`,
  ).run({ ...row, hash: auditHash(row) });
}

export type ChainCheck = { intact: true; events: number } | { intact: false; events: number; firstBrokenId: number };

/** Walks the chain in id order; names the first event whose hash or link does not hold. */
export function verifyAuditChain(db: Db): ChainCheck {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    count++;
    const { hash, ...rest } = row;
    if (row.prev_hash !== prev || auditHash(rest) !== hash) return { intact: false, events: count, firstBrokenId: row.id };
    prev = hash;
  }
  return { intact: true, events: count };
}
