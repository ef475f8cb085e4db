import { entryKindsFor } from '../../../shared/contract/record-schemas';
import { calendarDay } from '../../../shared/continuity/days';
import { canReadClinical } from '../../../shared/roles';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { getPerson } from '../records/people';
import type { Handlers } from '../router';
import { readersLanguage } from '../reports/language';
import { readSettingsIn } from '../settings/settings';
import { gatherPerson } from './gather';
import { personSummary } from './summary';
import { buildZip } from './zip';

export const ownRecordHandlers = {
  'records.personSummary': ({ personId, includeClinicalNotes }, ctx) => {
    const clinical = canReadClinical(ctx.user.role);
    // The rule is core's, not the screen's: a role that does not read clinical notes cannot print them either.
    if (includeClinicalNotes && !clinical) {
      throw new DoorwayError('FORBIDDEN', msg('ownRecord.noClinicalNotesToPrint'));
    }
    return ctx.transact(async (trx) => {
      const doc = await personSummary(trx, personId, { readsGoals: entryKindsFor(clinical).includes('goal'), withNotes: includeClinicalNotes, now: ctx.clock.now() });
      await ctx.audit({ action: 'person.summary', subjectType: 'person', subjectId: personId, details: { clinicalNotesIncluded: includeClinicalNotes } });
      return doc;
    });
  },
  'records.personExport': async ({ personId }, ctx) => {
    // One transaction for the reads, so the files agree with each other; the zip is made after it
    // (making it waits on timers, which a SQLite transaction must not).
    const { gathered, settings, person, language } = await ctx.transact(async (trx) => {
      const p = await getPerson(trx, personId);
      return { person: p, settings: await readSettingsIn(trx), language: await readersLanguage(trx, ctx.user.id), gathered: await gatherPerson(trx, personId) };
    });
    const madeAt = ctx.clock.nowIso();
    const zip = await buildZip(gathered, { clinicName: settings.clinicName, madeAt, thresholdDays: settings.absenceThresholdDays, language });
    await ctx.audit({ action: 'person.export', subjectType: 'person', subjectId: personId, details: { files: zip.files.length } });
    return { fileName: `doorway-record-${person.clientCode}-${calendarDay(madeAt, settings.timeZone)}.zip`, zipBase64: zip.base64, files: zip.files };
  },
} satisfies Partial<Handlers>;
