import { messageText, type Message, type MessageKey, type MessageParams } from './messages';
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
  /** Core's words in English: for logs, the command line and tests. Staff read `key` in their own language. */
  message: string;
  /** What to say, in each person's language (shared/messages). Missing only on errors the renderer makes itself. */
  key?: MessageKey;
  params?: MessageParams;
  /** Seconds to wait before trying again (THROTTLED only). */
  retryAfterSeconds?: number;
  /** Per-field messages for forms (INVALID_INPUT only), keyed by dotted path, e.g. `admin.password`. */
  fields?: Record<string, string>;
  /** The same per-field messages as keys, for the renderer to say in the staff member's language. */
  fieldMessages?: Record<string, Message>;
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
/** What may come with a refusal besides its message; field messages are given as messages, like the refusal itself. */
export interface ErrorExtra {
  retryAfterSeconds?: number;
  fields?: Readonly<Record<string, Message>>;
  conflictId?: number;
  uncertain?: boolean;
}

/** A refusal as it crosses to the renderer: the message as a key with its English words beside it. */
export function appError(code: ErrorCode, message: Message, extra: ErrorExtra = {}): AppError {
  const { fields, ...rest } = extra;
  const error: AppError = { code, message: messageText(message), key: message.key, ...rest };
  if (message.params) error.params = message.params;
  if (fields) {
    error.fields = Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, messageText(m)]));
    error.fieldMessages = { ...fields };
  }
  return error;
}

export const fail = <T = never>(code: ErrorCode, message: Message, extra: ErrorExtra = {}): Result<T> => ({
  ok: false,
  error: appError(code, message, extra),
});
