import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Random } from '../../../electron/core/demo/random';
import { p95, round, timeMs, type MetricModule } from '../bench';
import { demoBenchVault, openDemoVault, searchQuery } from '../fixtures';

const SAMPLES = 300;


/**
 * The daily work of a clinic, through the real router on a demo vault of the bench size: finding
 * someone, opening their page, recording a contact. Targets at size large (20,000 people, 1,000,000
 * contacts): search p95 < 10 ms, person page p95 < 30 ms, record contact p95 < 10 ms, RSS < 400 MB.
 */
export const recordsMetric: MetricModule = {
  name: 'relationship record (search, person page, record contact)',
  async run(ctx) {
    const { core, router } = await openDemoVault(ctx);
    const rng = new Random(5);
    const names = core.db.prepare('SELECT client_code, name, preferred_name FROM people').all() as { client_code: string; name: string | null; preferred_name: string | null }[];
    const query = () => searchQuery(rng, names);
    const busiest = core.db.prepare('SELECT id FROM people ORDER BY contact_count DESC LIMIT 50').pluck().all() as number[];
    const everyone = core.db.prepare('SELECT id FROM people').pluck().all() as number[];
    const items = core.db.prepare('SELECT id, kind FROM catalog_items WHERE active = 1').all() as { id: number; kind: string }[];
    const supplies = items.filter((i) => i.kind === 'supply').map((i) => i.id);
    const services = items.filter((i) => i.kind === 'service').map((i) => i.id);

    const call = async (name: Parameters<typeof router>[0], input: unknown) => {
      const r = await router(name, input);
      if (!r.ok) throw new Error(`${String(name)}: ${r.error.message}`);
    };
    const measure = async (fn: () => Promise<void>) => {
      for (let i = 0; i < 20; i++) await fn(); // warm the page cache and statement cache
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) samples.push(await timeMs(fn));
      return p95(samples);
    };

    const search = await measure(() => call('people.search', { query: query(), limit: 20 }));
    const page = await measure(() => call('people.get', { id: rng.pick(busiest) }));
    const record = await measure(() =>
      call('contacts.record', {
        personId: rng.pick(everyone),
        setting: 'drop_in',
        services: [rng.pick(services)],
        supplies: [{ itemId: rng.pick(supplies), quantity: rng.int(1, 10) }],
        whatMattered: 'Warm socks and a quiet place to sit',
        note: 'Checked in; all well.',
      }),
    );
    const benchRss = process.memoryUsage().rss / 2 ** 20;
    const maxContacts = core.db.prepare('SELECT max(contact_count) FROM people').pluck().get() as number;
    core.close();
    // The app's memory: a process that opens the vault and does the same work, as Doorway does. This
    // bench process also generated the demo vault, and the allocator keeps much of that peak.
    const v = await demoBenchVault(ctx);
    const child = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'rss-child.ts'), v.dataDir, v.username, v.password], {
      encoding: 'utf8',
    });
    const rss = (JSON.parse(child.trim().split('\n').at(-1)!) as { rssMb: number }).rssMb;
    ctx.log(`  search_p95_ms: ${round(search, 2)} (target < 10)`);
    ctx.log(`  person_page_p95_ms: ${round(page, 2)} for the 50 people with the most contacts (up to ${maxContacts}; target < 30)`);
    ctx.log(`  record_contact_p95_ms: ${round(record, 2)} (target < 10)`);
    ctx.log(`  rss_mb: ${round(rss, 0)} (target < 400; a fresh process holding the vault after searches, person pages and contacts; this bench process, which also built the demo vault: ${round(benchRss, 0)})`);
    return {
      search_p95_ms: round(search, 2),
      person_page_p95_ms: round(page, 2),
      record_contact_p95_ms: round(record, 2),
      rss_mb: round(rss, 0),
    };
  },
};
