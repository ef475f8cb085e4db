import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { contactFieldsSchema, entryKindsFor } from '../../../shared/contract/record-schemas';
import { PERSON_PAGE_CONTACTS } from '../../../shared/contract/records';
import { recordAuditIn } from '../../../electron/core/audit/audit';
import { homeDashboard } from '../../../electron/core/continuity/continuity';
import type { Engine } from '../../../electron/core/data/engine';
import { postgresData, postgresEngine, postgresPool } from '../../../electron/core/data/postgres';
import type { Database } from '../../../electron/core/data/schema';
import { sqliteData, sqliteEngine } from '../../../electron/core/data/sqlite';
import { migratePostgres } from '../../../electron/core/db/pg-migrate';
import { Random } from '../../../electron/core/demo/random';
import { moveVaultToHub } from '../../../electron/core/hub/move';
import { contactsForPerson, countContacts, recordContact } from '../../../electron/core/records/contacts';
import { entriesForPerson } from '../../../electron/core/records/entries';
import { getPerson, searchPeople } from '../../../electron/core/records/people';
import { readSettingsIn } from '../../../electron/core/settings/settings';
import { openClinicalStore, openVaultDb, unlockWithPassword, vaultPaths } from '../../../electron/core/vault/vault';
import { p95, round, timeMs, type BenchContext, type MetricModule } from '../bench';
import { BENCH_KDF, demoBenchVault, searchQuery } from '../fixtures';

const SAMPLES = 300;
const STATIONS = 5;
const EACH = 200;

/** The hub server: DOORWAY_TEST_PG_URL when set, else a throwaway one started here (scripts/pg-test-server.sh). */
function benchServer(ctx: BenchContext): { url: string; stop: () => void } {
  if (process.env.DOORWAY_TEST_PG_URL) return { url: process.env.DOORWAY_TEST_PG_URL, stop: () => undefined };
  const script = resolve('scripts/pg-test-server.sh');
  const root = join(ctx.workDir, 'pg');
  mkdirSync(root);
  chmodSync(ctx.workDir, 0o755);
  chmodSync(root, 0o755);
  const url = execFileSync(script, ['start', join(root, 'server'), String(57000 + Math.floor(Math.random() * 1000))], { encoding: 'utf8' }).trim();
  return { url, stop: () => execFileSync(script, ['stop', join(root, 'server')], { stdio: 'ignore' }) };
}

interface Figures {
  search: number;
  page: number;
  record: number;
  dashboard: number;
}

/**
 * The same daily work as the records and continuity metrics, through the same domain functions the
 * handlers call (people.search, people.get, contacts.record with its audit event, home.dashboard), on
 * either engine, so the two figures compare like with like.
 */
async function dailyWork(data: Kysely<Database>, engine: Engine, staffId: number): Promise<Figures> {
  const rng = new Random(5);
  const names = await data.selectFrom('people').select(['client_code', 'name', 'preferred_name']).execute();
  const query = () => searchQuery(rng, names);
  const busiest = (await data.selectFrom('people').select('id').orderBy('contact_count', 'desc').limit(50).execute()).map((r) => r.id);
  const everyone = (await data.selectFrom('people').select('id').where('deleted_at', 'is', null).execute()).map((r) => r.id);
  const items = await data.selectFrom('catalog_items').select(['id', 'kind']).where('active', '=', 1).execute();
  const supplies = items.filter((i) => i.kind === 'supply').map((i) => i.id);
  const services = items.filter((i) => i.kind === 'service').map((i) => i.id);
  const settings = await readSettingsIn(data);
  const measure = async (n: number, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < n; i++) samples.push(await timeMs(fn));
    return p95(samples);
  };
  const record = () =>
    data.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      const id = await recordContact(
        trx,
        rng.pick(everyone),
        contactFieldsSchema.parse({
          setting: 'drop_in',
          services: [rng.pick(services)],
          supplies: [{ itemId: rng.pick(supplies), quantity: rng.int(1, 10) }],
          whatMattered: 'Warm socks and a quiet place to sit',
          note: 'Checked in; all well.',
        }),
        { id: staffId, at },
        settings.timeZone,
      );
      await recordAuditIn(trx, { at, actor: { id: staffId, username: 'bench' }, action: 'contact.create', subjectType: 'contact', subjectId: id });
    });
  return {
    search: await measure(SAMPLES, () => searchPeople(data, engine.peopleSearch, query(), 20)),
    page: await measure(SAMPLES, async () => {
      const id = rng.pick(busiest);
      await getPerson(data, id);
      await contactsForPerson(data, id, true, { limit: PERSON_PAGE_CONTACTS });
      await countContacts(data, id);
      await entriesForPerson(data, id, entryKindsFor(true));
    }),
    record: await measure(SAMPLES, record),
    dashboard: await measure(40, () => homeDashboard(data, { thresholdDays: settings.absenceThresholdDays, timeZone: settings.timeZone }, new Date())),
  };
}

/**
 * `npm run bench -- --engine postgres --size large`: the bench clinic moved onto a hub on loopback
 * (hub/move.ts), the daily work measured there and, in the same run, on the single computer's vault,
 * with each hub figure's ratio to it; then five workstations (their own connections each) recording at
 * once. Targets at large: search < 20, person page < 30, record contact < 20, dashboard < 150,
 * five workstations recording at once < 50 (p95, ms).
 */
export const hubMetric: MetricModule = {
  name: 'clinic hub on PostgreSQL (search, person page, record contact, dashboard, five workstations at once)',
  async run(ctx) {
    const v = await demoBenchVault(ctx);
    const paths = vaultPaths(v.dataDir);
    const unlocked = await unlockWithPassword(paths, v.username, v.password, { kdfCost: BENCH_KDF });
    const main = openVaultDb(paths, unlocked.dataKey);
    const { clinical } = openClinicalStore(paths, unlocked.clinicalKey!, main);
    const local = sqliteData(main, clinical);
    const staffId = (await local.selectFrom('staff_users').select('id').orderBy('id').executeTakeFirstOrThrow()).id;

    const server = benchServer(ctx);
    const dbName = `doorway_bench_${process.pid}`;
    const admin = postgresPool({ connectionString: server.url, max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    const hubUrl = new URL(server.url);
    hubUrl.pathname = `/${dbName}`;
    const hub = postgresData(postgresPool({ connectionString: hubUrl.toString(), max: 4 }));
    try {
      await migratePostgres(hub as never);
      const t = performance.now();
      const moved = await moveVaultToHub(local, hub);
      ctx.log(`  moved onto the hub: ${moved.rows.people} people, ${moved.rows.contacts} contacts in ${round((performance.now() - t) / 1000, 1)} s`);
      await sql`ANALYZE`.execute(hub);

      const single = await dailyWork(local, sqliteEngine, staffId);
      const onHub = await dailyWork(hub, postgresEngine, staffId);

      // Five workstations, each with its own connection, recording at the same time.
      const people = (await hub.selectFrom('people').select('id').where('deleted_at', 'is', null).limit(2000).execute()).map((r) => r.id);
      const settings = await readSettingsIn(hub);
      const stations = Array.from({ length: STATIONS }, () => postgresData(postgresPool({ connectionString: hubUrl.toString(), max: 1 })));
      const latencies: number[] = [];
      await Promise.all(
        stations.map(async (data, s) => {
          const rng = new Random(100 + s);
          for (let i = 0; i < EACH; i++) {
            latencies.push(
              await timeMs(() =>
                data.transaction().execute(async (trx) => {
                  const at = new Date().toISOString();
                  const id = await recordContact(trx, rng.pick(people), contactFieldsSchema.parse({ setting: 'drop_in' }), { id: staffId, at }, settings.timeZone);
                  await recordAuditIn(trx, { at, actor: { id: staffId, username: 'bench' }, action: 'contact.create', subjectType: 'contact', subjectId: id });
                }),
              ),
            );
          }
        }),
      );
      await Promise.all(stations.map((s) => s.destroy()));
      const concurrent = p95(latencies);

      const ratio = (a: number, b: number) => round(a / b, 2);
      ctx.log(`  search_p95_ms: ${round(onHub.search, 2)} (target < 20; one computer ${round(single.search, 2)})`);
      ctx.log(`  person_page_p95_ms: ${round(onHub.page, 2)} (target < 30; one computer ${round(single.page, 2)})`);
      ctx.log(`  record_contact_p95_ms: ${round(onHub.record, 2)} (target < 20; one computer ${round(single.record, 2)})`);
      ctx.log(`  dashboard_ms: ${round(onHub.dashboard, 2)} (p95; target < 150; one computer ${round(single.dashboard, 2)})`);
      ctx.log(`  hub_concurrent_record_p95_ms: ${round(concurrent, 2)} (${STATIONS} workstations x ${EACH} contacts at once; target < 50)`);
      return {
        search_p95_ms: round(onHub.search, 2),
        person_page_p95_ms: round(onHub.page, 2),
        record_contact_p95_ms: round(onHub.record, 2),
        dashboard_ms: round(onHub.dashboard, 2),
        hub_concurrent_record_p95_ms: round(concurrent, 2),
        search_p95_ms_vs_single: ratio(onHub.search, single.search),
        person_page_p95_ms_vs_single: ratio(onHub.page, single.page),
        record_contact_p95_ms_vs_single: ratio(onHub.record, single.record),
        dashboard_ms_vs_single: ratio(onHub.dashboard, single.dashboard),
      };
    } finally {
      await hub.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
      clinical.close();
      main.close();
      unlocked.dataKey.fill(0);
      unlocked.clinicalKey?.fill(0);
      server.stop();
    }
  },
};
