import { z } from 'zod';
import { ALL_ROLES, CLINICAL_ROLES } from '../roles';
import { channel } from './channel';
import { contactSettingSchema, GOAL_STATUSES, idSchema, REFERRAL_STATUSES } from './record-schemas';

/**
 * A person's own record (right of access): a plain summary to print or save for them, and a complete
 * export of everything Doorway holds about them. Core gives facts and keys; the renderer words them in
 * the staff member's language, so the same summary reads in English or Spanish.
 */

const summaryContactSchema = z.object({
  /** The calendar day in the clinic's time zone. */
  day: z.string(),
  setting: contactSettingSchema,
  services: z.array(z.string()),
  supplies: z.array(z.object({ label: z.string(), quantity: z.number() })),
  /** "What mattered to them", as written. */
  whatMattered: z.string(),
  /** Only when a clinical role chose to include clinical notes; otherwise null. */
  note: z.string().nullable(),
});

export const personSummaryDocSchema = z.object({
  clinicName: z.string(),
  /** When it was made (ISO instant), and the day in the clinic's time zone. */
  madeAt: z.string(),
  madeOn: z.string(),
  person: z.object({
    clientCode: z.string(),
    name: z.string().nullable(),
    preferredName: z.string().nullable(),
    pronouns: z.string().nullable(),
  }),
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  /** Newest month first; each month's contacts oldest first, as a diary reads. */
  months: z.array(z.object({ month: z.string(), contacts: z.array(summaryContactSchema) })),
  /** Everything given, added up, most first. */
  suppliesTotal: z.array(z.object({ label: z.string(), quantity: z.number() })),
  /** In the person's own words. Null when the role does not read goals (front desk): the page then says nothing of goals. */
  goals: z.array(z.object({ text: z.string(), status: z.enum(GOAL_STATUSES), since: z.string() })).nullable(),
  referrals: z.array(z.object({ toWhat: z.string(), status: z.enum(REFERRAL_STATUSES), on: z.string() })),
  includesClinicalNotes: z.boolean(),
});
export type PersonSummaryDoc = z.infer<typeof personSummaryDocSchema>;

export const personExportSchema = z.object({
  fileName: z.string(),
  /** The zip, base64: IPC carries strings and plain objects. */
  zipBase64: z.string(),
  files: z.array(z.string()),
});
export type PersonExport = z.infer<typeof personExportSchema>;

export const ownRecordChannels = {
  /** The summary to print or save for the person. Clinical notes only when a clinical role asks for them. */
  'records.personSummary': channel({
    input: z.strictObject({ personId: idSchema, includeClinicalNotes: z.boolean().default(false) }),
    output: personSummaryDocSchema,
    access: ALL_ROLES,
  }),
  /** Everything Doorway holds about one person, as a zip of JSON and CSV with a README. */
  'records.personExport': channel({
    input: z.strictObject({ personId: idSchema }),
    output: personExportSchema,
    access: CLINICAL_ROLES,
  }),
};
