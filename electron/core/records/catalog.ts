import type { CatalogItem } from '../../../shared/contract/record-schemas';
import type { Db } from '../db/database';
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

interface Row {
  id: number;
  kind: Kind;
  label: string;
  category: string | null;
  active: number;
}

const toItem = (r: Row): CatalogItem => ({ id: r.id, kind: r.kind, label: r.label, category: r.category, active: r.active === 1 });

export function seedCatalog(db: Db, at: string): void {
  const insert = db.prepare('INSERT OR IGNORE INTO catalog_items (kind, label, category, sort_order, created_at) VALUES (?, ?, ?, ?, ?)');
  DEFAULT_CATALOG.forEach((c, i) => insert.run(c.kind, c.label, c.category, i, at));
}

export function listCatalog(db: Db, includeInactive: boolean): CatalogItem[] {
  const rows = db
    .prepare(`SELECT id, kind, label, category, active FROM catalog_items ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY kind, sort_order, id`)
    .all() as Row[];
  return rows.map(toItem);
}

export function createCatalogItem(db: Db, item: { kind: Kind; label: string; category: string | null }, at: string): CatalogItem {
  const clash = db.prepare('SELECT id FROM catalog_items WHERE kind = ? AND label = ? COLLATE NOCASE').pluck().get(item.kind, item.label) as number | undefined;
  if (clash !== undefined) {
    throw new DoorwayError('CONFLICT', `"${item.label}" is already in the list.`, { conflictId: clash, fields: { label: 'Already in the list.' } });
  }
  const order = (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 FROM catalog_items').pluck().get() as number) ?? 0;
  const info = db.prepare('INSERT INTO catalog_items (kind, label, category, sort_order, created_at) VALUES (?, ?, ?, ?, ?)').run(item.kind, item.label, item.category, order, at);
  return toItem(db.prepare('SELECT * FROM catalog_items WHERE id = ?').get(Number(info.lastInsertRowid)) as Row);
}

export function updateCatalogItem(db: Db, id: number, changes: { label?: string; category?: string | null; active?: boolean }): CatalogItem {
  const row = db.prepare('SELECT * FROM catalog_items WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new DoorwayError('NOT_FOUND', 'That item could not be found.');
  if (changes.label !== undefined && changes.label.toLowerCase() !== row.label.toLowerCase()) {
    const clash = db.prepare('SELECT id FROM catalog_items WHERE kind = ? AND label = ? COLLATE NOCASE AND id != ?').pluck().get(row.kind, changes.label, id);
    if (clash !== undefined) throw new DoorwayError('CONFLICT', `"${changes.label}" is already in the list.`, { fields: { label: 'Already in the list.' } });
  }
  db.prepare('UPDATE catalog_items SET label = ?, category = ?, active = ? WHERE id = ?').run(
    changes.label ?? row.label,
    changes.category === undefined ? row.category : changes.category,
    changes.active === undefined ? row.active : changes.active ? 1 : 0,
    id,
  );
  return toItem(db.prepare('SELECT * FROM catalog_items WHERE id = ?').get(id) as Row);
}

/** Items offered on a contact must exist, be of the right kind and be in use. */
export function assertItems(db: Db, kind: Kind, ids: readonly number[], field: string): void {
  if (ids.length === 0) return;
  if (new Set(ids).size !== ids.length) {
    throw new DoorwayError('INVALID_INPUT', 'The same item is listed twice.', { fields: { [field]: 'Listed twice.' } });
  }
  const found = db
    .prepare(`SELECT count(*) FROM catalog_items WHERE kind = ? AND active = 1 AND id IN (${ids.map(() => '?').join(',')})`)
    .pluck()
    .get(kind, ...ids) as number;
  if (found !== ids.length) {
    throw new DoorwayError('INVALID_INPUT', `One of the ${kind === 'service' ? 'services' : 'supplies'} is not in the site's list.`, {
      fields: { [field]: 'Not in the list.' },
    });
  }
}
