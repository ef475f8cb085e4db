import { z } from 'zod';
import { says } from '../messages';

/**
 * Shapes of the relationship record (DESIGN.md, Vocabulary). Free text is the person's own words,
 * so it is kept as typed; lengths are generous but bounded.
 */
const text = (max: number, label: string) => z.string().max(max, `${label} can be at most ${max} characters.`);
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const isoDateSchema = z.iso.date({ message: says('input.dateForm') });
export const isoInstantSchema = z.iso.datetime({ offset: true, message: says('input.dateTimeNeeded') });
export const idSchema = z.number({ message: says('input.idNumber') }).int(says('input.idWhole')).positive(says('input.idPositive')).max(2 ** 52);
export const reasonSchema = z.string().trim().min(3, says('input.reasonShort')).max(500, says('input.reasonLong'));

// ---- people ---------------------------------------------------------------------------------------

export const PHASES = ['engagement', 'maintenance'] as const;
export const phaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof phaseSchema>;

export const contactPrefsSchema = z.strictObject({
  okToText: z.boolean().default(false),
  okToCall: z.boolean().default(false),
  okToLeaveMessage: z.boolean().default(false),
  okToEmail: z.boolean().default(false),
  phone: optionalText(40, 'A phone number').default(null),
  email: optionalText(200, 'An email address').default(null),
  safeTimes: optionalText(200, 'Safe times').default(null),
  trustedContact: optionalText(200, 'The trusted contact').default(null),
  doNotContact: z.boolean().default(false),
  whatHelps: optionalText(2000, 'What helps').default(null),
});
export type ContactPrefs = z.output<typeof contactPrefsSchema>;

const currentYear = new Date().getFullYear();
/** Field rules without defaults, so an edit names only what it changes (defaults would overwrite). */
const personFieldShape = {
  clientCode: z
    .string()
    .trim()
    .min(2, says('input.clientCodeShort'))
    .max(32, says('input.clientCodeLong'))
    .regex(/^[A-Za-z0-9-]+$/, says('input.clientCodeForm')),
  name: optionalText(200, 'A name'),
  preferredName: optionalText(100, 'A preferred name'),
  pronouns: optionalText(40, 'Pronouns'),
  birthYear: z
    .number()
    .int(says('input.birthYearWhole'))
    .min(1900, says('input.birthYearCheck'))
    .max(currentYear, says('input.birthYearCheck'))
    .nullable(),
  contactPrefs: contactPrefsSchema,
  usualStaffId: idSchema.nullable(),
};

export const personFieldsSchema = z.strictObject({
  clientCode: personFieldShape.clientCode,
  name: personFieldShape.name.default(null),
  preferredName: personFieldShape.preferredName.default(null),
  pronouns: personFieldShape.pronouns.default(null),
  birthYear: personFieldShape.birthYear.default(null),
  contactPrefs: contactPrefsSchema.default(contactPrefsSchema.parse({})),
  usualStaffId: personFieldShape.usualStaffId.default(null),
});
export const personChangesSchema = z.strictObject(personFieldShape).partial();

export const personSummarySchema = z.object({
  id: z.number(),
  clientCode: z.string(),
  name: z.string().nullable(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  phase: phaseSchema,
  lastContactAt: z.string().nullable(),
  contactCount: z.number(),
  deleted: z.boolean(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const personSchema = personSummarySchema.extend({
  birthYear: z.number().nullable(),
  contactPrefs: contactPrefsSchema,
  usualStaffId: z.number().nullable(),
  firstContactAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deleteReason: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

// ---- contacts -------------------------------------------------------------------------------------

export const CONTACT_SETTINGS = [
  'clinic_visit',
  'drop_in',
  'street_outreach',
  'van',
  'phone_text',
  'telehealth',
  'emergency_department',
  'home_visit',
  'ssp_exchange',
] as const;
export const contactSettingSchema = z.enum(CONTACT_SETTINGS);
export type ContactSetting = z.infer<typeof contactSettingSchema>;

export const supplyGivenSchema = z.strictObject({
  itemId: idSchema,
  quantity: z.number().int(says('input.quantityWhole')).min(1, says('input.quantityMin')).max(10_000, says('input.quantityCheck')),
});

const contactFieldShape = {
  /** Omitted means now. */
  occurredAt: isoInstantSchema,
  setting: contactSettingSchema,
  /** Omitted means the signed-in staff member. */
  staffId: idSchema,
  services: z.array(idSchema).max(50),
  supplies: z.array(supplyGivenSchema).max(50),
  whatMattered: text(2000, 'What mattered to them'),
  note: text(10_000, 'The note'),
};

export const contactFieldsSchema = z.strictObject({
  ...contactFieldShape,
  occurredAt: contactFieldShape.occurredAt.optional(),
  staffId: contactFieldShape.staffId.optional(),
  services: contactFieldShape.services.default([]),
  supplies: contactFieldShape.supplies.default([]),
  whatMattered: contactFieldShape.whatMattered.default(''),
  note: contactFieldShape.note.default(''),
});
export const contactChangesSchema = z.strictObject(contactFieldShape).partial();

export const contactSchema = z.object({
  id: z.number(),
  personId: z.number(),
  occurredAt: z.string(),
  enteredAt: z.string(),
  /** Entered more than an hour after it happened: shown with an "entered later" mark. */
  enteredLater: z.boolean(),
  setting: contactSettingSchema,
  staffId: z.number(),
  staffName: z.string(),
  services: z.array(z.object({ id: z.number(), label: z.string() })),
  supplies: z.array(z.object({ id: z.number(), label: z.string(), category: z.string().nullable(), quantity: z.number() })),
  whatMattered: z.string(),
  /** Null when the role may not read clinical notes. */
  note: z.string().nullable(),
  deleted: z.boolean(),
  deleteReason: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

// ---- entries: the things that matter to the person ------------------------------------------------

export const GOAL_STATUSES = ['working_on_it', 'reached', 'set_aside'] as const;
/** `general`: treatment as a whole, for a talk that was not about one medication ("not right now" to all of it). */
export const TREATMENT_OPTIONS = ['general', 'buprenorphine', 'methadone', 'naltrexone', 'other'] as const;
export const TREATMENT_STANCES = ['not_right_now', 'curious', 'wants_to_start', 'started', 'paused'] as const;
export const ROUTES = ['smoke', 'inject', 'snort', 'swallow', 'other'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'not_known'] as const;
/** Whose overdose it was: the person whose record this is, or someone they were with (they responded). */
export const OVERDOSE_WHO = ['this_person', 'someone_with_them'] as const;
export const OVERDOSE_OUTCOMES = ['alive_stayed', 'alive_went_to_hospital', 'alive_declined_transport', 'died', 'not_known'] as const;
export const REFERRAL_STATUSES = ['offered', 'made', 'connected', 'not_now', 'closed'] as const;

export const entryDataSchemas = {
  phase_change: z.strictObject({ phase: phaseSchema, reason: z.string().trim().min(1, says('input.phaseReason')).max(2000) }),
  moment: z.strictObject({ text: z.string().trim().min(1, says('input.momentNeeded')).max(4000) }),
  goal: z.strictObject({
    text: z.string().trim().min(1, says('input.goalNeeded')).max(2000),
    status: z.enum(GOAL_STATUSES).default('working_on_it'),
    /** When the status last changed (set by Doorway when it changes), for "goal reached" on the timeline. */
    statusChangedOn: isoDateSchema.nullable().default(null),
  }),
  substance_use: z
    .strictObject({
      prefersNotToSay: z.boolean().default(false),
      substances: z
        .array(
          z.strictObject({
            substance: z.string().trim().min(1, says('input.substanceNeeded')).max(100),
            route: z.enum(ROUTES).nullable().default(null),
            frequency: optionalText(100, 'Frequency').default(null),
          }),
        )
        .max(20)
        .default([]),
      note: text(2000, 'The note').default(''),
    })
    .refine((v) => v.prefersNotToSay || v.substances.length > 0, says('input.substancesNeeded')),
  treatment_interest: z.strictObject({
    option: z.enum(TREATMENT_OPTIONS, { message: says('input.treatmentOption') }),
    otherOption: optionalText(100, 'The option').default(null),
    stance: z.enum(TREATMENT_STANCES),
    note: text(2000, 'The note').default(''),
  }),
  overdose_response: z.strictObject({
    /** Optional: reports written before it was asked do not have it. */
    whoOverdosed: z.enum(OVERDOSE_WHO).optional(),
    reportedBy: z.string().trim().min(1, says('input.reportedBy')).max(200),
    location: text(300, 'The place').default(''),
    naloxoneDoses: z.number().int().min(0, says('input.dosesMin')).max(50, says('input.dosesCheck')),
    called911: z.enum(YES_NO_UNKNOWN),
    someoneStayed: z.enum(YES_NO_UNKNOWN),
    substancesInvolved: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    outcome: z.enum(OVERDOSE_OUTCOMES),
    note: text(4000, 'The note').default(''),
  }),
  referral: z.strictObject({
    toWhat: z.string().trim().min(1, says('input.referralTo')).max(300),
    status: z.enum(REFERRAL_STATUSES).default('offered'),
    note: text(2000, 'The note').default(''),
  }),
  consent: z.strictObject({
    shareWith: z.string().trim().min(1, says('input.shareWith')).max(300),
    what: z.string().trim().min(1, says('input.shareWhat')).max(1000),
    until: isoDateSchema.nullable().default(null),
    revokedOn: isoDateSchema.nullable().default(null),
  }),
} as const;

export type EntryKind = keyof typeof entryDataSchemas;
export const ENTRY_KINDS = Object.keys(entryDataSchemas) as EntryKind[];
export const entryKindSchema = z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]);
/** Clinical kinds: their text lives in the clinical store, under its own key (DESIGN.md, Vault). */
export const CLINICAL_ENTRY_KINDS: readonly EntryKind[] = ['substance_use', 'treatment_interest', 'overdose_response'];

/**
 * What the front desk does not read, add or change: the clinical kinds, and goals. A goal is in the
 * person's own words, and those words often name use, treatment or health ("get on methadone", "stop
 * injecting"); the front desk's work (welcome, supplies, who to reach and how) does not need them
 * (minimum necessary, DESIGN.md). Phase changes stay, without their reason (phaseReasonHidden), and
 * "what mattered to them" stays: it is the thread every role writes on a contact.
 */
export const FRONT_DESK_HIDDEN_KINDS: readonly EntryKind[] = [...CLINICAL_ENTRY_KINDS, 'goal'];

/** The entry kinds a role reads, from whether it may read clinical content (shared/roles.ts). */
export const entryKindsFor = (clinical: boolean): readonly EntryKind[] => (clinical ? ENTRY_KINDS : ENTRY_KINDS.filter((k) => !FRONT_DESK_HIDDEN_KINDS.includes(k)));

export type EntryData<K extends EntryKind> = z.output<(typeof entryDataSchemas)[K]>;

/** An entry as stored and returned: the data is one of the kind-specific shapes. */
export const entrySchema = z.object({
  id: z.number(),
  personId: z.number(),
  kind: entryKindSchema,
  occurredOn: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  deleted: z.boolean(),
  deleteReason: z.string().nullable(),
});
export type Entry = z.infer<typeof entrySchema>;

export const historyItemSchema = z.object({
  id: z.number(),
  changedAt: z.string(),
  changedBy: z.string(),
  change: z.enum(['edit', 'delete', 'restore']),
  previous: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const catalogItemSchema = z.object({
  id: z.number(),
  kind: z.enum(['service', 'supply']),
  label: z.string(),
  category: z.string().nullable(),
  active: z.boolean(),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;
