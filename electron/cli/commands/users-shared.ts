import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../shared/result';
import { createDoorway, type Router } from '../../core';
import type { SpecContext } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { refusedAgain, UsageError } from '../errors';
import { readSecret } from '../secrets';
import { HUB_FLAG, hubTarget, whereRecordsAre } from './hub-shared';

/** Where the records are, for every `users` command: a data folder, or the clinic hub (one of the two). */
export const WHERE_FLAGS = {
  'data-dir': { type: 'string', placeholder: 'DIR', env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
  hub: HUB_FLAG,
} as const;

export const ADMIN_USER_FLAG = {
  type: 'string',
  placeholder: 'ADMIN',
  required: true,
  description: 'Your staff username (an administrator).',
} as const;

export const SECRET_NOTE = 'Your password comes from DOORWAY_PASSWORD, or is asked for (hidden) in a terminal.';

/**
 * Signs in as the administrator through the core (on this computer's vault or on the clinic hub) (the app's own checks, and the sign-in is audited),
 * then hands the router to `work`, so every change goes through the same channels as the Staff screen:
 * the same role check, rules, refusals and audit events. The core is always closed (locked) after.
 */
export async function asAdministrator<T>(values: { 'data-dir'?: string; hub?: string; user: string }, ctx: SpecContext, command: string, work: (router: Router) => Promise<T>): Promise<T> {
  const where = whereRecordsAre(values, command);
  const hub = 'hub' in where ? hubTarget(where.hub, command) : undefined;
  let dataDir: string;
  let scratch: string | null = null;
  if (hub) {
    // On the hub the records are the server's; this run's own folder holds only its sign-in counters.
    scratch = mkdtempSync(join(tmpdir(), 'doorway-cli-'));
    dataDir = scratch;
  } else {
    const paths = dataFolder((where as { dataDir: string }).dataDir);
    requireVault(paths);
    dataDir = paths.dir;
  }
  try {
    const password = await readSecret(ctx.io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${values.user}: `, command });
    const { core, router } = createDoorway({ dataDir, kdfCost: ctx.options.kdfCost, hub });
    try {
      await core.signIn(values.user, password);
      return await work(router);
    } finally {
      core.close();
    }
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** A router answer, or the app's own refusal as the command's failure (exit 1; exit 2 for input the app would not take). */
export function answer<T>(result: Result<T>, command: string): T {
  if (result.ok) return result.value;
  const { code, message } = result.error;
  const nothing = /Nothing was changed\./.test(message) ? '' : ' Nothing was changed.';
  switch (code) {
    case 'INVALID_INPUT':
      throw new UsageError(`${message}${nothing}`, command);
    case 'FORBIDDEN':
      throw refusedAgain(result.error, 'staffForbidden');
    case 'PASSWORD_CHANGE_REQUIRED':
      throw refusedAgain(result.error, 'appPasswordFirst');
    default:
      throw refusedAgain(result.error);
  }
}
