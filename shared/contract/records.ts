import { z } from 'zod';
import { says } from '../messages';
import { ADMIN_ONLY, ALL_ROLES, type Role } from '../roles';
import { channel } from './channel';
import {
  catalogItemSchema,
  contactChangesSchema,
  contactFieldsSchema,
  contactSchema,
  entryKindSchema,
  entrySchema,
  historyItemSchema,
  idSchema,
  isoDateSchema,
  personChangesSchema,
  personFieldsSchema,
  personSchema,
  personSummarySchema,
  phaseSchema,
  reasonSchema,
} from './record-schemas';

const CLINICAL: readonly Role[] = ['administrator', 'clinician'];

/** The person page shows the latest contacts; older ones load page by page (`contacts.list`). */
export const PERSON_PAGE_CONTACTS = 100;

export const personPageSchema = z.object({
  person: personSchema,
  /** The most recent contacts (removed ones included, marked), newest first. */
  contacts: z.array(contactSchema),
  /** All contacts of the person, including removed ones, so the page knows whether there are more to load. */
  contactsTotal: z.number(),
  entries: z.array(entrySchema),
  /** What this role may see: the renderer hides sections the role cannot open. */
  canReadClinical: z.boolean(),
});
export type PersonPage = z.infer<typeof personPageSchema>;

export const recordChannels = {
  'people.search': channel({
    input: z.strictObject({ query: z.string().max(100, says('input.searchLong')), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.array(personSummarySchema),
    access: ALL_ROLES,
  }),
  'people.list': channel({
    input: z.strictObject({
      sort: z.enum(['last_contact', 'client_code', 'name']).default('last_contact'),
      phase: phaseSchema.nullable().default(null),
      removed: z.boolean().default(false),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ total: z.number(), items: z.array(personSummarySchema) }),
    access: ALL_ROLES,
  }),
  /** Everything the person page needs, in one call. */
  'people.get': channel({
    input: z.strictObject({ id: idSchema }),
    output: personPageSchema,
    access: ALL_ROLES,
  }),
  'people.create': channel({
    input: personFieldsSchema,
    output: personSummarySchema,
    access: ALL_ROLES,
  }),
  'people.update': channel({
    input: z.strictObject({ id: idSchema, changes: personChangesSchema }),
    output: personSchema,
    access: ALL_ROLES,
  }),
  'people.delete': channel({
    input: z.strictObject({ id: idSchema, reason: reasonSchema }),
    output: z.object({ id: z.number() }),
    access: CLINICAL,
  }),
  'people.restore': channel({
    input: z.strictObject({ id: idSchema }),
    output: z.object({ id: z.number() }),
    access: ADMIN_ONLY,
  }),

  'contacts.record': channel({
    input: contactFieldsSchema.extend({ personId: idSchema }),
    output: contactSchema,
    access: ALL_ROLES,
  }),
  /** Older contact history, newest first, continuing after `before`. */
  'contacts.list': channel({
    input: z.strictObject({
      personId: idSchema,
      before: z.strictObject({ occurredAt: z.string().max(40), id: idSchema }).nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(contactSchema),
    access: ALL_ROLES,
  }),
  'contacts.update': channel({
    input: z.strictObject({ id: idSchema, changes: contactChangesSchema }),
    output: contactSchema,
    access: ALL_ROLES,
  }),
  'contacts.delete': channel({
    input: z.strictObject({ id: idSchema, reason: reasonSchema }),
    output: contactSchema,
    access: CLINICAL,
  }),
  'contacts.restore': channel({
    input: z.strictObject({ id: idSchema }),
    output: contactSchema,
    access: ADMIN_ONLY,
  }),

  /** Goals, moments, phase changes and the other dated entries; clinical kinds are for clinical roles. */
  'entries.add': channel({
    input: z.strictObject({ personId: idSchema, kind: entryKindSchema, occurredOn: isoDateSchema, data: z.record(z.string(), z.unknown()) }),
    output: entrySchema,
    access: ALL_ROLES,
  }),
  'entries.update': channel({
    input: z.strictObject({
      id: idSchema,
      occurredOn: isoDateSchema.optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
    output: entrySchema,
    access: ALL_ROLES,
  }),
  'entries.delete': channel({
    input: z.strictObject({ id: idSchema, reason: reasonSchema }),
    output: entrySchema,
    access: CLINICAL,
  }),
  'entries.restore': channel({
    input: z.strictObject({ id: idSchema }),
    output: entrySchema,
    access: ADMIN_ONLY,
  }),

  'history.get': channel({
    input: z.strictObject({ recordType: z.enum(['person', 'contact', 'entry']), id: idSchema }),
    output: z.array(historyItemSchema),
    access: ALL_ROLES,
  }),

  'catalog.list': channel({
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    output: z.array(catalogItemSchema),
    access: ALL_ROLES,
  }),
  'catalog.create': channel({
    input: z.strictObject({
      kind: z.enum(['service', 'supply']),
      label: z.string().trim().min(1, says('input.nameNeeded')).max(80, says('input.nameLong80')),
      category: z.string().trim().max(40).nullable().default(null),
    }),
    output: catalogItemSchema,
    access: ADMIN_ONLY,
  }),
  'catalog.update': channel({
    input: z.strictObject({
      id: idSchema,
      label: z.string().trim().min(1, says('input.nameNeeded')).max(80, says('input.nameLong80')).optional(),
      category: z.string().trim().max(40).nullable().optional(),
      active: z.boolean().optional(),
    }),
    output: catalogItemSchema,
    access: ADMIN_ONLY,
  }),

  /** Staff members to choose from on a contact (names only). */
  'staff.list': channel({
    input: z.strictObject({}),
    output: z.array(z.object({ id: z.number(), displayName: z.string(), active: z.boolean() })),
    access: ALL_ROLES,
  }),
};
