import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core';
import { sqliteData, sqlitePeopleSearch } from '../../electron/core/data/sqlite';
import { createCatalogItem, listCatalog } from '../../electron/core/records/catalog';
import { unwrap } from '../support/staff';
import { removeDir, setUpVault, tempDir } from '../support/vault';

/**
 * The typed data layer (electron/core/data) over the real encrypted file: what repositories rely on.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function vault() {
  const dir = tempDir();
  dirs.push(dir);
  return setUpVault(dir);
}

describe('data layer on encrypted SQLite', () => {
  it('rolls a transaction back whole when the change fails part-way: no row, no audit event', async () => {
    const v = await vault();
    const { data } = v.core.vault.open();
    const db = v.core.db;
    const auditBefore = db.prepare('SELECT count(*) FROM audit_events').pluck().get();
    await expect(
      data.transaction().execute(async (trx) => {
        await createCatalogItem(trx, { kind: 'supply', label: 'Hand warmers', category: null }, new Date().toISOString());
        await v.core.audit({ action: 'catalog.create', subjectType: 'catalog_item', details: { label: 'Hand warmers' } }, trx);
        throw new Error('stopped before commit');
      }),
    ).rejects.toThrow('stopped before commit');
    expect((await listCatalog(data, true)).map((i) => i.label)).not.toContain('Hand warmers');
    expect(db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(auditBefore);
    v.core.close();
  });

  it('commits a change and its audit event together through the router', async () => {
    const v = await vault();
    const made = unwrap(await invoke(v.router, 'catalog.create', { kind: 'supply', label: 'Hand warmers', category: null }));
    const db = v.core.db;
    expect(db.prepare('SELECT label FROM catalog_items WHERE id = ?').pluck().get(made.id)).toBe('Hand warmers');
    expect(db.prepare("SELECT count(*) FROM audit_events WHERE action = 'catalog.create' AND subject_id = ?").pluck().get(String(made.id))).toBe(1);
    // A label that differs only in case is the same item: refused, nothing written.
    const again = await invoke(v.router, 'catalog.create', { kind: 'supply', label: 'HAND WARMERS', category: null });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(db.prepare("SELECT count(*) FROM catalog_items WHERE lower(label) = 'hand warmers'").pluck().get()).toBe(1);
    v.core.close();
  });

  it('finds people through the engine search index as the people search does', async () => {
    const v = await vault();
    for (const [clientCode, preferredName] of [['KT-0412', 'Kit'], ['KT-0413', 'Kato'], ['MR-2231', 'Marlo']] as const) {
      unwrap(await invoke(v.router, 'people.create', { clientCode, preferredName }));
    }
    const data = v.core.vault.open().data;
    const byId = new Map(v.core.db.prepare('SELECT id, client_code FROM people').all().map((r) => [(r as { id: number }).id, (r as { client_code: string }).client_code]));
    const codes = async (q: string) => (await sqlitePeopleSearch.match(data, q, 10)).map((id) => byId.get(id));
    expect(await codes('KT-0413')).toEqual(['KT-0413']);
    expect((await codes('kt')).sort()).toEqual(['KT-0412', 'KT-0413']);
    expect(await codes('arlo')).toEqual(['MR-2231']);
    expect(await codes('"; DROP TABLE people; --')).toEqual([]);
    v.core.close();
  });

  it('prepares a statement once and reuses it', async () => {
    const v = await vault();
    const db = v.core.db;
    let prepared = 0;
    const real = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      prepared++;
      return real(sql);
    }) as typeof db.prepare;
    const data = sqliteData(db);
    for (let i = 0; i < 5; i++) await listCatalog(data, false);
    expect(prepared).toBe(1);
    db.prepare = real;
    v.core.close();
  });
});
