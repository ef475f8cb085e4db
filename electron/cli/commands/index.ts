import type { Command } from '../command';
import { auditVerifyCommand } from './audit-verify';
import { backupCreateCommand } from './backup-create';
import { backupDrillCommand } from './backup-drill';
import { backupListCommand } from './backup-list';
import { backupPruneCommand } from './backup-prune';
import { backupRestoreCommand } from './backup-restore';
import { backupVerifyCommand } from './backup-verify';
import { demoCommand } from './demo';
import { exportKeyCommand } from './export-key';
import { hubInitCommand } from './hub-init';
import { hubMoveCommand } from './hub-move';
import { hubPairCommand } from './hub-pair';
import { hubRestoreCommand } from './hub-restore';
import { hubStartCommand } from './hub-start';
import { hubStatusCommand } from './hub-status';
import { hubStopCommand } from './hub-stop';
import { importContactsCommand, importPeopleCommand } from './import';
import { initCommand } from './init';
import { statusCommand } from './status';
import { usersAddCommand } from './users-add';
import { usersDisableCommand } from './users-disable';
import { usersListCommand } from './users-list';

/** Every command of the command line, in the order help lists them. Adding a command means adding it here. */
export const commands: readonly Command[] = [
  initCommand,
  statusCommand,
  exportKeyCommand,
  demoCommand,
  importPeopleCommand,
  importContactsCommand,
  auditVerifyCommand,
  backupCreateCommand,
  backupVerifyCommand,
  backupListCommand,
  backupRestoreCommand,
  backupDrillCommand,
  backupPruneCommand,
  usersAddCommand,
  usersListCommand,
  usersDisableCommand,
  hubInitCommand,
  hubMoveCommand,
  hubStatusCommand,
  hubStartCommand,
  hubStopCommand,
  hubPairCommand,
  hubRestoreCommand,
];
