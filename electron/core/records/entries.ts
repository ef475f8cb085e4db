import { entryDataSchemas, type Entry, type EntryKind } from '../../../shared/contract/record-schemas';
import type { Db } from '../db/database';
import { DoorwayError } from '../errors';
import { keepHistory } from './history';
import { refreshPhase, requireLivePerson, type Actor } from './people';

interface EntryRow {
  id: number;
  person_id: number;
  kind: EntryKind;
  occurred_on: string;
  data: string;
  created_at: string;
  created_by_name: string;
  updated_at: string;
  deleted_at: string | null;
  delete_reason: string | null;
}

const SELECT = `SELECT e.id, e.person_id, e.kind, e.occurred_on, e.data, e.created_at, s.display_name AS created_by_name,
  e.updated_at, e.deleted_at, e.delete_reason FROM person_entries e JOIN staff_users s ON s.id = e.created_by`;

const toEntry = (r: EntryRow): Entry => ({
  id: r.id,
  personId: r.person_id,
  kind: r.kind,
  occurredOn: r.occurred_on,
  data: JSON.parse(r.data) as Record<string, unknown>,
  createdAt: r.created_at,
  createdBy: r.created_by_name,
  updatedAt: r.updated_at,
  deleted: r.deleted_at !== null,
  deleteReason: r.delete_reason,
});

/** Validates kind-specific data with the contract's schema; field messages are prefixed `data.`. */
export function parseEntryData(kind: EntryKind, data: unknown): Record<string, unknown> {
  const parsed = entryDataSchemas[kind].safeParse(data);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[['data', ...i.path.map(String)].join('.')] ??= i.message;
    const first = parsed.error.issues[0];
    throw new DoorwayError('INVALID_INPUT', first && !/^Invalid input/.test(first.message) ? first.message : 'Some details are not in the expected form. Nothing was changed.', { fields });
  }
  return parsed.data as Record<string, unknown>;
}

export function entriesForPerson(db: Db, personId: number, kinds: readonly EntryKind[]): Entry[] {
  if (kinds.length === 0) return [];
  const rows = db
    .prepare(`${SELECT} WHERE e.person_id = ? AND e.kind IN (${kinds.map(() => '?').join(',')}) ORDER BY e.occurred_on DESC, e.id DESC`)
    .all(personId, ...kinds) as EntryRow[];
  return rows.map(toEntry);
}

export function getEntry(db: Db, id: number): Entry {
  const r = db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
  if (!r) throw new DoorwayError('NOT_FOUND', 'That entry could not be found.');
  return toEntry(r);
}

function assertNotFuture(on: string, actor: Actor): void {
  if (on > actor.at.slice(0, 10)) {
    throw new DoorwayError('INVALID_INPUT', 'This date is in the future. Please check it.', { fields: { occurredOn: 'In the future.' } });
  }
}

export function addEntry(db: Db, personId: number, kind: EntryKind, occurredOn: string, data: unknown, actor: Actor): number {
  requireLivePerson(db, personId);
  assertNotFuture(occurredOn, actor);
  const clean = parseEntryData(kind, data);
  const info = db
    .prepare('INSERT INTO person_entries (person_id, kind, occurred_on, data, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(personId, kind, occurredOn, JSON.stringify(clean), actor.at, actor.id, actor.at, actor.id);
  if (kind === 'phase_change') refreshPhase(db, personId);
  return Number(info.lastInsertRowid);
}

export function updateEntry(db: Db, id: number, changes: { occurredOn?: string; data?: unknown }, actor: Actor): Entry {
  const before = getEntry(db, id);
  if (before.deleted) throw new DoorwayError('CONFLICT', 'This entry was removed. Restore it first to edit it.');
  if (changes.occurredOn) assertNotFuture(changes.occurredOn, actor);
  // Partial data edits merge onto what is there, then the whole is validated again.
  const merged = changes.data === undefined ? before.data : { ...before.data, ...(changes.data as Record<string, unknown>) };
  if (before.kind === 'goal' && merged.status !== before.data.status && !(changes.data && 'statusChangedOn' in (changes.data as Record<string, unknown>))) {
    merged.statusChangedOn = actor.at.slice(0, 10);
  }
  const clean = parseEntryData(before.kind, merged);
  const occurredOn = changes.occurredOn ?? before.occurredOn;
  if (occurredOn === before.occurredOn && JSON.stringify(clean) === JSON.stringify(before.data)) return before;
  db.prepare('UPDATE person_entries SET occurred_on = ?, data = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(occurredOn, JSON.stringify(clean), actor.at, actor.id, id);
  keepHistory(db, { type: 'entry', id, change: 'edit', previous: { occurredOn: before.occurredOn, data: before.data }, by: actor.id, at: actor.at });
  if (before.kind === 'phase_change') refreshPhase(db, before.personId);
  return getEntry(db, id);
}

export function deleteEntry(db: Db, id: number, reason: string, actor: Actor): Entry {
  const e = getEntry(db, id);
  if (e.deleted) throw new DoorwayError('CONFLICT', 'This entry is already removed.');
  db.prepare('UPDATE person_entries SET deleted_at = ?, deleted_by = ?, delete_reason = ? WHERE id = ?').run(actor.at, actor.id, reason, id);
  keepHistory(db, { type: 'entry', id, change: 'delete', previous: { deleted: false }, by: actor.id, at: actor.at, reason });
  if (e.kind === 'phase_change') refreshPhase(db, e.personId);
  return e;
}

export function restoreEntry(db: Db, id: number, actor: Actor): Entry {
  const e = getEntry(db, id);
  if (!e.deleted) throw new DoorwayError('CONFLICT', 'This entry is not removed, so there is nothing to restore.');
  requireLivePerson(db, e.personId);
  db.prepare('UPDATE person_entries SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL WHERE id = ?').run(id);
  keepHistory(db, { type: 'entry', id, change: 'restore', previous: { deleted: true, deleteReason: e.deleteReason }, by: actor.id, at: actor.at });
  if (e.kind === 'phase_change') refreshPhase(db, e.personId);
  return e;
}
