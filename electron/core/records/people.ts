import type { z } from 'zod';
import { codeMatchesRecipe } from '../../../shared/client-code';
import type { Person, PersonSummary, Phase, personFieldsSchema } from '../../../shared/contract/record-schemas';
import type { Db } from '../db/database';
import { DoorwayError } from '../errors';
import { changedFields, keepHistory } from './history';

type PersonFields = z.output<typeof personFieldsSchema>;

interface PersonRow {
  id: number;
  client_code: string;
  name: string | null;
  preferred_name: string | null;
  pronouns: string | null;
  birth_year: number | null;
  contact_prefs: string;
  usual_staff_id: number | null;
  phase: Phase;
  first_contact_at: string | null;
  last_contact_at: string | null;
  contact_count: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  delete_reason: string | null;
}

const SUMMARY_COLUMNS = 'id, client_code, name, preferred_name, pronouns, phase, last_contact_at, contact_count, deleted_at';

export function toSummary(r: Pick<PersonRow, 'id' | 'client_code' | 'name' | 'preferred_name' | 'pronouns' | 'phase' | 'last_contact_at' | 'contact_count' | 'deleted_at'>): PersonSummary {
  return {
    id: r.id,
    clientCode: r.client_code,
    name: r.name,
    preferredName: r.preferred_name,
    pronouns: r.pronouns,
    phase: r.phase,
    lastContactAt: r.last_contact_at,
    contactCount: r.contact_count,
    deleted: r.deleted_at !== null,
  };
}

function toPerson(r: PersonRow): Person {
  return {
    ...toSummary(r),
    birthYear: r.birth_year,
    contactPrefs: JSON.parse(r.contact_prefs),
    usualStaffId: r.usual_staff_id,
    firstContactAt: r.first_contact_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deleteReason: r.delete_reason,
  };
}

/** The fields as the history keeps them: the same names the contract uses. */
function fieldsOf(r: PersonRow): PersonFields {
  return {
    clientCode: r.client_code,
    name: r.name,
    preferredName: r.preferred_name,
    pronouns: r.pronouns,
    birthYear: r.birth_year,
    contactPrefs: JSON.parse(r.contact_prefs),
    usualStaffId: r.usual_staff_id,
  };
}

export const normalizeCode = (code: string) => code.trim().toUpperCase();

function rowById(db: Db, id: number): PersonRow {
  const r = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!r) throw new DoorwayError('NOT_FOUND', 'That person could not be found.');
  return r;
}

export function getPerson(db: Db, id: number): Person {
  return toPerson(rowById(db, id));
}

export function requireLivePerson(db: Db, id: number): PersonRow {
  const r = rowById(db, id);
  if (r.deleted_at) throw new DoorwayError('CONFLICT', 'This record was removed. An administrator can restore it first.');
  return r;
}

function assertCodeFree(db: Db, code: string, exceptId: number | null): void {
  const other = db
    .prepare('SELECT id FROM people WHERE client_code = ? COLLATE NOCASE AND deleted_at IS NULL AND id IS NOT ?')
    .pluck()
    .get(code, exceptId) as number | undefined;
  if (other !== undefined) {
    throw new DoorwayError('CONFLICT', `The client code ${code} already belongs to someone else. Open their record, or choose a different code.`, {
      conflictId: other,
      fields: { clientCode: 'This code is already in use.' },
    });
  }
}

function assertRecipe(code: string, mask: string, hint: string): void {
  if (!codeMatchesRecipe(code, mask)) {
    const message = `This code doesn't follow the clinic's recipe (${mask}${hint ? `: ${hint}` : ''}).`;
    throw new DoorwayError('INVALID_INPUT', message, { fields: { clientCode: message } });
  }
}

function assertStaff(db: Db, staffId: number | null): void {
  if (staffId === null) return;
  const ok = db.prepare('SELECT 1 FROM staff_users WHERE id = ?').get(staffId);
  if (!ok) throw new DoorwayError('INVALID_INPUT', 'That staff member could not be found.', { fields: { usualStaffId: 'Unknown staff member.' } });
}

export function indexForSearch(db: Db, r: Pick<PersonRow, 'id' | 'client_code' | 'name' | 'preferred_name'>): void {
  for (const table of ['people_search', 'people_prefix']) {
    db.prepare(`INSERT INTO ${table} (rowid, client_code, name, preferred_name) VALUES (?, ?, ?, ?)`).run(r.id, r.client_code, r.name ?? '', r.preferred_name ?? '');
  }
}

function unindex(db: Db, id: number): void {
  db.prepare('DELETE FROM people_search WHERE rowid = ?').run(id);
  db.prepare('DELETE FROM people_prefix WHERE rowid = ?').run(id);
}

export interface Actor {
  id: number;
  at: string;
}

export function createPerson(db: Db, fields: PersonFields, actor: Actor, recipe: { mask: string; hint: string }): PersonSummary {
  const code = normalizeCode(fields.clientCode);
  assertRecipe(code, recipe.mask, recipe.hint);
  assertCodeFree(db, code, null);
  assertStaff(db, fields.usualStaffId);
  const info = db
    .prepare(
      `INSERT INTO people (client_code, name, preferred_name, pronouns, birth_year, contact_prefs, usual_staff_id,
         created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(code, fields.name, fields.preferredName, fields.pronouns, fields.birthYear, JSON.stringify(fields.contactPrefs), fields.usualStaffId, actor.at, actor.id, actor.at, actor.id);
  const id = Number(info.lastInsertRowid);
  indexForSearch(db, { id, client_code: code, name: fields.name, preferred_name: fields.preferredName });
  return toSummary(rowById(db, id));
}

export function updatePerson(db: Db, id: number, changes: Partial<PersonFields>, actor: Actor, recipe: { mask: string; hint: string }): Person {
  const row = requireLivePerson(db, id);
  const before = fieldsOf(row);
  const next: Partial<PersonFields> = { ...changes };
  if (next.clientCode !== undefined) {
    next.clientCode = normalizeCode(next.clientCode);
    if (next.clientCode !== before.clientCode) {
      assertRecipe(next.clientCode, recipe.mask, recipe.hint);
      assertCodeFree(db, next.clientCode, id);
    }
  }
  if (next.usualStaffId !== undefined) assertStaff(db, next.usualStaffId);
  const previous = changedFields(before, next);
  if (Object.keys(previous).length === 0) return toPerson(row);
  const after = { ...before, ...next };
  db.prepare(
    `UPDATE people SET client_code = ?, name = ?, preferred_name = ?, pronouns = ?, birth_year = ?, contact_prefs = ?,
       usual_staff_id = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(after.clientCode, after.name, after.preferredName, after.pronouns, after.birthYear, JSON.stringify(after.contactPrefs), after.usualStaffId, actor.at, actor.id, id);
  keepHistory(db, { type: 'person', id, change: 'edit', previous, by: actor.id, at: actor.at });
  unindex(db, id);
  indexForSearch(db, { id, client_code: after.clientCode, name: after.name, preferred_name: after.preferredName });
  return getPerson(db, id);
}

export function deletePerson(db: Db, id: number, reason: string, actor: Actor): void {
  const row = requireLivePerson(db, id);
  db.prepare('UPDATE people SET deleted_at = ?, deleted_by = ?, delete_reason = ? WHERE id = ?').run(actor.at, actor.id, reason, id);
  keepHistory(db, { type: 'person', id, change: 'delete', previous: { deletedAt: row.deleted_at }, by: actor.id, at: actor.at, reason });
  unindex(db, id);
}

export function restorePerson(db: Db, id: number, actor: Actor): void {
  const row = rowById(db, id);
  if (!row.deleted_at) throw new DoorwayError('CONFLICT', 'This record is not removed, so there is nothing to restore.');
  assertCodeFree(db, row.client_code, id);
  db.prepare('UPDATE people SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL WHERE id = ?').run(id);
  keepHistory(db, { type: 'person', id, change: 'restore', previous: { deletedAt: row.deleted_at, deleteReason: row.delete_reason }, by: actor.id, at: actor.at });
  indexForSearch(db, row);
}

/** Keeps the person's contact summary in step with their contacts (same transaction as the change). */
export function refreshContactSummary(db: Db, personId: number): void {
  db.prepare(
    `UPDATE people SET (first_contact_at, last_contact_at, contact_count) =
       (SELECT min(occurred_at), max(occurred_at), count(*) FROM contacts WHERE person_id = ? AND deleted_at IS NULL)
     WHERE id = ?`,
  ).run(personId, personId);
}

/** The current phase is the latest phase change by date (then by entry order). */
export function refreshPhase(db: Db, personId: number): void {
  const latest = db
    .prepare(
      `SELECT json_extract(data, '$.phase') FROM person_entries
       WHERE person_id = ? AND kind = 'phase_change' AND deleted_at IS NULL ORDER BY occurred_on DESC, id DESC LIMIT 1`,
    )
    .pluck()
    .get(personId) as Phase | undefined;
  db.prepare('UPDATE people SET phase = ? WHERE id = ?').run(latest ?? 'engagement', personId);
}

export type PeopleSort = 'last_contact' | 'client_code' | 'name';

export function listPeople(
  db: Db,
  q: { sort: PeopleSort; phase: Phase | null; offset: number; limit: number; removed: boolean },
): { total: number; items: PersonSummary[] } {
  const where = [q.removed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
  const params: unknown[] = [];
  if (q.phase) {
    where.push('phase = ?');
    params.push(q.phase);
  }
  const order =
    q.sort === 'last_contact'
      ? 'last_contact_at IS NULL, last_contact_at DESC, id'
      : q.sort === 'client_code'
        ? 'client_code COLLATE NOCASE, id'
        : 'coalesce(preferred_name, name, client_code) COLLATE NOCASE, id';
  const w = where.join(' AND ');
  const total = db.prepare(`SELECT count(*) FROM people WHERE ${w}`).pluck().get(...params) as number;
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM people WHERE ${w} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as PersonRow[];
  return { total, items: rows.map(toSummary) };
}

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

/**
 * Search by client code, name or preferred name, tolerant of partial input: any fragment of three or
 * more characters (trigram index), or the start of a word for shorter input (prefix index). Both are
 * index lookups, so the time does not grow with the number of people.
 */
export function searchPeople(db: Db, query: string, limit: number): PersonSummary[] {
  const terms = query
    .trim()
    .split(/\s+/)
    .map((t) => t.replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter(Boolean);
  if (terms.length === 0) return [];
  const long = terms.every((t) => t.length >= 3);
  const table = long ? 'people_search' : 'people_prefix';
  const match = long
    ? terms.map(quote).join(' AND ')
    : terms.flatMap((t) => t.split('-').filter(Boolean)).map((t) => `${quote(t)}*`).join(' AND ');
  if (!match) return [];
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS.split(', ').map((c) => `p.${c}`).join(', ')}
       FROM ${table} s JOIN people p ON p.id = s.rowid
       WHERE ${table} MATCH ? AND p.deleted_at IS NULL
       ORDER BY (p.client_code = ? COLLATE NOCASE) DESC, p.last_contact_at DESC LIMIT ?`,
    )
    .all(match, query.trim(), limit) as PersonRow[];
  return rows.map(toSummary);
}
