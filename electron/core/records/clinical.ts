import type { Data } from '../data/engine';
import { insertMany } from './bulk';

/**
 * The clinical store's rows (DESIGN.md, Vault: two stores, two keys): a contact's note, a clinical
 * entry's text, and the clinical fields of an edit's previous values, each under the id of its row in
 * the main store. Only a session whose role may read clinical content has this store open; for any
 * other, every query here is refused by the data layer itself, whatever the caller.
 */

const CHUNK = 500;

async function byIds<R>(ids: readonly number[], query: (part: number[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await query(ids.slice(i, i + CHUNK))));
  return out;
}

export async function notesOf(data: Data, contactIds: readonly number[]): Promise<Map<number, string>> {
  if (contactIds.length === 0) return new Map();
  const rows = await byIds(contactIds, (part) => data.selectFrom('clinical.contact_notes').select(['contact_id', 'note']).where('contact_id', 'in', part).execute());
  return new Map(rows.map((r) => [r.contact_id, r.note]));
}

/** An empty note keeps no row: a contact without a note looks the same either way. */
export async function putNote(data: Data, contactId: number, note: string): Promise<void> {
  if (note === '') {
    await data.deleteFrom('clinical.contact_notes').where('contact_id', '=', contactId).execute();
    return;
  }
  await data
    .insertInto('clinical.contact_notes')
    .values({ contact_id: contactId, note })
    .onConflict((oc) => oc.column('contact_id').doUpdateSet({ note }))
    .execute();
}

/** Notes of many new contacts at once (demo data); empty notes keep no row, as with putNote. */
export async function insertNotes(data: Data, notes: readonly { contactId: number; note: string }[]): Promise<void> {
  const rows = notes.filter((n) => n.note !== '').map((n) => ({ contact_id: n.contactId, note: n.note }));
  await insertMany(data, 'clinical.contact_notes', rows, (part) => data.insertInto('clinical.contact_notes').values(part));
}

export async function entryTextsOf(data: Data, entryIds: readonly number[]): Promise<Map<number, string>> {
  if (entryIds.length === 0) return new Map();
  const rows = await byIds(entryIds, (part) => data.selectFrom('clinical.entry_texts').select(['entry_id', 'data']).where('entry_id', 'in', part).execute());
  return new Map(rows.map((r) => [r.entry_id, r.data]));
}

export async function putEntryText(data: Data, entryId: number, json: string): Promise<void> {
  await data
    .insertInto('clinical.entry_texts')
    .values({ entry_id: entryId, data: json })
    .onConflict((oc) => oc.column('entry_id').doUpdateSet({ data: json }))
    .execute();
}

/** Texts of many new clinical entries at once (demo data). */
export async function insertEntryTexts(data: Data, texts: readonly { entryId: number; json: string }[]): Promise<void> {
  const rows = texts.map((t) => ({ entry_id: t.entryId, data: t.json }));
  await insertMany(data, 'clinical.entry_texts', rows, (part) => data.insertInto('clinical.entry_texts').values(part));
}

export async function historyDetailsOf(data: Data, historyIds: readonly number[]): Promise<Map<number, string>> {
  if (historyIds.length === 0) return new Map();
  const rows = await byIds(historyIds, (part) => data.selectFrom('clinical.history_details').select(['history_id', 'previous']).where('history_id', 'in', part).execute());
  return new Map(rows.map((r) => [r.history_id, r.previous]));
}

export async function putHistoryDetails(data: Data, historyId: number, previous: string): Promise<void> {
  await data.insertInto('clinical.history_details').values({ history_id: historyId, previous }).execute();
}
