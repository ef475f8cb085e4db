import type { Draft, DraftForm, DraftSummary } from '../../../shared/contract/drafts';
import type { EntryKind } from '../../../shared/contract/record-schemas';
import type { Data } from '../data/engine';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { isClinicalKind } from '../records/entries';

/**
 * Unsaved work, per staff member and form (shared/contract/drafts.ts). The rule of what is clinical
 * lives here, once: a contact's note, and every field of a clinical entry. Those go to the clinical
 * store, which only a clinical role has open; the rest stays in the main store.
 */
export function splitFields(form: DraftForm, entryKind: EntryKind | null, fields: Record<string, unknown>): { main: Record<string, unknown>; clinical: Record<string, unknown> } {
  if (form === 'entry' && entryKind && isClinicalKind(entryKind)) return { main: {}, clinical: fields };
  if (form === 'contact' && 'note' in fields) {
    const { note, ...main } = fields;
    return { main, clinical: note === '' || note === undefined ? {} : { note } };
  }
  return { main: fields, clinical: {} };
}

const isEmpty = (o: Record<string, unknown>) => Object.keys(o).length === 0;

interface DraftRow {
  id: number;
  form_key: string;
  form: DraftForm;
  entry_kind: EntryKind | null;
  person_id: number | null;
  fields: string;
  updated_at: string;
  client_code: string | null;
  name: string | null;
  preferred_name: string | null;
}

function selectDrafts(data: Data, staffId: number) {
  return data
    .selectFrom('drafts as d')
    .leftJoin('people as p', 'p.id', 'd.person_id')
    .select(['d.id', 'd.form_key', 'd.form', 'd.entry_kind', 'd.person_id', 'd.fields', 'd.updated_at', 'p.client_code', 'p.name', 'p.preferred_name'])
    .where('d.staff_id', '=', staffId);
}

const summaryOf = (r: DraftRow): DraftSummary => ({
  key: r.form_key,
  form: r.form,
  entryKind: r.entry_kind,
  personId: r.person_id,
  personLabel: r.preferred_name ?? r.name ?? r.client_code,
  updatedAt: r.updated_at,
});

/** Keeps the draft, replacing this staff member's earlier one for the same form. */
export async function saveDraft(
  data: Data,
  d: { staffId: number; key: string; form: DraftForm; entryKind: EntryKind | null; personId: number | null; fields: Record<string, unknown>; at: string; clinical: boolean },
): Promise<void> {
  const { main, clinical } = splitFields(d.form, d.entryKind, d.fields);
  if (!d.clinical && !isEmpty(clinical)) {
    throw new DoorwayError('FORBIDDEN', msg('drafts.noClinicalNotes'));
  }
  if (d.personId !== null) {
    const person = await data.selectFrom('people').select('id').where('id', '=', d.personId).executeTakeFirst();
    if (!person) throw new DoorwayError('NOT_FOUND', msg('records.personNotFound'));
  }
  const fields = JSON.stringify(main);
  const row = await data
    .insertInto('drafts')
    .values({ staff_id: d.staffId, form_key: d.key, form: d.form, entry_kind: d.entryKind, person_id: d.personId, fields, created_at: d.at, updated_at: d.at })
    .onConflict((oc) => oc.columns(['staff_id', 'form_key']).doUpdateSet({ form: d.form, entry_kind: d.entryKind, person_id: d.personId, fields, updated_at: d.at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!d.clinical) return;
  if (isEmpty(clinical)) await data.deleteFrom('clinical.draft_texts').where('draft_id', '=', row.id).execute();
  else {
    const text = JSON.stringify(clinical);
    await data
      .insertInto('clinical.draft_texts')
      .values({ draft_id: row.id, fields: text })
      .onConflict((oc) => oc.column('draft_id').doUpdateSet({ fields: text }))
      .execute();
  }
}

export async function getDraft(data: Data, staffId: number, key: string, clinical: boolean): Promise<Draft | null> {
  const r = (await selectDrafts(data, staffId).where('d.form_key', '=', key).executeTakeFirst()) as DraftRow | undefined;
  if (!r) return null;
  let fields = JSON.parse(r.fields) as Record<string, unknown>;
  if (clinical) {
    const extra = await data.selectFrom('clinical.draft_texts').select('fields').where('draft_id', '=', r.id).executeTakeFirst();
    if (extra) fields = { ...fields, ...(JSON.parse(extra.fields) as Record<string, unknown>) };
  }
  return { ...summaryOf(r), fields };
}

/** This staff member's drafts, newest first. */
export async function listDrafts(data: Data, staffId: number): Promise<DraftSummary[]> {
  const rows = (await selectDrafts(data, staffId).orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').execute()) as DraftRow[];
  return rows.map(summaryOf);
}

/** Removes one draft and its clinical part; false when there was none. */
export async function discardDraft(data: Data, staffId: number, key: string, clinical: boolean): Promise<DraftSummary | null> {
  const r = (await selectDrafts(data, staffId).where('d.form_key', '=', key).executeTakeFirst()) as DraftRow | undefined;
  if (!r) return null;
  await data.deleteFrom('drafts').where('id', '=', r.id).execute();
  if (clinical) await data.deleteFrom('clinical.draft_texts').where('draft_id', '=', r.id).execute();
  return summaryOf(r);
}

/**
 * Removes every draft (any staff member's) not touched since `before`. With the clinical store open,
 * also its clinical parts, including those of drafts a front-desk session removed earlier (that
 * session could not reach them). Returns how many drafts were removed.
 */
export async function expireDrafts(data: Data, before: string, clinical: boolean): Promise<number> {
  const old = await data.selectFrom('drafts').select('id').where('updated_at', '<', before).execute();
  if (old.length > 0) await data.deleteFrom('drafts').where('updated_at', '<', before).execute();
  if (clinical) {
    const live = new Set((await data.selectFrom('drafts').select('id').execute()).map((r) => r.id));
    const parts = await data.selectFrom('clinical.draft_texts').select('draft_id').execute();
    const orphans = parts.map((p) => p.draft_id).filter((id) => !live.has(id));
    if (orphans.length > 0) await data.deleteFrom('clinical.draft_texts').where('draft_id', 'in', orphans).execute();
  }
  return old.length;
}
