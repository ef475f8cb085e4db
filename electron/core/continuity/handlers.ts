import { canReadClinical } from '../../../shared/roles';
import type { Db } from '../db/database';
import type { Handlers } from '../router';
import { readSettings } from '../settings/settings';
import { clinicOverview, doorsOpen, homeDashboard, outreachList, overviewCsv, personTimeline, recordOutreach, welcomeBackCue, type ContinuitySettings } from './continuity';

function continuitySettings(db: Db): ContinuitySettings {
  const s = readSettings(db);
  return { thresholdDays: s.absenceThresholdDays, timeZone: s.timeZone };
}

export const continuityHandlers = {
  'continuity.timeline': ({ personId }, { db, user, clock, services }) => {
    const t = personTimeline(db, personId, continuitySettings(db), clock.now(), canReadClinical(user.role));
    services.vault.noteRecordOpened(personId);
    return t;
  },
  'continuity.welcomeBack': ({ personId, at }, { db, clock }) => welcomeBackCue(db, personId, at ? new Date(at) : clock.now(), continuitySettings(db)),
  'home.dashboard': (_input, { db, clock }) => homeDashboard(db, continuitySettings(db), clock.now()),
  'doors.list': (page, { db, clock }) => doorsOpen(db, continuitySettings(db), clock.now(), page),
  'outreach.record': ({ personId, ...o }, ctx) =>
    ctx.write(() => {
      const attempt = recordOutreach(ctx.db, personId, o, { id: ctx.user.id, at: ctx.clock.nowIso() });
      ctx.audit({ action: 'outreach.create', subjectType: 'person', subjectId: personId, details: { method: o.method, reached: o.reached } });
      return attempt;
    }),
  'outreach.list': ({ personId }, { db }) => outreachList(db, personId),
  'overview.period': (period, { db, clock }) => clinicOverview(db, continuitySettings(db), period, clock.now()),
  'overview.exportCsv': (period, ctx) =>
    ctx.write(() => {
      const out = overviewCsv(clinicOverview(ctx.db, continuitySettings(ctx.db), period, ctx.clock.now()), readSettings(ctx.db).clinicName);
      ctx.audit({ action: 'overview.export', subjectType: 'overview', details: period });
      return out;
    }),
} satisfies Partial<Handlers>;
