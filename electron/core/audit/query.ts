import type { AuditAction, AuditEvent } from '../../../shared/contract/audit';
import type { Db } from '../db/database';
import { emergencyNameOf } from '../users/emergency';

/**
 * The administrator's view of the audit trail: newest first, a page at a time, filtered by person,
 * staff member, action and period. A person's events are found through what they concern: the person
 * record itself, or one of their contacts or entries.
 */
export interface AuditQuery {
  personId: number | null;
  staffId: number | null;
  action: AuditAction | null;
  from: string | null;
  to: string | null;
  before: number | null;
  limit: number;
}

interface Row {
  id: number;
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  display_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: string;
  emergency: number;
  person_id: number | null;
  client_code: string | null;
}

const PERSON_OF_SUBJECT = `CASE a.subject_type
    WHEN 'person' THEN CAST(a.subject_id AS INTEGER)
    WHEN 'contact' THEN (SELECT c.person_id FROM contacts c WHERE c.id = CAST(a.subject_id AS INTEGER))
    WHEN 'entry' THEN (SELECT e.person_id FROM person_entries e WHERE e.id = CAST(a.subject_id AS INTEGER))
  END`;

const PERSON_FILTER = `(
    (a.subject_type = 'person' AND a.subject_id = @personIdText)
    OR (a.subject_type = 'contact' AND a.subject_id IN (SELECT CAST(c.id AS TEXT) FROM contacts c WHERE c.person_id = @personId))
    OR (a.subject_type = 'entry' AND a.subject_id IN (SELECT CAST(e.id AS TEXT) FROM person_entries e WHERE e.person_id = @personId))
  )`;

/** Events store `at` as UTC ISO text, so a period compares as text once its ends are in UTC too. */
const utc = (iso: string) => new Date(iso).toISOString();

function parseDetails(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    // A row changed outside the app may hold anything; show it as it is (verify names such rows).
    return { raw };
  }
}

export function listAuditEvents(db: Db, q: AuditQuery): { items: AuditEvent[]; nextBefore: number | null } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: q.limit + 1 };
  if (q.before !== null) {
    where.push('a.id < @before');
    params.before = q.before;
  }
  if (q.staffId !== null) {
    where.push('a.actor_id = @staffId');
    params.staffId = q.staffId;
  }
  if (q.action !== null) {
    where.push('a.action = @action');
    params.action = q.action;
  }
  if (q.from !== null) {
    where.push('a.at >= @from');
    params.from = utc(q.from);
  }
  if (q.to !== null) {
    where.push('a.at < @to');
    params.to = utc(q.to);
  }
  if (q.personId !== null) {
    where.push(PERSON_FILTER);
    params.personId = q.personId;
    // subject_id is text; a JS number would be bound as a real and compare as '1.0'.
    params.personIdText = String(q.personId);
  }
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.actor_id, a.actor_username, s.display_name, a.action, a.subject_type, a.subject_id, a.details, a.emergency,
              p.id AS person_id, p.client_code
       FROM audit_events a
       LEFT JOIN staff_users s ON s.id = a.actor_id
       LEFT JOIN people p ON p.id = ${PERSON_OF_SUBJECT}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.id DESC
       LIMIT @limit`,
    )
    .all(params) as Row[];
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      // Emergency access records who used it in the username of each event; otherwise today's display name.
      actorName: (r.emergency === 1 ? emergencyNameOf(r.actor_username) : null) ?? r.display_name ?? r.actor_username,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      person: r.person_id !== null && r.client_code !== null ? { id: r.person_id, clientCode: r.client_code } : null,
      details: parseDetails(r.details),
      emergency: r.emergency === 1,
    })),
    nextBefore: more ? page[page.length - 1]!.id : null,
  };
}
