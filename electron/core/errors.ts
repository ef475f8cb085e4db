import type { AppError, ErrorCode } from '../../shared/result';

/**
 * Thrown inside core when an operation must stop with a message for the person. The router turns it
 * into `{ok:false,error}`; anything else thrown becomes a generic INTERNAL error and is logged.
 */
export class DoorwayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Partial<AppError> = {},
  ) {
    super(message);
    this.name = 'DoorwayError';
  }

  toAppError(): AppError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const SIGN_IN_FAILED_MESSAGE = "That username and password don't match. Check both and try again.";
