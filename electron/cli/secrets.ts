import { CliFailure, UsageError } from './errors';
import type { CliIo } from './io';

export interface SecretSource {
  /** Environment variable for scheduled tasks and scripts. */
  env: string;
  /** What the secret is, in words: "password", "recovery code". */
  what: string;
  prompt: string;
  /** Ask twice when typed, because a typo in a hidden new password would lock its owner out. */
  confirm?: string;
  command: string;
}

/**
 * Secrets never come from flags (they would sit in shell history and the process list): from the
 * environment, or typed at a terminal without echo.
 */
export async function readSecret(io: CliIo, source: SecretSource): Promise<string> {
  const fromEnv = io.env[source.env];
  if (fromEnv) return fromEnv;
  if (!io.promptSecret) {
    throw new UsageError(
      `No ${source.what} was given. Set ${source.env}, or run this command in a terminal to type it (it is not shown as you type).`,
      source.command,
    );
  }
  const typed = await io.promptSecret(source.prompt);
  if (!typed) throw new CliFailure(`No ${source.what} was typed. Nothing was changed.`);
  if (source.confirm) {
    const again = await io.promptSecret(source.confirm);
    if (again !== typed) throw new CliFailure(`The two ${source.what}s are not the same. Nothing was changed; please run the command again.`);
  }
  return typed;
}
