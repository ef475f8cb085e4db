import { invoke } from '../../../electron/core';
import { p95, round, timeMs, type MetricModule } from '../bench';
import { addLongHistoryPerson, openDemoVault } from '../fixtures';

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
    const personId = await addLongHistoryPerson(core, router, TIMELINE_CONTACTS);

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
