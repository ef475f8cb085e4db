import { hash } from 'node:crypto';
import type { AuditAction } from '../../../shared/contract/audit';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import { engineOf, type Data } from '../data/engine';
import type { AuditEventsTable } from '../data/schema';
import type { Db } from '../db/database';

/**
 * The audit trail is append-only and hash-chained: each event stores the hash of the one before, so a
 * row changed outside the app breaks the chain at that row. Callers write events inside the same
 * transaction as the change they describe.
 */
// The list of actions lives in the contract (shared/contract/audit.ts), so the administrator's filter
// and the events written here cannot disagree. Add new actions there.
export { AUDIT_ACTIONS, type AuditAction } from '../../../shared/contract/audit';

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

/** A stored event, as the schema (data/schema.ts) describes the table. */
export type AuditRow = Selectable<AuditEventsTable>;

/** The hashed fields, in hashing order, which is also the table's column order. */
export const AUDIT_HASHED_COLUMNS = ['id', 'at', 'actor_id', 'actor_username', 'action', 'subject_type', 'subject_id', 'details', 'emergency', 'prev_hash'] as const;

/** SHA-256 of the JSON array of the hashed fields' values, in AUDIT_HASHED_COLUMNS order. */
export function hashAuditValues(values: readonly unknown[]): string {
  return hash('sha256', JSON.stringify(values), 'hex');
}

export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  return hashAuditValues(AUDIT_HASHED_COLUMNS.map((c) => row[c]));
}

/**
 * The two statements every audited change runs, prepared once per connection: recording a contact is
 * the busiest write in a clinic, and preparing them on every call cost more than the hashing does.
 */
const statements = new WeakMap<Db, { last: Statement; insert: Statement }>();

function statementsFor(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      last: db.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_events (id, at, actor_id, actor_username, action, subject_type, subject_id, details, emergency, prev_hash, hash)
         VALUES (@id, @at, @actor_id, @actor_username, @action, @subject_type, @subject_id, @details, @emergency, @prev_hash, @hash)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/** The next event of the chain after `last` (none: the first event). */
function nextRow(last: { id: number; hash: string } | undefined, e: AuditInput): AuditRow {
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
  return { ...row, hash: auditHash(row) };
}

/** On the connection itself: for what still runs before the data layer exists (opening, key changes). */
export function recordAudit(db: Db, e: AuditInput): void {
  const { last, insert } = statementsFor(db);
  insert.run(nextRow(last.get() as { id: number; hash: string } | undefined, e));
}

/** Over the data layer, inside the transaction of the change it describes. */
export async function recordAuditIn(data: Data, e: AuditInput): Promise<void> {
  // One chain with many writers (a clinic hub): the next event is computed from the head only while no one else can append.
  await engineOf(data).locks.auditChain(data);
  const last = await data.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  await data.insertInto('audit_events').values(nextRow(last, e)).execute();
}

// Verifying the chain: verify.ts (in chunks, so a long trail does not freeze the window).
