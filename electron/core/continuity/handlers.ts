import { canReadClinical } from '../../../shared/roles';
import type { Db } from '../db/database';
import type { Handlers } from '../router';
import { readSettings } from '../settings/settings';
import { clinicOverview, doorsOpen, homeDashboard, outreachList, overviewCsv, personTimeline, recordOutreach, welcomeBackCue, type ContinuitySettings } from './continuity';

/** Settings stay on the legacy connection for now (settings/settings.ts is synchronous). */
function continuitySettings(db: Db): ContinuitySettings {
  const s = readSettings(db);
  return { thresholdDays: s.absenceThresholdDays, timeZone: s.timeZone };
}

export const continuityHandlers = {
  'continuity.timeline': async ({ personId }, { data, db, user, clock, services }) => {
    const t = await personTimeline(data, personId, continuitySettings(db), clock.now(), canReadClinical(user.role));
    services.vault.noteRecordOpened(personId);
    return t;
  },
  'continuity.welcomeBack': ({ personId, at }, { data, db, clock }) => welcomeBackCue(data, personId, at ? new Date(at) : clock.now(), continuitySettings(db)),
  'home.dashboard': (_input, { data, db, clock }) => homeDashboard(data, continuitySettings(db), clock.now()),
  'doors.list': (page, { data, db, clock }) => doorsOpen(data, continuitySettings(db), clock.now(), page),
  'outreach.record': ({ personId, ...o }, ctx) =>
    ctx.transact(async (trx) => {
      const attempt = await recordOutreach(trx, personId, o, { id: ctx.user.id, at: ctx.clock.nowIso() });
      ctx.audit({ action: 'outreach.create', subjectType: 'person', subjectId: personId, details: { method: o.method, reached: o.reached } });
      return attempt;
    }),
  'outreach.list': ({ personId }, { data }) => outreachList(data, personId),
  'overview.period': (period, { data, db, clock }) => clinicOverview(data, continuitySettings(db), period, clock.now()),
  'overview.exportCsv': (period, ctx) =>
    ctx.transact(async (trx) => {
      const settings = readSettings(ctx.db);
      const overview = await clinicOverview(trx, { thresholdDays: settings.absenceThresholdDays, timeZone: settings.timeZone }, period, ctx.clock.now());
      const out = overviewCsv(overview, settings.clinicName);
      ctx.audit({ action: 'overview.export', subjectType: 'overview', details: period });
      return out;
    }),
} satisfies Partial<Handlers>;
