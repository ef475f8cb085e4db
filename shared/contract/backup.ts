import { z } from 'zod';
import { messageSchema, says } from '../messages';
import { ADMIN_ONLY } from '../roles';
import { channel } from './channel';
import { isoDateTimeSchema, roleSchema } from './schemas';

/**
 * Encrypted backups (issue 6): a backup bundle is a folder `doorway-backup-<UTC time>-<short id>` in
 * the chosen destination. The renderer names bundles only by folder name, never by path, so a call
 * can only reach bundles inside the destination the administrator set.
 */
export const BUNDLE_NAME_PATTERN = /^doorway-backup-(\d{8}T\d{6}Z)-([0-9a-f]{8})$/;

export const bundleNameSchema = z
  .string()
  .max(100, says('backup.input.notABundle'))
  .regex(BUNDLE_NAME_PATTERN, says('backup.input.notABundle'));

export const RETENTION_LIMITS = { keepDaily: 366, keepWeekly: 520, keepMonthly: 600 } as const;

export const backupSettingsSchema = z.object({
  /** An absolute folder (a USB drive, a network folder); null until an administrator chooses one. */
  destination: z.string().nullable(),
  /** A backup each day while someone is signed in, and one on quit when the last is older than a day. */
  enabled: z.boolean(),
  keepDaily: z.number().int().min(0).max(RETENTION_LIMITS.keepDaily),
  keepWeekly: z.number().int().min(0).max(RETENTION_LIMITS.keepWeekly),
  keepMonthly: z.number().int().min(0).max(RETENTION_LIMITS.keepMonthly),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

/** A retention count: its refusals name the kind of backup and its limit (RETENTION_LIMITS, the same numbers in the catalog's words). */
const keepInput = (max: number, what: 'daily' | 'weekly' | 'monthly') =>
  z
    .number()
    .int(says('input.wholeNumber'))
    .min(0, says(`backup.input.${what}.atLeast`))
    .max(max, says(`backup.input.${what}.atMost`))
    .optional();

export const backupSettingsInputSchema = z
  .strictObject({
    destination: z
      .string()
      .trim()
      .min(1, says('backup.input.folderNeeded'))
      .max(1000, says('backup.input.folderTooLong'))
      .nullable()
      .optional(),
    enabled: z.boolean().optional(),
    keepDaily: keepInput(RETENTION_LIMITS.keepDaily, 'daily'),
    keepWeekly: keepInput(RETENTION_LIMITS.keepWeekly, 'weekly'),
    keepMonthly: keepInput(RETENTION_LIMITS.keepMonthly, 'monthly'),
  })
  .refine((v) => Object.keys(v).length > 0, says('input.nothingToChange'));

export const BACKUP_VIA = ['app', 'schedule', 'quit', 'commandLine'] as const;

export const bundleMakerSchema = z.object({
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  /** Made from the app, by the daily schedule, on quit, or from the command line. */
  via: z.enum(BACKUP_VIA),
});

/**
 * verified: passed the full check after it was written (sealed mark); unverified: complete but not
 * (yet) checked, never counted for retention; otherVault: made from a different vault, never touched;
 * unreadable: its description is damaged, never touched.
 */
export const BUNDLE_STATES = ['verified', 'unverified', 'otherVault', 'unreadable'] as const;
export type BundleState = (typeof BUNDLE_STATES)[number];

export const bundleSummarySchema = z.object({
  name: bundleNameSchema,
  state: z.enum(BUNDLE_STATES),
  /** From the sealed manifest; for unreadable bundles, the time in the folder name. */
  createdAt: isoDateTimeSchema,
  sizeBytes: z.number().int().min(0),
  appVersion: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  /** Only readable with this vault's key. */
  madeBy: bundleMakerSchema.nullable(),
  verifiedAt: isoDateTimeSchema.nullable(),
  /**
   * The clinical records in the bundle: null when it has none (a vault from before the clinical store);
   * 'checked' when the last full check read their pages with the clinical key; 'notChecked' when they
   * were copied and fingerprinted without it (a front-desk session's backup) and await a check with it.
   */
  clinical: z.enum(['checked', 'notChecked']).nullable().optional(),
});
export type BundleSummary = z.infer<typeof bundleSummarySchema>;

export const BACKUP_OPERATIONS = ['backup', 'verify', 'restore', 'drill', 'prune'] as const;
export type BackupOperation = (typeof BACKUP_OPERATIONS)[number];

export const BACKUP_PHASES = ['prepare', 'copy', 'fingerprint', 'check', 'place', 'clean', 'done'] as const;
export type BackupPhase = (typeof BACKUP_PHASES)[number];

/** What a calm warning on the backups and home screens is about. */
export const BACKUP_WARNING_KINDS = ['noDestination', 'destinationUnavailable', 'backupFailed', 'overdue', 'off'] as const;

export const backupWarningSchema = z.object({
  kind: z.enum(BACKUP_WARNING_KINDS),
  /** What to say, as a key with its parameters: the renderer says it in the staff member's language. */
  message: messageSchema,
  since: isoDateTimeSchema,
  /** When Doorway tries again by itself, if it will. */
  retryAt: isoDateTimeSchema.nullable(),
});

export const drillRecordSchema = z.object({
  at: isoDateTimeSchema,
  bundle: bundleNameSchema,
  bundleCreatedAt: isoDateTimeSchema,
  rows: z.number().int().min(0),
  durationMs: z.number().min(0),
});
export type DrillRecord = z.infer<typeof drillRecordSchema>;

export const backupStatusSchema = z.object({
  settings: backupSettingsSchema,
  /** The newest backup of this vault in the destination, verified or not. */
  lastBackup: bundleSummarySchema.nullable(),
  lastVerifiedBackup: bundleSummarySchema.nullable(),
  /** "Last verified restore": the latest restore drill that passed. */
  lastDrill: drillRecordSchema.nullable(),
  /** When the next automatic backup is due; null while automatic backups are off or have no folder. */
  nextDueAt: isoDateTimeSchema.nullable(),
  running: z.enum(BACKUP_OPERATIONS).nullable(),
  warning: backupWarningSchema.nullable(),
  /** The most recent restore can be undone: the vault it replaced is set aside in the data folder. */
  undo: z
    .object({
      setAsideAt: isoDateTimeSchema,
      restoredBundle: z.string(),
      restoredBundleCreatedAt: isoDateTimeSchema.nullable(),
    })
    .nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const bundleListSchema = z.object({
  destination: z.string().nullable(),
  /** False when the folder is not there (an unplugged drive) or cannot be read. */
  available: z.boolean(),
  bundles: z.array(bundleSummarySchema),
  /** Folders left by a backup that stopped part-way; they never count and are cleaned up by pruning. */
  unfinished: z.number().int().min(0),
});

const partCheckSchema = z.object({ tables: z.number().int().min(0), rows: z.number().int().min(0) });

export const checkResultSchema = z.object({
  bundle: bundleSummarySchema,
  checkedAt: isoDateTimeSchema,
  /** Both records files together. */
  tables: z.number().int().min(0),
  rows: z.number().int().min(0),
  /** Each records file: the main one, and the clinical one (null: the bundle has none; 'notChecked': no clinical key was at hand). */
  parts: z.object({ main: partCheckSchema, clinical: z.union([partCheckSchema, z.literal('notChecked')]).nullable() }).optional(),
});

export const restorePreviewSchema = z.object({
  bundle: bundleSummarySchema,
  /** Counts of what the restore brings back, as recorded when the backup was made. */
  counts: z.object({ people: z.number().int(), contacts: z.number().int(), staff: z.number().int() }),
  /** Who can sign in after the restore, with the passwords they had when the backup was made. */
  staff: z.array(z.object({ username: z.string(), displayName: z.string(), role: roleSchema, disabled: z.boolean() })),
  /** The backup comes from an older Doorway; its records are updated when it is first opened. */
  olderSchema: z.boolean(),
});

export const restoreResultSchema = z.object({
  restoredBundle: bundleNameSchema,
  restoredBundleCreatedAt: isoDateTimeSchema,
  /** Where the replaced vault was set aside, inside the data folder (null when there was none). */
  setAsideAs: z.string().nullable(),
});

export const pruneResultSchema = z.object({
  removed: z.array(bundleNameSchema),
  kept: z.array(bundleNameSchema),
  unfinishedRemoved: z.number().int().min(0),
});

const nothing = z.strictObject({});

export const backupChannels = {
  'backup.status': channel({ input: nothing, output: backupStatusSchema, access: ADMIN_ONLY }),
  'backup.updateSettings': channel({ input: backupSettingsInputSchema, output: backupSettingsSchema, access: ADMIN_ONLY }),
  'backup.list': channel({ input: nothing, output: bundleListSchema, access: ADMIN_ONLY }),
  /** Back up now: writes, verifies and marks a bundle, then applies the retention policy. */
  'backup.create': channel({ input: nothing, output: bundleSummarySchema, access: ADMIN_ONLY }),
  'backup.verify': channel({ input: z.strictObject({ bundle: bundleNameSchema }), output: checkResultSchema, access: ADMIN_ONLY }),
  /** Verify, then show what a restore would bring back. Changes nothing. */
  'backup.preview': channel({ input: z.strictObject({ bundle: bundleNameSchema }), output: restorePreviewSchema, access: ADMIN_ONLY }),
  /** Sets the current vault aside (undoable), puts the bundle in its place and ends the session. */
  'backup.restore': channel({
    input: z.strictObject({ bundle: bundleNameSchema, confirm: z.literal(true, says('backup.input.confirmRestore')) }),
    output: restoreResultSchema,
    access: ADMIN_ONLY,
  }),
  'backup.undoRestore': channel({
    input: z.strictObject({ confirm: z.literal(true, says('backup.input.confirmUndo')) }),
    output: z.object({ setAsideAs: z.string().nullable() }),
    access: ADMIN_ONLY,
  }),
  /** Restore drill: restores the newest verified bundle into a temporary folder, checks it, deletes it. */
  'backup.drill': channel({ input: nothing, output: drillRecordSchema, access: ADMIN_ONLY }),
  'backup.prune': channel({ input: nothing, output: pruneResultSchema, access: ADMIN_ONLY }),
};

export interface BackupProgress {
  operation: BackupOperation;
  phase: BackupPhase;
  /** Bytes done and in all, or 0 and 0 while a step has no measure (the page-by-page check). */
  done: number;
  total: number;
}
