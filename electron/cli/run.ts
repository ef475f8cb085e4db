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

/**
 * The commands whose names start with the given words, when those words are a group's name
 * ("backup", "users", "audit") rather than a whole command; empty otherwise.
 */
function groupMembers(words: readonly string[], commands: readonly Command[]): Command[] {
  if (words.length === 0) return [];
  return commands.filter((c) => {
    const name = c.name.split(' ');
    return name.length > words.length && words.every((w, i) => name[i] === w);
  });
}

/** Usage of a group of commands: what each does and how to see one's options. */
export function groupUsage(group: string, members: readonly Command[]): string {
  const width = Math.max(...members.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} ${group} <command> [options]`,
    '',
    'Commands:',
    ...members.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `For one command's options: ${PROGRAM} help ${group} <command>`,
  ].join('\n');
}

/** The leading words of argv that name a group, with its commands, or null. */
function findGroup(argv: readonly string[], commands: readonly Command[]): { name: string; members: Command[]; words: number } | null {
  const words: string[] = [];
  let found: { name: string; members: Command[]; words: number } | null = null;
  for (const word of argv) {
    if (word.startsWith('-')) break;
    words.push(word);
    const members = groupMembers(words, commands);
    if (members.length === 0) break;
    found = { name: words.join(' '), members, words: words.length };
  }
  return found;
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
    const group = findGroup(rest, commands);
    if (!found && group && group.words === rest.length) {
      line(io.stdout, groupUsage(group.name, group.members));
      return EXIT.ok;
    }
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
    const group = findGroup(argv, commands);
    if (group) {
      const after = argv.slice(group.words);
      // `backup`, `backup --help`: the group's commands. `backup nonsense`: the same list, as a mistake.
      if (after.length === 0 || (after.length === 1 && (after[0] === '--help' || after[0] === '-h'))) {
        line(io.stdout, groupUsage(group.name, group.members));
        return EXIT.ok;
      }
      line(io.stderr, `There is no command "${group.name} ${after[0] ?? ''}".`);
      line(io.stderr);
      line(io.stderr, groupUsage(group.name, group.members));
      return EXIT.usage;
    }
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
