import { z } from 'zod';
import { says } from '../messages';
import { ALL_ROLES, CLINICAL_ROLES } from '../roles';
import { channel } from './channel';
import { contactSettingSchema, idSchema, isoDateSchema, OVERDOSE_OUTCOMES, OVERDOSE_WHO } from './record-schemas';

/**
 * Funder reports: a period, a site setting (all or one) and a supply (all or one). People, contacts
 * and supplies are counted apart, with the same rules as the clinic overview (continuity.ts); the
 * breakdowns funders ask for sit beside them.
 */

export const REPORT_TEMPLATES = ['ssp_indicators', 'naloxone_quarterly'] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const inOrder = (p: { from: string; to: string }) => p.from <= p.to;
const orderMessage = { message: says('input.periodOrder'), path: ['to'] };

export const reportScopeSchema = z
  .strictObject({
    from: isoDateSchema,
    to: isoDateSchema,
    /** One contact setting, or null for all of them. */
    setting: contactSettingSchema.nullable().default(null),
    /** One supply (a catalog item), or null for all: then only contacts at which it was given count. */
    itemId: idSchema.nullable().default(null),
  })
  .refine(inOrder, orderMessage);
export type ReportScope = z.output<typeof reportScopeSchema>;

export const reportFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  setting: contactSettingSchema.nullable(),
  itemId: z.number().nullable(),
  /** The chosen supply's name, for headings and files. */
  itemLabel: z.string().nullable(),
  /** Each person counted once. */
  people: z.number(),
  /** Every contact counted. */
  contacts: z.number(),
  /** People seen in the scope whose first contact ever (any setting) falls in the period. */
  newPeople: z.number(),
  /** People seen in the scope whose first contact ever was before the period: people - newPeople. */
  returningPeople: z.number(),
  /** Contacts after time away (welcome backs), as the overview counts them. */
  returnsAfterTimeAway: z.number(),
  /** Kits of supplies in the naloxone category: kits, not people or contacts. */
  naloxoneKits: z.number(),
  bySetting: z.array(z.object({ setting: contactSettingSchema, contacts: z.number(), people: z.number() })),
  supplies: z.array(z.object({ label: z.string(), category: z.string().nullable(), quantity: z.number() })),
  supplyCategories: z.array(z.object({ category: z.string().nullable(), quantity: z.number() })),
});
export type ReportFigures = z.infer<typeof reportFiguresSchema>;

export const OVERDOSE_WHO_REPORTED = [...OVERDOSE_WHO, 'not_recorded'] as const;

export const overdoseFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Overdose responses reported in the period (by the day they happened). */
  total: z.number(),
  /** Every outcome listed, zeros included, so a report never hides one. */
  byOutcome: z.array(z.object({ outcome: z.enum(OVERDOSE_OUTCOMES), count: z.number() })),
  byWho: z.array(z.object({ who: z.enum(OVERDOSE_WHO_REPORTED), count: z.number() })),
  naloxoneDosesUsed: z.number(),
});
export type OverdoseFigures = z.infer<typeof overdoseFiguresSchema>;

const exportFileSchema = z.object({
  filename: z.string(),
  format: z.enum(EXPORT_FORMATS),
  /** CSV text, or the XLSX file's bytes in base64 (IPC carries text and JSON). */
  content: z.string(),
  rows: z.number(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

/** The same scope with a format (and a template), as one strict object: a refined schema cannot be extended. */
const exportShape = {
  from: isoDateSchema,
  to: isoDateSchema,
  setting: contactSettingSchema.nullable().default(null),
  itemId: idSchema.nullable().default(null),
  format: z.enum(EXPORT_FORMATS, { message: says('input.exportFormat') }),
};
const lineListInput = z.strictObject(exportShape).refine(inOrder, orderMessage);
const templateInput = z.strictObject({ ...exportShape, template: z.enum(REPORT_TEMPLATES, { message: says('input.reportTemplate') }) }).refine(inOrder, orderMessage);

/*
 * Who may open what (shared/roles.ts, DESIGN.md "minimum necessary"):
 * - The figures (people, contacts, supplies, settings) are what the clinic overview already shows
 *   every role; the front desk hands out the supplies it counts, so it may see them here too.
 * - Overdose responses are clinical entries (record-schemas.ts CLINICAL_ENTRY_KINDS): their outcomes
 *   live in the clinical store, which a front-desk session cannot open. Even counted, an outcome such
 *   as "died" in a small program points at a person the desk knows, so the counts are for clinical
 *   roles only; funders receive them from an administrator or clinician.
 * - The two templates carry those overdose counts, and the line list is record-level data leaving the
 *   clinic: both are prepared by clinical roles. Core refuses them again (reports/reports.ts), and the
 *   clinical store itself refuses the front desk, whatever the router says.
 */
export const reportChannels = {
  'reports.figures': channel({ input: reportScopeSchema, output: reportFiguresSchema, access: ALL_ROLES }),
  'reports.overdoseResponses': channel({
    input: z.strictObject({ from: isoDateSchema, to: isoDateSchema }).refine(inOrder, orderMessage),
    output: overdoseFiguresSchema,
    access: CLINICAL_ROLES,
  }),
  'reports.exportTemplate': channel({
    input: templateInput,
    output: exportFileSchema,
    access: CLINICAL_ROLES,
  }),
  'reports.exportLineList': channel({ input: lineListInput, output: exportFileSchema, access: CLINICAL_ROLES }),
};
