import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { removeDir, setUpVault, tempDir } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "SQLite's pair of connections (main and clinical files) behind one Kysely";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function openVault() {
  const dir = tempDir('doorway-pair-');
  dirs.push(dir);
  const made = await setUpVault(dir);
  const open = made.core.vault.open();
  return { ...made, open, seq: () => open.clinical!.prepare('SELECT seq FROM clinical.commits').pluck().get() as number };
}

describeOn('sqlite', SQLITE_ONLY, 'one transaction over the two stores (data/sqlite-pair.ts)', () => {
  it('a change to the clinical store outside a transaction is refused, and writes nothing', async () => {
    const { core, open } = await openVault();
    await expect(open.data.insertInto('clinical.contact_notes').values({ contact_id: 1, note: 'loose' }).execute()).rejects.toThrow(/inside a transaction/);
    expect(await open.data.selectFrom('clinical.contact_notes').selectAll().execute()).toEqual([]);
    core.close();
  });

  it('an error inside the transaction leaves both stores as they were', async () => {
    const { core, open, seq } = await openVault();
    const before = seq();
    await expect(
      open.data.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'test.marker', value: '1' }).execute();
        await trx.insertInto('clinical.contact_notes').values({ contact_id: 1, note: 'half' }).execute();
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    expect(await open.data.selectFrom('clinical.contact_notes').selectAll().execute()).toEqual([]);
    expect(await open.data.selectFrom('settings').select('value').where('key', '=', 'test.marker').execute()).toEqual([]);
    expect(seq()).toBe(before);
    core.close();
  });

  it('when the main commit itself fails, the clinical half already committed is put back at once', async () => {
    const { core, open, seq } = await openVault();
    const before = seq();
    await expect(
      open.data.transaction().execute(async (trx) => {
        // A foreign key checked only at COMMIT: the main file's commit fails after the clinical one landed.
        await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
        await trx
          .insertInto('contacts')
          .values({ person_id: 9999, occurred_at: 't', entered_at: 't', setting: 'drop_in', staff_id: 1, created_by: 1, updated_at: 't', updated_by: 1 })
          .execute();
        await trx.insertInto('clinical.contact_notes').values({ contact_id: 424242, note: 'orphan' }).execute();
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(await open.data.selectFrom('clinical.contact_notes').selectAll().execute()).toEqual([]);
    expect(await open.data.selectFrom('contacts').selectAll().execute()).toEqual([]);
    expect(seq()).toBe(before);
    // Both stores take the next transaction normally.
    await open.data.transaction().execute(async (trx) => {
      await trx.insertInto('clinical.contact_notes').values({ contact_id: 5, note: 'fine' }).execute();
    });
    expect(seq()).toBe(before + 1);
    expect(await open.data.selectFrom('settings').select('value').where('key', '=', 'clinical.commitSeq').executeTakeFirst()).toEqual({ value: String(before + 1) });
    core.close();
  });
});
