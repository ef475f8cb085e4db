import { z } from 'zod';
import { says } from '../messages';
import { OUTREACH_METHODS } from '../continuity/reach';
import { ALL_ROLES } from '../roles';
import { channel } from './channel';
import { contactSettingSchema, idSchema, isoDateSchema, personSummarySchema } from './record-schemas';

const measuresSchema = z.object({
  contacts: z.number(),
  providers: z.number(),
  coc: z.number().nullable(),
  upc: z.number().nullable(),
  secon: z.number().nullable(),
  mmci: z.number().nullable(),
  hhi: z.number().nullable(),
});
const retentionSchema = z.object({ twoContacts90DaysApart: z.boolean(), contactInLast6Months: z.boolean() });
const clinicMeasureSchema = z.object({ mean: z.number().nullable(), people: z.number() });

export const ANNOTATION_KINDS = ['phase_change', 'moment', 'goal_set', 'goal_reached', 'naloxone', 'overdose_response'] as const;

export const timelineSchema = z.object({
  today: z.string(),
  thresholdDays: z.number(),
  /** Compact on purpose: a person may have thousands of contacts. Sorted by time. */
  contacts: z.array(z.object({ id: z.number(), at: z.string(), day: z.string(), setting: contactSettingSchema, staffId: z.number(), naloxone: z.number() })),
  staff: z.array(z.object({ id: z.number(), name: z.string() })),
  episodes: z.array(z.object({ start: z.string(), end: z.string(), contactCount: z.number() })),
  timeAway: z.array(z.object({ from: z.string(), to: z.string(), days: z.number() })),
  welcomeBacks: z.array(z.string()),
  annotations: z.array(z.object({ day: z.string(), kind: z.enum(ANNOTATION_KINDS), label: z.string() })),
  currentAbsence: z.object({ days: z.number(), away: z.boolean() }).nullable(),
  measures: measuresSchema,
  retention: retentionSchema,
});
export type Timeline = z.infer<typeof timelineSchema>;

export const REACH_METHODS = OUTREACH_METHODS;

const reachSchema = z.object({
  okToText: z.boolean(),
  okToCall: z.boolean(),
  okToLeaveMessage: z.boolean(),
  okToEmail: z.boolean(),
  doNotContact: z.boolean(),
  safeTimes: z.string().nullable(),
  trustedContact: z.string().nullable(),
  hasPhone: z.boolean(),
  hasEmail: z.boolean(),
  /** The number to use, only when they agreed to calls or texts (and never for do-not-contact). Not clinical. */
  phone: z.string().nullable(),
});
const outreachSchema = z.object({ id: z.number(), at: z.string(), method: z.enum(REACH_METHODS), reached: z.boolean(), note: z.string(), staffName: z.string() });

export const doorOpenItemSchema = z.object({
  person: personSummarySchema,
  lastContactDay: z.string(),
  daysAway: z.number(),
  reach: reachSchema,
  lastOutreach: outreachSchema.nullable(),
});
export type DoorOpenItem = z.infer<typeof doorOpenItemSchema>;

export const dashboardSchema = z.object({
  today: z.string(),
  thresholdDays: z.number(),
  todaysContacts: z.array(z.object({ contactId: z.number(), at: z.string(), setting: contactSettingSchema, staffName: z.string(), person: personSummarySchema })),
  welcomeBacksThisWeek: z.array(z.object({ contactId: z.number(), day: z.string(), daysAway: z.number(), person: personSummarySchema })),
  doorsOpen: z.object({ total: z.number(), items: z.array(doorOpenItemSchema) }),
  testingPeriod: z.object({ total: z.number(), items: z.array(z.object({ person: personSummarySchema, firstContactDay: z.string() })) }),
  trends: z.array(z.object({ month: z.string(), contacts: z.number(), people: z.number(), returns: z.number() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const overviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  distinctPeople: z.number(),
  contacts: z.number(),
  naloxoneKits: z.number(),
  newPeople: z.number(),
  returnsAfterTimeAway: z.number(),
  supplies: z.array(z.object({ label: z.string(), category: z.string().nullable(), quantity: z.number() })),
  continuity: z.object({
    coc: clinicMeasureSchema,
    upc: clinicMeasureSchema,
    secon: clinicMeasureSchema,
    mmci: clinicMeasureSchema,
    hhi: clinicMeasureSchema,
    twoContacts90DaysApart: z.number(),
    contactInLast6Months: z.number(),
    peopleSeen: z.number(),
    /** The retention views count the 12 months (and 6 months) ending on this day: the period's end, or today. */
    retentionTo: z.string(),
  }),
});
export type Overview = z.infer<typeof overviewSchema>;

const periodSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema })
  .refine((p) => p.from <= p.to, { message: says('input.periodOrder'), path: ['to'] });

export const continuityChannels = {
  'continuity.timeline': channel({ input: z.strictObject({ personId: idSchema }), output: timelineSchema, access: ALL_ROLES }),
  /** For the record-contact form: is this contact a welcome back, and what to remember if so. */
  'continuity.welcomeBack': channel({
    input: z.strictObject({ personId: idSchema, at: z.iso.datetime({ offset: true }).optional() }),
    output: z.object({
      isWelcomeBack: z.boolean(),
      daysAway: z.number().nullable(),
      lastContactDay: z.string().nullable(),
      openGoals: z.array(z.object({ id: z.number(), text: z.string(), since: z.string() })),
      lastWhatMattered: z.string().nullable(),
    }),
    access: ALL_ROLES,
  }),
  'home.dashboard': channel({ input: z.strictObject({}), output: dashboardSchema, access: ALL_ROLES }),
  'doors.list': channel({
    input: z.strictObject({
      order: z.enum(['recently_away', 'longest_away']).default('recently_away'),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.object({ total: z.number(), items: z.array(doorOpenItemSchema) }),
    access: ALL_ROLES,
  }),
  /** Noting an outreach attempt: it is not a contact by the person and never counts as one. */
  'outreach.record': channel({
    input: z.strictObject({
      personId: idSchema,
      method: z.enum(REACH_METHODS),
      reached: z.boolean().default(false),
      note: z.string().max(2000, says('input.noteLong')).default(''),
    }),
    output: outreachSchema,
    access: ALL_ROLES,
  }),
  'outreach.list': channel({ input: z.strictObject({ personId: idSchema }), output: z.array(outreachSchema), access: ALL_ROLES }),
  'overview.period': channel({ input: periodSchema, output: overviewSchema, access: ALL_ROLES }),
  'overview.exportCsv': channel({ input: periodSchema, output: z.object({ filename: z.string(), csv: z.string() }), access: ALL_ROLES }),
};
