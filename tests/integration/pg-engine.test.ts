import { afterEach, expect, it } from 'vitest';
import { personFieldsSchema, contactFieldsSchema } from '../../shared/contract/record-schemas';
import type { Data, Engine } from '../../electron/core/data/engine';
import { postgresEngine } from '../../electron/core/data/postgres';
import { sqliteEngine } from '../../electron/core/data/sqlite';
import { migratePostgres, pgSchemaVersions } from '../../electron/core/db/pg-migrate';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { hubMigrations } from '../../electron/core/db/hub-migrations';
import { createCatalogItem, listCatalog } from '../../electron/core/records/catalog';
import { deleteContact, recordContact } from '../../electron/core/records/contacts';
import { createPerson, searchPeople } from '../../electron/core/records/people';
import { insertStaffIn, staffByUsername } from '../../electron/core/users/staff';
import { removeDir, setUpVault, tempDir } from '../support/vault';
import { describePg, dropPgDatabases, freshPgDatabase, sql, untyped, type PgTestDatabase } from '../support/pg';

/**
 * The clinic hub's engine against the real PostgreSQL: its schema steps, and the same repository code
 * giving the same answers as on one computer's encrypted SQLite.
 */
const dirs: string[] = [];
afterEach(async () => {
  dirs.splice(0).forEach(removeDir);
  await dropPgDatabases();
});

async function hub(): Promise<PgTestDatabase> {
  const db = await freshPgDatabase();
  await migratePostgres(untyped(db));
  return db;
}

const AT = '2026-11-20T15:00:00.000Z';
const LATEST_HUB = hubMigrations.at(-1)!.version;
const RECIPE = { mask: '', hint: '' };
const PEOPLE = [
  { clientCode: 'KT-0412', preferredName: 'Kit', name: 'Kit Taylor' },
  { clientCode: 'KT-0413', preferredName: 'Kato', name: null },
  { clientCode: 'MR-2231', preferredName: 'Marlo', name: 'Marlo Reyes' },
  { clientCode: 'AB12', preferredName: null, name: 'Ana Bell' },
  { clientCode: 'AB123', preferredName: 'Abe', name: null },
];
const QUERIES = ['KT-0413', 'kt', 'arlo', 'marlo reyes', 'ab12', 'a', 'Bell', 'zzz', 'kit t', '0412'];

/** The same people, contacts and removals through the repositories; what each search finds, and the monthly figures. */
async function sameStory(data: Data, engine: Engine, staffId: number) {
  const ids: number[] = [];
  for (const p of PEOPLE) {
    const fields = personFieldsSchema.parse({ clientCode: p.clientCode, preferredName: p.preferredName, name: p.name });
    ids.push((await data.transaction().execute((trx) => createPerson(trx, engine.peopleSearch, fields, { id: staffId, at: AT }, RECIPE))).id);
  }
  const contact = (person: number, occurredAt: string) =>
    data.transaction().execute((trx) => recordContact(trx, person, contactFieldsSchema.parse({ setting: 'drop_in', occurredAt }), { id: staffId, at: AT }, 'America/Los_Angeles'));
  await contact(ids[0]!, '2026-06-01T18:00:00.000Z');
  await contact(ids[0]!, '2026-09-15T18:00:00.000Z'); // 106 days later: a return
  const removed = await contact(ids[1]!, '2026-09-20T18:00:00.000Z');
  await contact(ids[2]!, '2026-09-21T05:00:00.000Z'); // 10 pm on the 20th in Los Angeles
  await data.transaction().execute((trx) => deleteContact(trx, removed, 'entered twice', { id: staffId, at: AT }, 'America/Los_Angeles'));
  const found: Record<string, string[]> = {};
  for (const q of QUERIES) found[q] = (await searchPeople(data, engine.peopleSearch, q, 20)).map((p) => p.clientCode).sort();
  const months = await data.selectFrom('month_stats').selectAll().orderBy('month').execute();
  const days = await data.selectFrom('contacts').select(['local_day', 'prev_gap_days', 'deleted_at']).orderBy('id').execute();
  return { found, months, days: days.map((d) => [d.local_day, d.prev_gap_days, d.deleted_at !== null]) };
}

describePg('the clinic hub engine (PostgreSQL)', () => {
  it('sets up both schemas once, even with several workstations starting at the same moment, and refuses a newer hub', async () => {
    const db = await freshPgDatabase();
    const results = await Promise.all([1, 2, 3].map(() => migratePostgres(untyped(db))));
    expect(results).toEqual([1, 2, 3].map(() => ({ main: LATEST_SCHEMA_VERSION, clinical: 2, hub: LATEST_HUB })));
    expect(await pgSchemaVersions(untyped(db))).toEqual({ main: LATEST_SCHEMA_VERSION, clinical: 2, hub: LATEST_HUB });
    const catalog = await listCatalog(db.data, true);
    expect(catalog).toHaveLength(16);

    await sql`UPDATE schema_versions SET version = 99 WHERE store = 'main'`.execute(db.data);
    await expect(migratePostgres(untyped(db))).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW', message: expect.stringMatching(/newer version of Doorway \(schema 99/) });
  });

  it('holds the same tables and columns as one computer’s two SQLite stores', async () => {
    const db = await hub();
    const dir = tempDir();
    dirs.push(dir);
    const v = await setUpVault(dir, { engine: 'sqlite' });
    const { clinical } = v.core.vault.open();
    const main = v.core.db;
    const sqliteColumns = (conn: typeof main, schema: string, skip: RegExp) => {
      const out: string[] = [];
      const tables = conn.prepare(`SELECT name FROM ${schema}.sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`).pluck().all() as string[];
      for (const t of tables.filter((t) => !skip.test(t))) {
        for (const c of conn.prepare(`SELECT name FROM pragma_table_info(?, ?)`).pluck().all(t, schema) as string[]) out.push(`${t}.${c}`);
      }
      return out.sort();
    };
    // SQLite-only: FTS5's shadow tables, and the commit count and undo log that tie two files together.
    const expectedMain = sqliteColumns(main, 'main', /^people_(search|prefix)_/);
    const expectedClinical = sqliteColumns(clinical!, 'clinical', /^(commits|undo)$/);
    const pgColumns = async (schema: string) =>
      (
        await sql<{ c: string }>`SELECT table_name || '.' || column_name AS c FROM information_schema.columns
          WHERE table_schema = ${schema} AND table_name <> 'schema_versions'`.execute(db.data)
      ).rows
        .map((r) => r.c)
        .sort();
    expect(await pgColumns('public')).toEqual(expectedMain);
    expect(await pgColumns('clinical')).toEqual(expectedClinical);
    v.core.close();
  });

  it('gives the same answers as SQLite through the same repository code: search, calendar days, gaps, monthly figures', async () => {
    const db = await hub();
    const pgStaff = await insertStaffIn(db.data, { username: 'River', displayName: 'River Stone', role: 'administrator', slotId: 's1', mustChangePassword: false, createdAt: AT, createdBy: null });
    expect((await staffByUsername(db.data, 'RIVER'))?.id).toBe(pgStaff);
    const onHub = await sameStory(db.data, postgresEngine, pgStaff);

    const dir = tempDir();
    dirs.push(dir);
    const v = await setUpVault(dir, { engine: 'sqlite' });
    const local = v.core.vault.open().data;
    const sqliteStaff = (await staffByUsername(local, 'RIVER'))!.id;
    const onOne = await sameStory(local, sqliteEngine, sqliteStaff);
    v.core.close();

    expect(onHub).toEqual(onOne);
    // And by hand: the searches, the days in Los Angeles, the return after 106 days.
    expect(onHub.found).toMatchObject({ 'KT-0413': ['KT-0413'], kt: ['KT-0412', 'KT-0413'], arlo: ['MR-2231'], 'marlo reyes': ['MR-2231'], zzz: [] });
    expect(onHub.days).toEqual([
      ['2026-06-01', null, false],
      ['2026-09-15', 106, false],
      ['2026-09-20', null, true],
      ['2026-09-20', null, false],
    ]);
    expect(onHub.months).toEqual([
      { month: '2026-06', contacts: 1, returns: 0, people: 1 },
      { month: '2026-09', contacts: 2, returns: 1, people: 2 },
    ]);
  });

  it('recounts the monthly figures to exactly what the triggers kept, and counts come back as numbers', async () => {
    const db = await hub();
    const staff = await insertStaffIn(db.data, { username: 'river', displayName: 'River', role: 'administrator', slotId: 's1', mustChangePassword: false, createdAt: AT, createdBy: null });
    await sameStory(db.data, postgresEngine, staff);
    const kept = await db.data.selectFrom('month_stats').selectAll().orderBy('month').execute();
    await db.data.transaction().execute((trx) => postgresEngine.monthStats.rebuild(trx));
    expect(await db.data.selectFrom('month_stats').selectAll().orderBy('month').execute()).toEqual(kept);
    const n = await db.data.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(4);
    const item = await createCatalogItem(db.data, { kind: 'supply', label: 'Hand warmers', category: null }, AT);
    expect(item).toMatchObject({ label: 'Hand warmers', kind: 'supply' });
  });
});
