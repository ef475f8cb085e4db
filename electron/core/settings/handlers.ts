import { rebuildMonthStats, recomputeAllContactDays } from '../continuity/contact-days';
import type { Handlers } from '../router';
import { readSettings, writeSettings } from './settings';

export const settingsHandlers = {
  'settings.get': (_input, { db }) => readSettings(db),
  'settings.update': (input, ctx) =>
    ctx.write(() => {
      const { db } = ctx;
      const before = readSettings(db);
      writeSettings(db, input);
      const after = readSettings(db);
      // Calendar days depend on the time zone: recount them all, in the same transaction.
      if (after.timeZone !== before.timeZone) recomputeAllContactDays(db, after.timeZone);
      // Returns after time away depend on the threshold: recount the monthly figures.
      if (after.absenceThresholdDays !== before.absenceThresholdDays) rebuildMonthStats(db);
      const changed = Object.fromEntries(
        Object.keys(input).map((k) => [k, { from: before[k as keyof typeof before], to: after[k as keyof typeof after] }]),
      );
      ctx.audit({ action: 'settings.update', subjectType: 'settings', details: changed });
      return after;
    }),
} satisfies Partial<Handlers>;
