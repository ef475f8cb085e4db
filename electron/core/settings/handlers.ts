import type { Handlers } from '../router';
import { recomputeAllContactDays } from '../continuity/contact-days';
import { readSettingsIn, writeSettingsIn } from './settings';

export const settingsHandlers = {
  'settings.get': (_input, { data }) => readSettingsIn(data),
  'settings.update': (input, ctx) =>
    ctx.transact(async (trx) => {
      const before = await readSettingsIn(trx);
      await writeSettingsIn(trx, input);
      const after = await readSettingsIn(trx);
      // Calendar days depend on the time zone: recount them all, in the same transaction.
      if (after.timeZone !== before.timeZone) await recomputeAllContactDays(trx, after.timeZone);
      // Returns after time away depend on the threshold: recount the monthly figures.
      if (after.absenceThresholdDays !== before.absenceThresholdDays) await ctx.engine.monthStats.rebuild(trx);
      const changed = Object.fromEntries(
        Object.keys(input).map((k) => [k, { from: before[k as keyof typeof before], to: after[k as keyof typeof after] }]),
      );
      await ctx.audit({ action: 'settings.update', subjectType: 'settings', details: changed });
      return after;
    }),
} satisfies Partial<Handlers>;
