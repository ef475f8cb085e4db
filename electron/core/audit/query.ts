import type { AuditAction, AuditEvent } from '../../../shared/contract/audit';
import type { ExpressionBuilder } from 'kysely';
import type { Data } from '../data/engine';
import type { Database } from '../data/schema';
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

type Scope = ExpressionBuilder<Database & { a: Database['audit_events'] }, 'a'>;

/** The person an event concerns: the person record itself, or the person of its contact or entry. */
const personOfSubject = (eb: Scope) => {
  const subjectId = eb.cast<number>('a.subject_id', 'integer');
  return eb
    .case('a.subject_type')
    .when('person')
    .then(subjectId)
    .when('contact')
    .then(eb.selectFrom('contacts as c').select('c.person_id').where('c.id', '=', subjectId))
    .when('entry')
    .then(eb.selectFrom('person_entries as e').select('e.person_id').where('e.id', '=', subjectId))
    .end();
};

/** Events about a person: the record, and any of their contacts or entries (subject ids are text). */
const aboutPerson = (eb: Scope, personId: number) =>
  eb.or([
    // subject_id is text; the id is compared as its text, never as a number ('1' and not '1.0').
    eb.and([eb('a.subject_type', '=', 'person'), eb('a.subject_id', '=', String(personId))]),
    eb.and([
      eb('a.subject_type', '=', 'contact'),
      eb('a.subject_id', 'in', eb.selectFrom('contacts as c').select((c) => c.cast<string>('c.id', 'text').as('id')).where('c.person_id', '=', personId)),
    ]),
    eb.and([
      eb('a.subject_type', '=', 'entry'),
      eb('a.subject_id', 'in', eb.selectFrom('person_entries as e').select((e) => e.cast<string>('e.id', 'text').as('id')).where('e.person_id', '=', personId)),
    ]),
  ]);

export async function listAuditEvents(data: Data, q: AuditQuery): Promise<{ items: AuditEvent[]; nextBefore: number | null }> {
  let query = data
    .selectFrom('audit_events as a')
    .leftJoin('staff_users as s', 's.id', 'a.actor_id')
    .leftJoin('people as p', (join) => join.on((eb) => eb('p.id', '=', personOfSubject(eb))))
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'a.actor_username',
      's.display_name',
      'a.action',
      'a.subject_type',
      'a.subject_id',
      'a.details',
      'a.emergency',
      'p.id as person_id',
      'p.client_code',
    ])
    .orderBy('a.id', 'desc')
    .limit(q.limit + 1);
  if (q.before !== null) query = query.where('a.id', '<', q.before);
  if (q.staffId !== null) query = query.where('a.actor_id', '=', q.staffId);
  if (q.action !== null) query = query.where('a.action', '=', q.action);
  if (q.from !== null) query = query.where('a.at', '>=', utc(q.from));
  if (q.to !== null) query = query.where('a.at', '<', utc(q.to));
  const personId = q.personId;
  if (personId !== null) query = query.where((eb) => aboutPerson(eb, personId));
  const rows = await query.execute();
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
