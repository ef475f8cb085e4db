import { calendarDay } from '../../../shared/continuity/days';
import type { Handlers } from '../router';
import { readSettingsIn } from '../settings/settings';
import { fileOf, lineListSheets, templateSheet, type FileMeta } from './files';
import { readersLanguage } from './language';
import { lineList, peopleGivenServices, serviceItems } from './repository';
import { overdoseFigures, reportFigures, requireClinical } from './reports';
import { isNaloxoneTraining, TEMPLATES, type TemplateExtras } from './templates';

/**
 * Funder reports. The exports are read, then built (XLSX is zipped asynchronously, so never inside a
 * transaction: context.ts), then audited with who exported what period, scope and how many rows: an
 * export that failed to build leaves no audit event claiming it left the clinic.
 */
export const reportHandlers = {
  'reports.figures': async (scope, { data, clock }) => {
    const s = await readSettingsIn(data);
    return reportFigures(data, { thresholdDays: s.absenceThresholdDays, timeZone: s.timeZone }, scope, clock.now());
  },
  'reports.overdoseResponses': (period, { data, user }) => overdoseFigures(data, period, user.role),
  'reports.exportTemplate': async ({ template, format, ...scope }, ctx) => {
    requireClinical(ctx.user.role);
    const s = await readSettingsIn(ctx.data);
    const f = await reportFigures(ctx.data, { thresholdDays: s.absenceThresholdDays, timeZone: s.timeZone }, scope, ctx.clock.now());
    const od = await overdoseFigures(ctx.data, scope, ctx.user.role);
    const meta: FileMeta = { clinicName: s.clinicName, madeAt: calendarDay(ctx.clock.now(), s.timeZone), scope: { ...scope, itemLabel: f.itemLabel }, language: await readersLanguage(ctx.data, ctx.user.id) };
    const training = (await serviceItems(ctx.data)).filter((i) => isNaloxoneTraining(i.label));
    const extras: TemplateExtras = {
      naloxoneTrained: { people: await peopleGivenServices(ctx.data, scope, scope, training.map((i) => i.id)), services: training.map((i) => i.label) },
    };
    const t = TEMPLATES[template];
    const file = await fileOf(template.replace(/_/g, '-'), [templateSheet(t, f, od, extras, meta)], format, meta, t.rows(f, od, { setting: String, say: (m) => m.key }, extras).length);
    await ctx.audit({ action: 'report.export', subjectType: 'report', details: { template, format, ...scope } });
    return file;
  },
  'reports.exportLineList': async ({ format, ...scope }, ctx) => {
    requireClinical(ctx.user.role);
    const s = await readSettingsIn(ctx.data);
    // The chosen supply's name for the file's notes, checked the same way as the figures.
    const f = await reportFigures(ctx.data, { thresholdDays: s.absenceThresholdDays, timeZone: s.timeZone }, scope, ctx.clock.now());
    const rows = await lineList(ctx.data, scope, { setting: scope.setting, itemId: scope.itemId });
    const meta: FileMeta = { clinicName: s.clinicName, madeAt: calendarDay(ctx.clock.now(), s.timeZone), scope: { ...scope, itemLabel: f.itemLabel }, language: await readersLanguage(ctx.data, ctx.user.id) };
    const file = await fileOf('line-list', lineListSheets(rows, meta), format, meta, rows.length);
    await ctx.audit({ action: 'report.lineList', subjectType: 'report', details: { format, ...scope, rows: rows.length } });
    return file;
  },
} satisfies Partial<Handlers>;
