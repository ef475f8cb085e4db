import type { Handlers } from '../router';
import { auditHandlers } from './audit';
import { backupHandlers } from './backup';
import { continuityHandlers } from './continuity';
import { recordHandlers } from './records';
import { sessionHandlers } from './session';
import { settingsHandlers } from './settings';
import { setupHandlers } from './setup';
import { userHandlers } from './users';

/** One handler module per feature, combined into one table; `satisfies` makes a missing channel a type error. */
export const handlers = {
  ...setupHandlers,
  ...sessionHandlers,
  ...settingsHandlers,
  ...recordHandlers,
  ...continuityHandlers,
  ...userHandlers,
  ...auditHandlers,
  ...backupHandlers,
} satisfies Handlers;
