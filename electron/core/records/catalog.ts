import type { CatalogItem } from '../../../shared/contract/record-schemas';
import type { Data } from '../data/engine';
import { DoorwayError } from '../errors';

type Kind = CatalogItem['kind'];

/** What a new site starts with; each site edits its own list in Settings. */
export const DEFAULT_CATALOG: { kind: Kind; label: string; category: string | null }[] = [
  { kind: 'service', label: 'Check-in / conversation', category: null },
  { kind: 'service', label: 'Wound care', category: null },
  { kind: 'service', label: 'Naloxone training', category: null },
  { kind: 'service', label: 'Testing (HIV / hepatitis C)', category: null },
  { kind: 'service', label: 'Vaccination', category: null },
  { kind: 'service', label: 'Medication for opioid use disorder', category: null },
  { kind: 'service', label: 'Housing or benefits help', category: null },
  { kind: 'service', label: 'Food or clothing', category: null },
  { kind: 'supply', label: 'Naloxone (nasal)', category: 'naloxone' },
  { kind: 'supply', label: 'Naloxone (injectable)', category: 'naloxone' },
  { kind: 'supply', label: 'Syringes', category: 'syringes' },
  { kind: 'supply', label: 'Fentanyl test strips', category: 'test_strips' },
  { kind: 'supply', label: 'Xylazine test strips', category: 'test_strips' },
  { kind: 'supply', label: 'Safer smoking kit', category: 'safer_use' },
  { kind: 'supply', label: 'Wound care kit', category: 'wound_care' },
  { kind: 'supply', label: 'Sharps container', category: 'safer_use' },
];

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
    throw new DoorwayError('CONFLICT', `"${item.label}" is already in the list.`, { conflictId: clash, fields: { label: 'Already in the list.' } });
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
  if (!row) throw new DoorwayError('NOT_FOUND', 'That item could not be found.');
  if (changes.label !== undefined && changes.label.toLowerCase() !== row.label.toLowerCase()) {
    if ((await sameLabel(data, row.kind, changes.label, id)) !== undefined) {
      throw new DoorwayError('CONFLICT', `"${changes.label}" is already in the list.`, { fields: { label: 'Already in the list.' } });
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
    throw new DoorwayError('INVALID_INPUT', 'The same item is listed twice.', { fields: { [field]: 'Listed twice.' } });
  }
  const found = await data
    .selectFrom('catalog_items')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', kind)
    .where('active', '=', 1)
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  if (Number(found.n) !== ids.length) {
    throw new DoorwayError('INVALID_INPUT', `One of the ${kind === 'service' ? 'services' : 'supplies'} is not in the site's list.`, {
      fields: { [field]: 'Not in the list.' },
    });
  }
}
