import type { Command } from '../command';
import { demoCommand } from './demo';
import { exportKeyCommand } from './export-key';
import { initCommand } from './init';
import { statusCommand } from './status';

/** Every command of the command line, in the order help lists them. Adding a command means adding it here. */
export const commands: readonly Command[] = [initCommand, statusCommand, exportKeyCommand, demoCommand];
