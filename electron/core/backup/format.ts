import { z } from 'zod';
import { BACKUP_VIA, BUNDLE_NAME_PATTERN } from '../../../shared/contract/backup';

/**
 * The bundle on disk. A folder rather than one archive file, because each part stays a standard file:
 * the records are a plain SQLCipher 4 database that opens with the raw key and standard tools (no
 * lock-in), each part has its own SHA-256, and the folder appears in one atomic rename.
 *
 *   doorway-backup-20260102T030405Z-1a2b3c4d/
 *     doorway.db      encrypted copy of the main records (same key and SQLCipher 4 settings as the vault)
 *     clinical.db     encrypted copy of the clinical records, under the clinical key, taken at the same
 *                     moment as doorway.db (absent in bundles of a vault from before the clinical store)
 *     keyslots.json   the key slots of that moment: the passwords of that time open it
 *     manifest.json   what, when, from which vault; SHA-256 of each part; sealed with an HMAC
 *     verified.json   written only after the full check passed (its own HMAC); absent = unverified
 */
export const DB_PART = 'doorway.db';
export const KEYSLOTS_PART = 'keyslots.json';
export const MANIFEST_FILE = 'manifest.json';
export const VERIFIED_FILE = 'verified.json';
/** The clinical store (vault/vault.ts CLINICAL_DB_FILE): its own file under its own key, in the bundle as on disk. */
export const CLINICAL_PART = 'clinical.db';
export const BUNDLE_PARTS = [DB_PART, KEYSLOTS_PART, CLINICAL_PART] as const;
/** Every bundle holds these; the clinical part only when the vault had a clinical store. */
export const REQUIRED_PARTS = [DB_PART, KEYSLOTS_PART] as const;

export const BUNDLE_PREFIX = 'doorway-backup-';
/** A bundle being written; never listed as a backup, removed by pruning once its writer is gone. */
export const PARTIAL_PATTERN = /^\.doorway-backup-(\d{8}T\d{6}Z)-([0-9a-f]{8})\.partial$/;
/** A bundle being deleted by pruning: renamed first, so a half-deleted folder never looks like a backup. */
export const DELETING_SUFFIX = '.deleting';
export const OWNER_FILE = 'owner.json';

export { BUNDLE_NAME_PATTERN };

/** 2026-01-02T03:04:05.678Z -> 20260102T030405Z */
export function compactUtc(iso: string): string {
  return iso.slice(0, 19).replace(/[-:]/g, '') + 'Z';
}

/** 20260102T030405Z -> 2026-01-02T03:04:05.000Z */
export function expandUtc(compact: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(compact);
  if (!m) throw new Error(`not a compact UTC time: ${compact}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
}

export function bundleName(createdAt: string, bundleId: string): string {
  return `${BUNDLE_PREFIX}${compactUtc(createdAt)}-${bundleId.slice(0, 8)}`;
}

export const partialName = (name: string) => `.${name}.partial`;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9+/=]+$/);

export const partSchema = z.strictObject({
  name: z.enum(BUNDLE_PARTS),
  bytes: z.number().int().min(0),
  sha256: hex64,
});
export type Part = z.infer<typeof partSchema>;

/** Encrypted with a key derived from the data key: who made the backup and what it holds are not for anyone holding the drive. */
export const sealedBoxSchema = z.strictObject({ iv: b64, tag: b64, data: b64 });
export type SealedBox = z.infer<typeof sealedBoxSchema>;

export const privatePartSchema = z.strictObject({
  madeBy: z.strictObject({
    id: z.number().int().nullable(),
    username: z.string().nullable(),
    displayName: z.string().nullable(),
    via: z.enum(BACKUP_VIA),
  }),
  /**
   * Rows per table, counted inside the snapshot while it was copied: only in bundles made by earlier
   * versions. Since the fingerprints prove a copy holds exactly the pinned bytes, counting the source
   * as well as the copy was the same work twice; newer bundles are counted once, by the check right
   * after writing, and those counts are sealed in the verified mark (`countsPartSchema`).
   */
  rowCounts: z.record(z.string(), z.number().int().min(0)).optional(),
  /** The clinical store's rows per table, likewise (only with `rowCounts`, and only for a pinned clinical part). */
  clinicalRowCounts: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type PrivatePart = z.infer<typeof privatePartSchema>;

/** Rows per table of a bundle's records files, as counted: the main one, and the clinical one once it was read with its key. */
export const countsPartSchema = z.strictObject({
  main: z.record(z.string(), z.number().int().min(0)),
  clinical: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type CountsPart = z.infer<typeof countsPartSchema>;

export const manifestSchema = z.strictObject({
  format: z.literal('doorway-backup'),
  version: z.literal(1),
  bundleId: z.uuid(),
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(50),
  schemaVersion: z.number().int().min(0),
  vaultId: z.uuid(),
  parts: z
    .array(partSchema)
    .min(REQUIRED_PARTS.length)
    .max(BUNDLE_PARTS.length)
    .refine((parts) => new Set(parts.map((p) => p.name)).size === parts.length && REQUIRED_PARTS.every((n) => parts.some((p) => p.name === n))),
  /**
   * The clinical part, when there is one: how it was copied and its schema version.
   *   pinned: by a session holding the clinical key, pinned in the same instant as the main file (so the
   *     two are a pair), its rows counted and its pages checked with that key after writing;
   *   asIs: by a session without the clinical key (front desk, the daily schedule): the file copied byte
   *     for byte while no connection could write it, its pages left for the next check with the key.
   */
  clinical: z
    .strictObject({
      copy: z.enum(['pinned', 'asIs']),
      schemaVersion: z.number().int().min(0).optional(),
      /**
       * The commit counts that tie the two files together (data/sqlite-pair.ts), as read when the copy
       * was made: the main file's always, the clinical file's when it was pinned with its key. The check
       * finds exactly these in the copies, so a clinical file from another moment never passes as this one.
       */
      mainSeq: z.number().int().min(0),
      clinicalSeq: z.number().int().min(0).optional(),
    })
    .optional(),
  private: sealedBoxSchema,
  /**
   * The audit trail's newest event when the copy was pinned (its id, hash and time), covered by this
   * manifest's seal: the anchor of the trail inside the bundle (core/audit/anchor.ts). Absent in
   * bundles made before anchors existed, which still verify.
   */
  auditHead: z.strictObject({ eventId: z.number().int().min(1), hash: hex64, at: z.string() }).optional(),
  /** HMAC-SHA256 over the canonical manifest without this field, keyed from the data key (HKDF). */
  hmac: hex64,
});
export type Manifest = z.infer<typeof manifestSchema>;

export const verifiedMarkSchema = z.strictObject({
  format: z.literal('doorway-backup-verified'),
  version: z.literal(1),
  bundleId: z.uuid(),
  /** Binds the mark to exactly this manifest. */
  manifestHmac: hex64,
  verifiedAt: z.iso.datetime(),
  tables: z.number().int().min(0),
  rows: z.number().int().min(0),
  /**
   * For a bundle with a clinical part: whether its pages were checked with the clinical key in this
   * check (the part's size and fingerprint always are). Absent for a bundle without a clinical part.
   */
  clinical: z.enum(['checked', 'notChecked']).optional(),
  /**
   * Rows per table as the first check counted them in the copies (`countsPartSchema`), sealed like the
   * manifest's private part: how many people a clinic has is not for anyone holding the drive. Every
   * later check must find the same. Absent in marks written by earlier versions (their manifests hold
   * the counts).
   */
  counts: sealedBoxSchema.optional(),
  hmac: hex64,
});
export type VerifiedMark = z.infer<typeof verifiedMarkSchema>;

/** JSON with object keys sorted at every level and no spaces: the exact bytes an HMAC covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
