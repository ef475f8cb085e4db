import type { DoorwayCore } from '../app';
import { clinicOverview, doorsOpen, homeDashboard, outreachList, overviewCsv, personTimeline, recordOutreach, welcomeBackCue, type ContinuitySettings } from '../continuity/continuity';
import { readSettings } from '../settings';
import type { Handlers } from '../router';
import { canReadClinical } from './records';

function continuitySettings(core: DoorwayCore): ContinuitySettings {
  const s = readSettings(core.db);
  return { thresholdDays: s.absenceThresholdDays, timeZone: s.timeZone };
}

export const continuityHandlers = {
  'continuity.timeline': ({ personId }, { core, session }) => {
    const t = personTimeline(core.db, personId, continuitySettings(core), core.now(), canReadClinical(session!.user.role));
    core.noteRecordOpened(personId);
    return t;
  },
  'continuity.welcomeBack': ({ personId, at }, { core }) => welcomeBackCue(core.db, personId, at ? new Date(at) : core.now(), continuitySettings(core)),
  'home.dashboard': (_input, { core }) => homeDashboard(core.db, continuitySettings(core), core.now()),
  'doors.list': (page, { core }) => doorsOpen(core.db, continuitySettings(core), core.now(), page),
  'outreach.record': ({ personId, ...o }, { core, session }) =>
    core.db.transaction(() => {
      const attempt = recordOutreach(core.db, personId, o, { id: session!.user.id, at: core.nowIso() });
      core.audit({ action: 'outreach.create', subjectType: 'person', subjectId: personId, details: { method: o.method, reached: o.reached } });
      return attempt;
    })(),
  'outreach.list': ({ personId }, { core }) => outreachList(core.db, personId),
  'overview.period': (period, { core }) => clinicOverview(core.db, continuitySettings(core), period, core.now()),
  'overview.exportCsv': (period, { core }) =>
    core.db.transaction(() => {
      const out = overviewCsv(clinicOverview(core.db, continuitySettings(core), period, core.now()), readSettings(core.db).clinicName);
      core.audit({ action: 'overview.export', subjectType: 'overview', details: period });
      return out;
    })(),
} satisfies Partial<Handlers>;
