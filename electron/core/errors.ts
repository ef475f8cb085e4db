import type { Message } from '../../shared/messages';
import { appError, type AppError, type ErrorCode, type ErrorExtra } from '../../shared/result';
import { messageText, msg } from '../../shared/messages';

/**
 * Thrown inside core when an operation must stop with a message for the person. The router turns it
 * into `{ok:false,error}`; anything else thrown becomes a generic INTERNAL error and is logged. The
 * message is a key (shared/messages), so the renderer says it in the staff member's language; the
 * Error's own message is the English, for logs and the command line.
 */
export class DoorwayError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly said: Message,
    readonly extra: ErrorExtra = {},
  ) {
    super(messageText(said));
    this.name = 'DoorwayError';
  }

  toAppError(): AppError {
    return appError(this.code, this.said, this.extra);
  }
}

/** One answer for a wrong username and a wrong password, so neither can be guessed on its own. */
export const SIGN_IN_FAILED = msg('access.signInFailed');
