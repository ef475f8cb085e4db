import { canReadClinical } from '../../../shared/roles';
import type { Data } from '../data/engine';
import type { Handlers } from '../router';
import { readersLanguage } from '../reports/language';
import { readSettingsIn } from '../settings/settings';
import { clinicOverview, doorsOpen, homeDashboard, outreachList, overviewCsv, personTimeline, recordOutreach, welcomeBackCue, type ContinuitySettings } from './continuity';

async function continuitySettings(data: Data): Promise<ContinuitySettings> {
  const s = await readSettingsIn(data);
  return { thresholdDays: s.absenceThresholdDays, timeZone: s.timeZone };
}

export const continuityHandlers = {
  'continuity.timeline': async ({ personId }, { data, user, clock, services }) => {
    const t = await personTimeline(data, personId, await continuitySettings(data), clock.now(), canReadClinical(user.role));
    await services.vault.noteRecordOpened(personId);
    return t;
  },
  'continuity.welcomeBack': async ({ personId, at }, { data, clock }) => welcomeBackCue(data, personId, at ? new Date(at) : clock.now(), await continuitySettings(data)),
  'home.dashboard': async (_input, { data, clock }) => homeDashboard(data, await continuitySettings(data), clock.now()),
  'doors.list': async (page, { data, clock }) => doorsOpen(data, await continuitySettings(data), clock.now(), page),
  'outreach.record': ({ personId, ...o }, ctx) =>
    ctx.transact(async (trx) => {
      const attempt = await recordOutreach(trx, personId, o, { id: ctx.user.id, at: ctx.clock.nowIso() });
      await ctx.audit({ action: 'outreach.create', subjectType: 'person', subjectId: personId, details: { method: o.method, reached: o.reached } });
      return attempt;
    }),
  'outreach.list': ({ personId }, { data }) => outreachList(data, personId),
  'overview.period': async (period, { data, clock }) => clinicOverview(data, await continuitySettings(data), period, clock.now()),
  'overview.exportCsv': (period, ctx) =>
    ctx.transact(async (trx) => {
      const settings = await readSettingsIn(trx);
      const overview = await clinicOverview(trx, { thresholdDays: settings.absenceThresholdDays, timeZone: settings.timeZone }, period, ctx.clock.now());
      const out = overviewCsv(overview, settings.clinicName, await readersLanguage(trx, ctx.user.id));
      await ctx.audit({ action: 'overview.export', subjectType: 'overview', details: period });
      return out;
    }),
} satisfies Partial<Handlers>;
