/**
 * Every call across the IPC contract answers with a Result, never a thrown error, so the renderer
 * can always show a clear message and nothing is left half-done behind an exception.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'SIGN_IN_FAILED',
  'THROTTLED',
  'ACCOUNT_DISABLED',
  'PASSWORD_CHANGE_REQUIRED',
  'VAULT_EXISTS',
  'NO_VAULT',
  'KEYSLOTS_DAMAGED',
  /** The data folder (or a file in it) cannot be read by this computer's account. */
  'DATA_FOLDER_UNREADABLE',
  /** The data folder is read-only here (a locked drive, a folder without write permission). */
  'DATA_FOLDER_READ_ONLY',
  'DATABASE_MISSING',
  'DATABASE_DAMAGED',
  'SCHEMA_TOO_NEW',
  'RECOVERY_CODE_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  /** The backup folder is missing, full, or cannot be written. */
  'BACKUP_DESTINATION',
  /** A backup bundle failed its check (damaged, incomplete, changed, or from another vault). */
  'BACKUP_INVALID',
  /** The clinic hub (PostgreSQL) can't be reached just now; nothing was saved, and Doorway reconnects by itself. */
  'HUB_UNREACHABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Seconds to wait before trying again (THROTTLED only). */
  retryAfterSeconds?: number;
  /** Per-field messages for forms (INVALID_INPUT only), keyed by dotted path, e.g. `admin.password`. */
  fields?: Record<string, string>;
  /** The record already holding a unique value (CONFLICT only), e.g. the person with that client code. */
  conflictId?: number;
  /**
   * HUB_UNREACHABLE only: the hub went away while confirming a save, so it may have been kept. The
   * form then asks to look before saving again, never simply "save again" (a contact entered twice).
   */
  uncertain?: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, extra: Partial<AppError> = {}): Result<T> => ({
  ok: false,
  error: { code, message, ...extra },
});
