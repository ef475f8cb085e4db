import { rebuildMonthStats, recomputeAllContactDays } from '../continuity/contact-days';
import { readSettings, writeSettings } from '../settings';
import type { Handlers } from '../router';

export const settingsHandlers = {
  'settings.get': (_input, { core }) => readSettings(core.db),
  'settings.update': (input, { core }) =>
    core.db.transaction(() => {
      const before = readSettings(core.db);
      writeSettings(core.db, input);
      const after = readSettings(core.db);
      // Calendar days depend on the time zone: recount them all, in the same transaction.
      if (after.timeZone !== before.timeZone) recomputeAllContactDays(core.db, after.timeZone);
      // Returns after time away depend on the threshold: recount the monthly figures.
      if (after.absenceThresholdDays !== before.absenceThresholdDays) rebuildMonthStats(core.db);
      const changed = Object.fromEntries(
        Object.keys(input).map((k) => [k, { from: before[k as keyof typeof before], to: after[k as keyof typeof after] }]),
      );
      core.audit({ action: 'settings.update', subjectType: 'settings', details: changed });
      return after;
    })(),
} satisfies Partial<Handlers>;
