import { messageText, msg, type Message } from '../../shared/messages';
import type { AppError } from '../../shared/result';
import { DoorwayError } from '../core/errors';

/** The command was called wrongly (flags, values, no way to get a secret): exit 2 with usage help. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show, if known. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command was called correctly but cannot go ahead (the vault's state, a wrong secret): exit 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** What a command may put around the app's own refusal: each its own sentence in the catalog (shared/messages). */
type AroundRefusal = 'staffForbidden' | 'importForbidden' | 'appPasswordFirst';

/**
 * The app's refusal, said again by a command with its own words around it, ending with "Nothing was
 * changed." once, whether or not the app already said so. The command line is English (issue 13), so
 * the app's English words are the parameter here; the refusal's code stays the app's.
 */
export function refusedAgain(error: Pick<AppError, 'code' | 'message'>, around?: AroundRefusal): DoorwayError {
  const said = around ? messageText(msg(`cli.${around}`, { message: error.message })) : error.message;
  return new DoorwayError(error.code, msg(/Nothing was changed\./.test(said) ? 'cli.said' : 'cli.nothingChanged', { message: said }));
}

/** The app's refusal as it was said: its key when it has one (every refusal from core does). */
export function saidBy(error: AppError): Message {
  return error.key ? msg(error.key, error.params) : msg('cli.said', { message: error.message });
}
