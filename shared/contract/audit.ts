import { z } from 'zod';
import { says } from '../messages';
import { ADMIN_ONLY } from '../roles';
import { channel } from './channel';
import { idSchema, isoInstantSchema } from './record-schemas';

/**
 * Every kind of audit event. The contract holds the list so the administrator's filter and the core
 * that writes the events cannot disagree; core/audit/audit.ts re-exports it.
 */
export const AUDIT_ACTIONS = [
  'vault.create',
  /** The raw data key was shown with the recovery code (command line `export-key`). */
  'vault.exportKey',
  /** A new data key: the records re-encrypted and every remaining slot re-sealed. */
  'vault.rotateKey',
  /** A key change was interrupted before it took effect; the old key stays in use. */
  'vault.rotateKeyInterrupted',
  /** A vault from before the clinical store: its clinical content moved to a store under its own key. */
  'vault.clinicalStoreCreated',
  /** A change cut off between the clinical and the main commit: its clinical half put back on opening. */
  'vault.clinicalRecovered',
  /** The clinical store could not be opened for this session (the reason is in the details). */
  'vault.clinicalUnavailable',
  /** One computer's record moved onto a clinic hub, which it became (command line `hub move`). */
  'vault.movedToHub',
  /** A one-time pairing code made on the hub computer, for another computer of the clinic to join. */
  'hub.pairingCode',
  'session.signIn',
  'session.signInFailed',
  'session.signOut',
  'session.lock',
  'session.recover',
  'session.changePassword',
  /** A staff member chose their own language for the screens. */
  'session.setLanguage',
  /** Signing in with the recovery code: emergency administrator access. */
  'session.breakGlass',
  'settings.update',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.resetPassword',
  'person.create',
  'person.update',
  'person.delete',
  'person.restore',
  'person.open',
  'contact.create',
  'contact.update',
  'contact.delete',
  'contact.restore',
  'entry.create',
  'entry.update',
  'entry.delete',
  'entry.restore',
  'catalog.create',
  'catalog.update',
  'outreach.create',
  /** A staff member threw away unsaved work they had left in a form (a save is not audited: it happens as they type). */
  'draft.discard',
  /** Unsaved work older than the clinic's limit was removed. */
  'draft.expire',
  'overview.export',
  /** A funder report template exported (reports/): the template, format, period, setting and supply are in the details. */
  'report.export',
  /** A de-identified line list of contacts exported: the format, period, setting, supply and row count are in the details. */
  'report.lineList',
  /** Synthetic demo people and contacts added to an empty vault (command line `demo`). */
  'demo.create',
  /** People or contacts imported from a spreadsheet: the file's name and SHA-256 and the counts are in the details. */
  'records.import',
  /** A person's summary printed or saved for them; whether clinical notes were included is in the details. */
  'person.summary',
  /** Everything held about one person exported as a zip (right of access). */
  'person.export',
  // Backups (electron/core/backup): add the backup events here.
  /** A backup bundle written and checked (or an attempt that failed, with `ok: false`). */
  'backup.create',
  'backup.verify',
  'backup.restore',
  'backup.undoRestore',
  /** A restore drill: the newest bundle restored into a temporary folder, checked, deleted. */
  'backup.drill',
  /** The retention policy removed old bundles. */
  'backup.prune',
  'backup.settings',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  /** The staff member's display name, or the username recorded at the time, or null (the system, a command). */
  actorName: z.string().nullable(),
  /** Kept as a string: an older event may name an action this version no longer writes. */
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** The person the event concerns, when it concerns one (directly, or through a contact or an entry). */
  person: z.object({ id: z.number(), clientCode: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  emergency: z.boolean(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const AUDIT_PAGE_MAX = 200;

export const auditChannels = {
  /** Newest first, a page at a time: `before` is the id to continue after (the previous page's `nextBefore`). */
  'audit.list': channel({
    input: z
      .strictObject({
        personId: idSchema.nullable().default(null),
        staffId: idSchema.nullable().default(null),
        action: z.enum(AUDIT_ACTIONS).nullable().default(null),
        from: isoInstantSchema.nullable().default(null),
        /** Exclusive. */
        to: isoInstantSchema.nullable().default(null),
        before: idSchema.nullable().default(null),
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
      })
      .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
        message: says('input.periodOrder'),
        path: ['to'],
      }),
    output: z.object({ items: z.array(auditEventSchema), nextBefore: z.number().nullable() }),
    access: ADMIN_ONLY,
  }),
  /**
   * Walks the whole chain; names the first event that was changed, removed or inserted outside Doorway, and
   * says when events are missing at the start or the end (the anchor, core/audit/anchor.ts).
   */
  'audit.verify': channel({
    input: z.strictObject({}),
    output: z.object({
      intact: z.boolean(),
      events: z.number(),
      firstBroken: z.object({ id: z.number(), at: z.string().nullable(), action: z.string().nullable() }).nullable(),
      /** Present only when the trail does not start with the vault's creation (event 1 removed or replaced). */
      missingStart: z.object({ firstPresent: z.number().nullable(), action: z.string().nullable() }).optional(),
      /** Present only when the newest events are missing: the trail ends before the event anchored outside it. */
      missingTail: z.object({ lastPresent: z.number().nullable(), anchored: z.number(), anchoredAt: z.string() }).optional(),
      /** Present only when the anchor file is missing (a note: a vault from before anchors) or damaged (a finding). */
      anchor: z.enum(['missing', 'damaged']).optional(),
    }),
    access: ADMIN_ONLY,
  }),
};
