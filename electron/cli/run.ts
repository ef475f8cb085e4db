import { DoorwayError } from '../core/errors';
import { PROGRAM, type Command } from './command';
import { commands as allCommands } from './commands';
import { CliFailure, UsageError } from './errors';
import { EXIT, line, type CliIo, type CliOptions } from './io';

/** Finds the command named by the first words of argv, preferring the longest name ("backup restore" over "backup"). */
function findCommand(argv: readonly string[], commands: readonly Command[]): { command: Command; words: number } | null {
  let best: { command: Command; words: number } | null = null;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.words)) best = { command, words: words.length };
  }
  return best;
}

export function generalUsage(commands: readonly Command[] = allCommands): string {
  const width = Math.max('help'.length, ...commands.map((c) => c.name.length));
  return [
    "Doorway's command line for administrators.",
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show this help, or the help for one command: help <command>`,
    '',
    'The data folder comes from --data-dir or DOORWAY_DATA_DIR. Passwords and recovery codes are never',
    'given as options: they come from DOORWAY_PASSWORD and DOORWAY_RECOVERY_CODE, or are asked for',
    '(hidden) when the command runs in a terminal.',
    '',
    'Exit codes: 0 done, 1 could not be done, 2 the command was not called correctly.',
  ].join('\n');
}

function report(e: unknown, io: CliIo, command: Command): number {
  if (e instanceof UsageError) {
    line(io.stderr, e.message);
    line(io.stderr);
    line(io.stderr, command.usage());
    return EXIT.usage;
  }
  if (e instanceof CliFailure || e instanceof DoorwayError) {
    line(io.stderr, e.message);
    return EXIT.failed;
  }
  // Anything else comes from the system (a full disk, a folder without permission): say what it said.
  const detail = e instanceof Error ? e.message : String(e);
  line(io.stderr, `Doorway could not finish "${command.name}": ${detail}`);
  return EXIT.failed;
}

/**
 * The whole command line as a function: argv without the program name, streams and environment in,
 * exit code out. main.ts wires it to the process; tests call it directly.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: CliOptions = {},
  commands: readonly Command[] = allCommands,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    line(io.stderr, generalUsage(commands));
    return EXIT.usage;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    if (rest.length === 0) {
      line(io.stdout, generalUsage(commands));
      return EXIT.ok;
    }
    const found = findCommand(rest, commands);
    if (!found) {
      line(io.stderr, `There is no command "${rest.join(' ')}".`);
      line(io.stderr);
      line(io.stderr, generalUsage(commands));
      return EXIT.usage;
    }
    line(io.stdout, found.command.usage());
    return EXIT.ok;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    line(io.stderr, `There is no command "${first}".`);
    line(io.stderr);
    line(io.stderr, generalUsage(commands));
    return EXIT.usage;
  }
  try {
    return await found.command.run(argv.slice(found.words), { io, options });
  } catch (e) {
    return report(e, io, found.command);
  }
}
