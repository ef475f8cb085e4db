import { z } from 'zod';
import { says } from '../messages';
import { ALL_ROLES } from '../roles';
import { channel } from './channel';
import { entryKindSchema, idSchema, isoInstantSchema } from './record-schemas';

/**
 * Unsaved work, kept in the vault as it is typed (DESIGN.md, Reliability: nothing typed is lost). A draft
 * belongs to one staff member and one form; it survives a lock, sign-out, a crash and a restart, and
 * nobody else ever sees it. Core decides which of its fields are clinical (a contact's note, every
 * field of a clinical entry) and keeps those in the clinical store.
 */
export const DRAFT_FORMS = ['contact', 'entry', 'person', 'outreach'] as const;
export type DraftForm = (typeof DRAFT_FORMS)[number];

/** One form instance, e.g. "contact:new:12", "contact:edit:40", "entry:goal:12", "person:edit:12", "outreach:12". */
export const draftKeySchema = z
  .string()
  .min(3)
  .max(80)
  .regex(/^[a-z_]+(:[a-z0-9_]+)*$/, says('input.unknownForm'));

/** What a form holds while it is typed: field names to values, as the form keeps them. */
const draftFieldsSchema = z
  .record(z.string().max(60), z.unknown())
  .refine((f) => {
    // Nested too deep to write out (JSON.stringify runs out of stack) is refused like too long, never thrown.
    try {
      return JSON.stringify(f).length <= 40_000;
    } catch {
      return false;
    }
  }, says('input.draftLong'));

export const draftSchema = z.object({
  key: draftKeySchema,
  form: z.enum(DRAFT_FORMS),
  entryKind: entryKindSchema.nullable(),
  personId: z.number().int().nullable(),
  /** How the person is named on screen (preferred name, name or client code), for "an unsaved contact for Sam". */
  personLabel: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;
export type DraftSummary = Omit<Draft, 'fields'>;

export const draftChannels = {
  /** Keeps (or replaces) this form's draft for the signed-in staff member. */
  'drafts.save': channel({
    input: z.strictObject({
      key: draftKeySchema,
      form: z.enum(DRAFT_FORMS),
      entryKind: entryKindSchema.nullable().default(null),
      personId: idSchema.nullable().default(null),
      fields: draftFieldsSchema,
    }),
    output: z.object({ savedAt: isoInstantSchema }),
    access: ALL_ROLES,
  }),
  /** This form's draft, if the signed-in staff member left one. */
  'drafts.get': channel({
    input: z.strictObject({ key: draftKeySchema }),
    output: draftSchema.nullable(),
    access: ALL_ROLES,
  }),
  /** Every draft the signed-in staff member left, newest first (no field values). */
  'drafts.list': channel({
    input: z.strictObject({}),
    output: z.array(draftSchema.omit({ fields: true })),
    access: ALL_ROLES,
  }),
  /** Throws the draft away (after the form was saved, or when the person chooses to discard it). */
  'drafts.discard': channel({
    input: z.strictObject({ key: draftKeySchema, saved: z.boolean().default(false) }),
    output: z.object({ discarded: z.boolean() }),
    access: ALL_ROLES,
  }),
};
