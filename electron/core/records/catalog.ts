import type { CatalogItem } from '../../../shared/contract/record-schemas';
import { LANGUAGES, type Language } from '../../../shared/languages';
import { messageText, msg, type MessageKey } from '../../../shared/messages';
import type { Data } from '../data/engine';
import { DoorwayError } from '../errors';

type Kind = CatalogItem['kind'];

/**
 * What a new site starts with, its names in each language (shared/messages, `catalog.builtIn`); each
 * site edits its own list in Settings. The schema's migration (db/migrations 0002) writes them in
 * English, as they were when it was written; a clinic set up in Spanish gets their Spanish names at
 * once (nameBuiltInCatalog). After that they are the clinic's own words: nothing renames them again.
 */
const BUILT_IN: readonly { kind: Kind; name: MessageKey; category: string | null }[] = [
  { kind: 'service', name: 'catalog.builtIn.checkIn', category: null },
  { kind: 'service', name: 'catalog.builtIn.woundCare', category: null },
  { kind: 'service', name: 'catalog.builtIn.naloxoneTraining', category: null },
  { kind: 'service', name: 'catalog.builtIn.testing', category: null },
  { kind: 'service', name: 'catalog.builtIn.vaccination', category: null },
  { kind: 'service', name: 'catalog.builtIn.moud', category: null },
  { kind: 'service', name: 'catalog.builtIn.housingBenefits', category: null },
  { kind: 'service', name: 'catalog.builtIn.foodClothing', category: null },
  { kind: 'supply', name: 'catalog.builtIn.naloxoneNasal', category: 'naloxone' },
  { kind: 'supply', name: 'catalog.builtIn.naloxoneInjectable', category: 'naloxone' },
  { kind: 'supply', name: 'catalog.builtIn.syringes', category: 'syringes' },
  { kind: 'supply', name: 'catalog.builtIn.fentanylStrips', category: 'test_strips' },
  { kind: 'supply', name: 'catalog.builtIn.xylazineStrips', category: 'test_strips' },
  { kind: 'supply', name: 'catalog.builtIn.saferSmokingKit', category: 'safer_use' },
  { kind: 'supply', name: 'catalog.builtIn.woundCareKit', category: 'wound_care' },
  { kind: 'supply', name: 'catalog.builtIn.sharpsContainer', category: 'safer_use' },
];

/** The built-in list in one language, in its order. */
export function defaultCatalog(language: Language): { kind: Kind; label: string; category: string | null }[] {
  return BUILT_IN.map((i) => ({ kind: i.kind, label: messageText(msg(i.name), language), category: i.category }));
}

/** The built-in list in English: the names the migration writes. */
export const DEFAULT_CATALOG = defaultCatalog('en');

/**
 * Every built-in name of an item, in every language, when `label` is one of them ("Syringes" and
 * "Jeringas" are one item); none for an item the site added or renamed. The import knows a file's
 * columns by them, whichever language the clinic was set up in.
 */
export function builtInNames(kind: Kind, label: string): string[] {
  const l = label.toLowerCase();
  for (const i of BUILT_IN) {
    if (i.kind !== kind) continue;
    const names = LANGUAGES.map((language) => messageText(msg(i.name), language));
    if (names.some((n) => n.toLowerCase() === l)) return [...new Set(names)];
  }
  return [];
}

/**
 * A new clinic's built-in items in its language: called once, as the clinic is made (setup, hub init),
 * while the list is still exactly the migration's. Only an item still bearing its English built-in
 * name changes, so this never touches what staff have named.
 */
export async function nameBuiltInCatalog(trx: Data, language: Language): Promise<void> {
  if (language === 'en') return;
  const english = defaultCatalog('en');
  const named = defaultCatalog(language);
  for (const [i, item] of english.entries()) {
    await trx.updateTable('catalog_items').set({ label: named[i]!.label }).where('kind', '=', item.kind).where('label', '=', item.label).execute();
  }
}

const toItem = (r: { id: number; kind: Kind; label: string; category: string | null; active: number }): CatalogItem => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  category: r.category,
  active: r.active === 1,
});

const COLUMNS = ['id', 'kind', 'label', 'category', 'active'] as const;

export async function listCatalog(data: Data, includeInactive: boolean): Promise<CatalogItem[]> {
  let q = data.selectFrom('catalog_items').select(COLUMNS).orderBy('kind').orderBy('sort_order').orderBy('id');
  if (!includeInactive) q = q.where('active', '=', 1);
  return (await q.execute()).map(toItem);
}

/** Another item of the same kind with this label, in any case ("Syringes" and "syringes" are one item). */
async function sameLabel(data: Data, kind: Kind, label: string, exceptId: number | null): Promise<number | undefined> {
  let q = data
    .selectFrom('catalog_items')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) => eb(eb.fn('lower', ['label']), '=', label.toLowerCase()));
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst())?.id;
}

async function getItem(data: Data, id: number): Promise<CatalogItem | null> {
  const row = await data.selectFrom('catalog_items').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function createCatalogItem(data: Data, item: { kind: Kind; label: string; category: string | null }, at: string): Promise<CatalogItem> {
  const clash = await sameLabel(data, item.kind, item.label, null);
  if (clash !== undefined) {
    throw new DoorwayError('CONFLICT', msg('catalog.alreadyInList', { label: item.label }), { conflictId: clash, fields: { label: msg('catalog.field.alreadyInList') } });
  }
  const last = await data.selectFrom('catalog_items').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
  const inserted = await data
    .insertInto('catalog_items')
    .values({ kind: item.kind, label: item.label, category: item.category, sort_order: (last?.n ?? 0) + 1, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await getItem(data, inserted.id))!;
}

export async function updateCatalogItem(data: Data, id: number, changes: { label?: string; category?: string | null; active?: boolean }): Promise<CatalogItem> {
  const row = await getItem(data, id);
  if (!row) throw new DoorwayError('NOT_FOUND', msg('catalog.notFound'));
  if (changes.label !== undefined && changes.label.toLowerCase() !== row.label.toLowerCase()) {
    if ((await sameLabel(data, row.kind, changes.label, id)) !== undefined) {
      throw new DoorwayError('CONFLICT', msg('catalog.alreadyInList', { label: changes.label }), { fields: { label: msg('catalog.field.alreadyInList') } });
    }
  }
  await data
    .updateTable('catalog_items')
    .set({
      label: changes.label ?? row.label,
      category: changes.category === undefined ? row.category : changes.category,
      active: (changes.active ?? row.active) ? 1 : 0,
    })
    .where('id', '=', id)
    .execute();
  return (await getItem(data, id))!;
}

/** Items offered on a contact must exist, be of the right kind and be in use. */
export async function assertItems(data: Data, kind: Kind, ids: readonly number[], field: string): Promise<void> {
  if (ids.length === 0) return;
  if (new Set(ids).size !== ids.length) {
    throw new DoorwayError('INVALID_INPUT', msg('catalog.listedTwice'), { fields: { [field]: msg('catalog.field.listedTwice') } });
  }
  const found = await data
    .selectFrom('catalog_items')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', kind)
    .where('active', '=', 1)
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  if (Number(found.n) !== ids.length) {
    throw new DoorwayError('INVALID_INPUT', msg(kind === 'service' ? 'catalog.serviceNotInList' : 'catalog.supplyNotInList'), {
      fields: { [field]: msg('catalog.field.notInList') },
    });
  }
}
