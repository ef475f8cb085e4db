import type { Handlers } from '../router';
import { continuityHandlers } from './continuity';
import { recordHandlers } from './records';
import { sessionHandlers } from './session';
import { settingsHandlers } from './settings';
import { setupHandlers } from './setup';

/** One handler module per feature, combined into one table; `satisfies` makes a missing channel a type error. */
export const handlers = {
  ...setupHandlers,
  ...sessionHandlers,
  ...settingsHandlers,
  ...recordHandlers,
  ...continuityHandlers,
} satisfies Handlers;
