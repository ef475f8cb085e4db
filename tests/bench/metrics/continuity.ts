import { invoke } from '../../../electron/core';
import { recomputePersonContactDays } from '../../../electron/core/continuity/contact-days';
import { refreshContactSummary } from '../../../electron/core/records/people';
import { readSettings } from '../../../electron/core/settings';
import { Random } from '../../../electron/core/demo/random';
import { p95, round, timeMs, type MetricModule } from '../bench';
import { openDemoVault } from '../fixtures';

const SAMPLES = 40;
const TIMELINE_CONTACTS = 5_000;

/**
 * The heart of Doorway on a large clinic: a person's engagement timeline with 5,000 contacts, the home
 * screen, and the door's open list. Targets: timeline < 20 ms, dashboard < 100 ms, door's open < 100 ms.
 */
export const continuityMetric: MetricModule = {
  name: 'continuity (timeline, home screen, door\'s open)',
  async run(ctx) {
    const { core, router } = await openDemoVault(ctx);
    const created = await invoke(router, 'people.create', { clientCode: 'TL5000', preferredName: 'Timeline' });
    if (!created.ok) throw new Error(created.error.message);
    const personId = created.value.id;
    // 5,000 contacts over ten years in the research's pattern: runs of frequent contact, then time away.
    const rng = new Random(21);
    const staff = core.db.prepare('SELECT id FROM staff_users').pluck().all() as number[];
    const insert = core.db.prepare(
      "INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, 1)",
    );
    core.db.transaction(() => {
      let t = Date.now() - 10 * 365 * 86_400_000;
      for (let i = 0; i < TIMELINE_CONTACTS; i++) {
        t += (i % 60 === 59 ? rng.int(61, 150) : rng.int(0, 1)) * 86_400_000 + rng.int(0, 3) * 3_600_000;
        const at = new Date(Math.min(t, Date.now() - 60_000)).toISOString();
        insert.run(personId, at, at, rng.pick(['drop_in', 'ssp_exchange', 'street_outreach'] as const), rng.pick(staff), at);
      }
      refreshContactSummary(core.db, personId);
      recomputePersonContactDays(core.db, readSettings(core.db).timeZone, personId, '0000');
    })();

    const measure = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await fn();
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) samples.push(await timeMs(fn));
      return p95(samples);
    };
    const ok = async (p: Promise<{ ok: boolean }>) => {
      const r = await p;
      if (!r.ok) throw new Error(JSON.stringify(r));
    };
    const timeline = await measure(() => ok(invoke(router, 'continuity.timeline', { personId })));
    const check = await invoke(router, 'continuity.timeline', { personId });
    const dashboard = await measure(() => ok(invoke(router, 'home.dashboard', {})));
    const doors = await measure(() => ok(invoke(router, 'doors.list', { order: 'recently_away', offset: 0, limit: 50 })));
    const doorsTotal = await invoke(router, 'doors.list', {});
    core.close();
    if (check.ok) ctx.log(`  timeline person: ${check.value.contacts.length} contacts, ${check.value.episodes.length} episodes`);
    if (doorsTotal.ok) ctx.log(`  door's open: ${doorsTotal.value.total} people`);
    ctx.log(`  timeline_5000_ms: ${round(timeline, 2)} (p95; target < 20)`);
    ctx.log(`  dashboard_ms: ${round(dashboard, 2)} (p95; target < 100)`);
    ctx.log(`  doors_open_ms: ${round(doors, 2)} (p95; target < 100)`);
    return { timeline_5000_ms: round(timeline, 2), dashboard_ms: round(dashboard, 2), doors_open_ms: round(doors, 2) };
  },
};
