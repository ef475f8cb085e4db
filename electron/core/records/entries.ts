import { CLINICAL_ENTRY_KINDS, entryDataSchemas, type Entry, type EntryKind } from '../../../shared/contract/record-schemas';
import type { Data } from '../data/engine';
import { isMessageKey, msg } from '../../../shared/messages';
import { issueFields } from '../../../shared/messages/issues';
import { DoorwayError } from '../errors';
import { idsInOrder, insertMany } from './bulk';
import { entryTextsOf, insertEntryTexts, putEntryText } from './clinical';
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

/** Entries with the name of the staff member who entered them. */
const selectEntries = (data: Data) =>
  data
    .selectFrom('person_entries as e')
    .innerJoin('staff_users as s', 's.id', 'e.created_by')
    .select(['e.id', 'e.person_id', 'e.kind', 'e.occurred_on', 'e.data', 'e.created_at', 's.display_name as created_by_name', 'e.updated_at', 'e.deleted_at', 'e.delete_reason']);

export const isClinicalKind = (kind: EntryKind): boolean => CLINICAL_ENTRY_KINDS.includes(kind);

/** A clinical entry's text is in the clinical store; the main row holds '{}' for it. */
const toEntry = (r: EntryRow, texts: Map<number, string>): Entry => ({
  id: r.id,
  personId: r.person_id,
  kind: r.kind,
  occurredOn: r.occurred_on,
  data: JSON.parse(isClinicalKind(r.kind) ? (texts.get(r.id) ?? '{}') : r.data) as Record<string, unknown>,
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
    const fields = issueFields(parsed.error.issues, { prefix: ['data'] });
    // The first issue's own words when the schema gives a message key, otherwise one calm sentence for all.
    const first = parsed.error.issues[0];
    throw new DoorwayError('INVALID_INPUT', first && isMessageKey(first.message) ? msg(first.message) : msg('records.entryNotInForm'), { fields });
  }
  return parsed.data as Record<string, unknown>;
}

export async function entriesForPerson(data: Data, personId: number, kinds: readonly EntryKind[]): Promise<Entry[]> {
  if (kinds.length === 0) return [];
  const rows = await selectEntries(data)
    .where('e.person_id', '=', personId)
    .where('e.kind', 'in', kinds)
    .orderBy('e.occurred_on', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  const texts = await entryTextsOf(data, rows.filter((r) => isClinicalKind(r.kind)).map((r) => r.id));
  return rows.map((r) => toEntry(r, texts));
}

/** The kind of an entry, read from the main store alone (so a role check can come before any clinical read). */
export async function entryKind(data: Data, id: number): Promise<EntryKind> {
  const r = await data.selectFrom('person_entries').select('kind').where('id', '=', id).executeTakeFirst();
  if (!r) throw new DoorwayError('NOT_FOUND', msg('records.entryNotFound'));
  return r.kind;
}

export async function getEntry(data: Data, id: number): Promise<Entry> {
  const r = await selectEntries(data).where('e.id', '=', id).executeTakeFirst();
  if (!r) throw new DoorwayError('NOT_FOUND', msg('records.entryNotFound'));
  return toEntry(r, isClinicalKind(r.kind) ? await entryTextsOf(data, [r.id]) : new Map());
}

function assertNotFuture(on: string, actor: Actor): void {
  if (on > actor.at.slice(0, 10)) {
    throw new DoorwayError('INVALID_INPUT', msg('records.entryInFuture'), { fields: { occurredOn: msg('records.entryInFutureField') } });
  }
}

export async function addEntry(data: Data, personId: number, kind: EntryKind, occurredOn: string, fields: unknown, actor: Actor): Promise<number> {
  await requireLivePerson(data, personId);
  assertNotFuture(occurredOn, actor);
  const clean = parseEntryData(kind, fields);
  const clinical = isClinicalKind(kind);
  const { id } = await data
    .insertInto('person_entries')
    .values({ person_id: personId, kind, occurred_on: occurredOn, data: clinical ? '{}' : JSON.stringify(clean), created_at: actor.at, created_by: actor.id, updated_at: actor.at, updated_by: actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (clinical) await putEntryText(data, id, JSON.stringify(clean));
  if (kind === 'phase_change') await refreshPhase(data, personId);
  return id;
}

/** An entry as a bulk load (demo data) adds it: data already in its kind's shape, person checked by the caller. */
export interface NewEntry {
  personId: number;
  kind: EntryKind;
  occurredOn: string;
  data: unknown;
  createdAt: string;
  createdBy: number;
}

/**
 * Many entries at once, in multi-row inserts, a clinical kind's text in the clinical store as addEntry
 * keeps it; their ids in the order given. The caller refreshes the phase of people given a phase change.
 */
export async function insertEntries(data: Data, entries: readonly NewEntry[]): Promise<number[]> {
  const rows = entries.map((e) => ({
    person_id: e.personId,
    kind: e.kind,
    occurred_on: e.occurredOn,
    data: isClinicalKind(e.kind) ? '{}' : JSON.stringify(e.data),
    created_at: e.createdAt,
    created_by: e.createdBy,
    updated_at: e.createdAt,
    updated_by: e.createdBy,
  }));
  const ids = idsInOrder(await insertMany(data, 'person_entries', rows, (part) => data.insertInto('person_entries').values(part).returning('id')));
  const texts = entries.flatMap((e, i) => (isClinicalKind(e.kind) ? [{ entryId: ids[i]!, json: JSON.stringify(e.data) }] : []));
  await insertEntryTexts(data, texts);
  return ids;
}

export async function updateEntry(data: Data, id: number, changes: { occurredOn?: string; data?: unknown }, actor: Actor): Promise<Entry> {
  const before = await getEntry(data, id);
  if (before.deleted) throw new DoorwayError('CONFLICT', msg('records.entryRemoved'));
  if (changes.occurredOn) assertNotFuture(changes.occurredOn, actor);
  // Partial data edits merge onto what is there, then the whole is validated again.
  const merged = changes.data === undefined ? before.data : { ...before.data, ...(changes.data as Record<string, unknown>) };
  if (before.kind === 'goal' && merged.status !== before.data.status && !(changes.data && 'statusChangedOn' in (changes.data as Record<string, unknown>))) {
    merged.statusChangedOn = actor.at.slice(0, 10);
  }
  const clean = parseEntryData(before.kind, merged);
  const occurredOn = changes.occurredOn ?? before.occurredOn;
  if (occurredOn === before.occurredOn && JSON.stringify(clean) === JSON.stringify(before.data)) return before;
  const clinical = isClinicalKind(before.kind);
  await data
    .updateTable('person_entries')
    .set({ occurred_on: occurredOn, data: clinical ? '{}' : JSON.stringify(clean), updated_at: actor.at, updated_by: actor.id })
    .where('id', '=', id)
    .execute();
  if (clinical) await putEntryText(data, id, JSON.stringify(clean));
  await keepHistory(data, {
    type: 'entry',
    id,
    change: 'edit',
    previous: clinical ? { occurredOn: before.occurredOn } : { occurredOn: before.occurredOn, data: before.data },
    clinicalPrevious: clinical ? { data: before.data } : undefined,
    by: actor.id,
    at: actor.at,
  });
  if (before.kind === 'phase_change') await refreshPhase(data, before.personId);
  return getEntry(data, id);
}

export async function deleteEntry(data: Data, id: number, reason: string, actor: Actor): Promise<Entry> {
  const e = await getEntry(data, id);
  if (e.deleted) throw new DoorwayError('CONFLICT', msg('records.entryAlreadyRemoved'));
  await data.updateTable('person_entries').set({ deleted_at: actor.at, deleted_by: actor.id, delete_reason: reason }).where('id', '=', id).execute();
  await keepHistory(data, { type: 'entry', id, change: 'delete', previous: { deleted: false }, by: actor.id, at: actor.at, reason });
  if (e.kind === 'phase_change') await refreshPhase(data, e.personId);
  return e;
}

export async function restoreEntry(data: Data, id: number, actor: Actor): Promise<Entry> {
  const e = await getEntry(data, id);
  if (!e.deleted) throw new DoorwayError('CONFLICT', msg('records.entryNotRemoved'));
  await requireLivePerson(data, e.personId);
  await data.updateTable('person_entries').set({ deleted_at: null, deleted_by: null, delete_reason: null }).where('id', '=', id).execute();
  await keepHistory(data, { type: 'entry', id, change: 'restore', previous: { deleted: true, deleteReason: e.deleteReason }, by: actor.id, at: actor.at });
  if (e.kind === 'phase_change') await refreshPhase(data, e.personId);
  return e;
}
