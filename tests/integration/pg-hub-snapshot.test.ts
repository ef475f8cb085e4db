import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql as ksql, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { contactFieldsSchema } from '../../shared/contract/record-schemas';
import { recordAuditIn } from '../../electron/core/audit/audit';
import { verifyChain } from '../../electron/core/audit/verify';
import type { Database } from '../../electron/core/data/schema';
import { postgresData, postgresEngine, postgresPool } from '../../electron/core/data/postgres';
import { sqliteData, sqliteEngine } from '../../electron/core/data/sqlite';
import { migratePostgres } from '../../electron/core/db/pg-migrate';
import { generateDemo } from '../../electron/core/demo/generate';
import { writeHubSnapshot } from '../../electron/core/hub/snapshot';
import { recordContact } from '../../electron/core/records/contacts';
import { searchPeople } from '../../electron/core/records/people';
import { insertStaffIn } from '../../electron/core/users/staff';
import { openClinicalStore, openVaultDb, vaultPaths } from '../../electron/core/vault/vault';
import { removeDir, tempDir } from '../support/vault';
import { describePg, dropPgDatabases, freshPgDatabase, untyped, type PgTestDatabase } from '../support/pg';

/**
 * A hub's backup starts as the whole record written into the same two SQLCipher files one computer
 * keeps (hub/snapshot.ts): no lock-in, one format.
 */
const dirs: string[] = [];
afterEach(async () => {
  dirs.splice(0).forEach(removeDir);
  await dropPgDatabases();
});

const NOW = new Date('2026-11-20T15:00:00.000Z');

async function demoHub(): Promise<{ hub: PgTestDatabase; staff: number }> {
  const hub = await freshPgDatabase();
  await migratePostgres(untyped(hub));
  const staff = await insertStaffIn(hub.data, { username: 'river', displayName: 'River', role: 'administrator', slotId: 's1', mustChangePassword: false, createdAt: NOW.toISOString(), createdBy: null });
  await generateDemo(
    { data: hub.data, engine: postgresEngine },
    {
      size: 'small',
      seed: 7,
      now: NOW,
      actorId: staff,
      actorRole: 'administrator',
      record: (trx, made) => recordAuditIn(trx, { at: NOW.toISOString(), actor: { id: staff, username: 'river' }, action: 'demo.create', details: made }),
    },
  );
  return { hub, staff };
}

function openSnapshot(dir: string, dataKey: Buffer, clinicalKey: Buffer) {
  const paths = vaultPaths(dir);
  const main = openVaultDb(paths, dataKey);
  const { clinical } = openClinicalStore(paths, clinicalKey, main);
  return { main, clinical, data: sqliteData(main, clinical), close: () => (clinical.close(), main.close()) };
}

const KEYS: Record<string, string[]> = {
  settings: ['key'],
  contact_services: ['contact_id', 'item_id'],
  contact_supplies: ['contact_id', 'item_id'],
  month_stats: ['month'],
  person_month: ['person_id', 'month'],
  'clinical.contact_notes': ['contact_id'],
  'clinical.entry_texts': ['entry_id'],
  'clinical.history_details': ['history_id'],
  'clinical.draft_texts': ['draft_id'],
};

async function rowsOf(data: Kysely<Database>, table: keyof Database): Promise<unknown[]> {
  const key = KEYS[table] ?? ['id'];
  const rows = (await ksql<Record<string, unknown>>`SELECT * FROM ${ksql.table(table)} ORDER BY ${ksql.join(key.map((k) => ksql.ref(k)))}`.execute(data)).rows;
  // One computer's copy says which store its clinical content lives in; the hub needs no such mark.
  return table === 'settings' ? rows.filter((r) => r.key !== 'vault.clinicalStore' && r.key !== 'clinical.commitSeq') : rows;
}

describePg('a clinic hub written into single-computer files', () => {
  it('holds every row of every table, encrypted under the clinic keys, and opens as a vault that finds the same people', async () => {
    const { hub } = await demoHub();
    const dir = tempDir();
    dirs.push(dir);
    const [dataKey, clinicalKey] = [randomBytes(32), randomBytes(32)];
    const counts = await writeHubSnapshot(hub.data, { db: join(dir, 'doorway.db'), clinical: join(dir, 'clinical.db') }, { dataKey, clinicalKey });
    expect(counts.contacts).toBeGreaterThan(1000);
    expect(counts['clinical.contact_notes']).toBeGreaterThan(100);
    for (const f of ['doorway.db', 'clinical.db']) expect(readFileSync(join(dir, f)).subarray(0, 15).toString('latin1'), f).not.toBe('SQLite format 3');

    const local = openSnapshot(dir, dataKey, clinicalKey);
    try {
      for (const table of Object.keys(counts) as (keyof Database)[]) {
        expect(await rowsOf(local.data, table), table).toEqual(await rowsOf(hub.data, table));
      }
      expect(local.main.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(local.clinical.pragma('clinical.integrity_check', { simple: true })).toBe('ok');
      expect(await verifyChain(() => local.data)).toMatchObject({ intact: true });
      const people = await local.data.selectFrom('people').select(['client_code', 'preferred_name']).where('deleted_at', 'is', null).orderBy('id').limit(5).execute();
      for (const p of people) {
        for (const q of [p.client_code, p.client_code.slice(0, 2), (p.preferred_name ?? p.client_code).slice(1, 4)]) {
          const onHub = (await searchPeople(hub.data, postgresEngine.peopleSearch, q, 50)).map((x) => x.id).sort();
          const onFile = (await searchPeople(local.data, sqliteEngine.peopleSearch, q, 50)).map((x) => x.id).sort();
          expect(onFile, q).toEqual(onHub);
        }
      }
    } finally {
      local.close();
    }
  });

  it('is one instant of the hub while another workstation goes on writing', async () => {
    const { hub, staff } = await demoHub();
    const dir = tempDir();
    dirs.push(dir);
    const [dataKey, clinicalKey] = [randomBytes(32), randomBytes(32)];
    const station = postgresData(postgresPool({ connectionString: hub.url, max: 2 }));
    const people = (await hub.data.selectFrom('people').select('id').where('deleted_at', 'is', null).limit(10).execute()).map((p) => p.id);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await station.transaction().execute(async (trx) => {
          const id = await recordContact(trx, people[written % people.length]!, contactFieldsSchema.parse({ setting: 'van', note: 'Talked over coffee' }), { id: staff, at: new Date().toISOString() }, 'UTC');
          await recordAuditIn(trx, { at: new Date().toISOString(), actor: { id: staff, username: 'river' }, action: 'contact.create', subjectType: 'contact', subjectId: id });
        });
        written++;
      }
    })();
    const counts = await writeHubSnapshot(hub.data, { db: join(dir, 'doorway.db'), clinical: join(dir, 'clinical.db') }, { dataKey, clinicalKey });
    writing = false;
    await writer;
    await station.destroy();
    expect(written).toBeGreaterThan(0);

    const local = openSnapshot(dir, dataKey, clinicalKey);
    try {
      const n = async (q: ReturnType<typeof ksql<{ n: number }>>) => Number((await q.execute(local.data)).rows[0]!.n);
      // Every contact has its audit event and its note, and every figure agrees with the contacts: one instant, not a mix.
      const contacts = await n(ksql`SELECT count(*) AS n FROM contacts`);
      expect(contacts).toBe(counts.contacts);
      expect(await verifyChain(() => local.data)).toEqual({ intact: true, events: counts.audit_events });
      expect(await n(ksql`SELECT count(*) AS n FROM audit_events WHERE action = 'contact.create'`)).toBe(await n(ksql`SELECT count(*) AS n FROM contacts WHERE setting = 'van' AND entered_at > '2026-11-21'`));
      const ids = new Set((await local.data.selectFrom('contacts').select('id').execute()).map((c) => c.id));
      const notes = (await local.data.selectFrom('clinical.contact_notes').select('contact_id').execute()).map((r) => r.contact_id);
      expect(notes.filter((id) => !ids.has(id))).toEqual([]);
      expect(await n(ksql`SELECT coalesce(sum(contacts), 0) AS n FROM month_stats`)).toBe(await n(ksql`SELECT count(*) AS n FROM contacts WHERE deleted_at IS NULL AND local_day IS NOT NULL`));
      expect(await n(ksql`SELECT count(*) AS n FROM people p WHERE contact_count <> (SELECT count(*) FROM contacts c WHERE c.person_id = p.id AND c.deleted_at IS NULL)`)).toBe(0);
    } finally {
      local.close();
    }
  });
});
