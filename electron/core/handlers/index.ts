import { auditHandlers } from '../audit/handlers';
import { backupHandlers } from '../backup/handlers';
import { continuityHandlers } from '../continuity/handlers';
import { draftHandlers } from '../drafts/handlers';
import { hubHandlers } from '../hub/handlers';
import { importHandlers } from '../import/handlers';
import { ownRecordHandlers } from '../own-record/handlers';
import { recordHandlers } from '../records/handlers';
import { reportHandlers } from '../reports/handlers';
import type { Handlers } from '../router';
import { sessionHandlers } from '../session/handlers';
import { settingsHandlers } from '../settings/handlers';
import { setupHandlers } from '../setup/handlers';
import { userHandlers } from '../users/handlers';

/** Each feature owns its handlers; this only combines them into the one table the router checks. `satisfies` makes a missing channel a type error. */
export const handlers = {
  ...setupHandlers,
  ...sessionHandlers,
  ...settingsHandlers,
  ...recordHandlers,
  ...draftHandlers,
  ...continuityHandlers,
  ...userHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...hubHandlers,
  ...importHandlers,
  ...reportHandlers,
  ...ownRecordHandlers,
} satisfies Handlers;
