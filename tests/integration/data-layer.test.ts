import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core';
import { sqliteData } from '../../electron/core/data/sqlite';
import { createCatalogItem, listCatalog } from '../../electron/core/records/catalog';
import { unwrap } from '../support/staff';
import { itOn } from '../support/engine';
import { removeDir, rowsOf, setUpVault, tempDir, valueOf } from '../support/vault';

/**
 * The typed data layer (electron/core/data) over the engine's real records (the encrypted file, or a
 * clinic hub with DOORWAY_TEST_ENGINE=postgres): what repositories rely on.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function vault() {
  const dir = tempDir();
  dirs.push(dir);
  return setUpVault(dir);
}

describe('data layer', () => {
  it('rolls a transaction back whole when the change fails part-way: no row, no audit event', async () => {
    const v = await vault();
    const { data } = v.core.vault.open();
    const auditBefore = await valueOf(v.core, 'SELECT count(*) FROM audit_events');
    await expect(
      data.transaction().execute(async (trx) => {
        await createCatalogItem(trx, { kind: 'supply', label: 'Hand warmers', category: null }, new Date().toISOString());
        await v.core.audit({ action: 'catalog.create', subjectType: 'catalog_item', details: { label: 'Hand warmers' } }, trx);
        throw new Error('stopped before commit');
      }),
    ).rejects.toThrow('stopped before commit');
    expect((await listCatalog(data, true)).map((i) => i.label)).not.toContain('Hand warmers');
    expect(await valueOf(v.core, 'SELECT count(*) FROM audit_events')).toBe(auditBefore);
    v.core.close();
  });

  it('commits a change and its audit event together through the router', async () => {
    const v = await vault();
    const made = unwrap(await invoke(v.router, 'catalog.create', { kind: 'supply', label: 'Hand warmers', category: null }));
    expect(await valueOf(v.core, 'SELECT label FROM catalog_items WHERE id = ?', made.id)).toBe('Hand warmers');
    expect(await valueOf(v.core, "SELECT count(*) FROM audit_events WHERE action = 'catalog.create' AND subject_id = ?", String(made.id))).toBe(1);
    // A label that differs only in case is the same item: refused, nothing written.
    const again = await invoke(v.router, 'catalog.create', { kind: 'supply', label: 'HAND WARMERS', category: null });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await valueOf(v.core, "SELECT count(*) FROM catalog_items WHERE lower(label) = 'hand warmers'")).toBe(1);
    v.core.close();
  });

  it('finds people through the engine search index as the people search does', async () => {
    const v = await vault();
    for (const [clientCode, preferredName] of [['KT-0412', 'Kit'], ['KT-0413', 'Kato'], ['MR-2231', 'Marlo']] as const) {
      unwrap(await invoke(v.router, 'people.create', { clientCode, preferredName }));
    }
    const data = v.core.vault.open().data;
    const byId = new Map((await rowsOf<{ id: number; client_code: string }>(v.core, 'SELECT id, client_code FROM people')).map((r) => [r.id, r.client_code]));
    const codes = async (q: string) => (await v.core.context.engine.peopleSearch.match(data, q, 10)).map((id) => byId.get(id));
    expect(await codes('KT-0413')).toEqual(['KT-0413']);
    expect((await codes('kt')).sort()).toEqual(['KT-0412', 'KT-0413']);
    expect(await codes('arlo')).toEqual(['MR-2231']);
    expect(await codes('"; DROP TABLE people; --')).toEqual([]);
    v.core.close();
  });

  itOn('sqlite', "better-sqlite3's prepared-statement cache (data/sqlite.ts); pg has no such layer", 'prepares a statement once and reuses it', async () => {
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
