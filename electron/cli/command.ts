import { parseArgs } from 'node:util';
import { UsageError } from './errors';
import { EXIT, line, type CliIo, type CliOptions } from './io';

/** The command line's name as people type it; shown in usage text. */
export const PROGRAM = 'npm run cli --';

interface FlagBase {
  description: string;
}
export interface StringFlag extends FlagBase {
  type: 'string';
  /** Placeholder in usage text, e.g. DIR. */
  placeholder: string;
  required?: boolean;
  /** An environment variable used when the flag is not given. */
  env?: string;
}
export interface BooleanFlag extends FlagBase {
  type: 'boolean';
}
export type FlagSpec = StringFlag | BooleanFlag;
export type FlagSpecs = Record<string, FlagSpec>;

/** Parsed flag values, typed from the command's flag list: required strings are always present. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K] extends BooleanFlag ? boolean : F[K] extends { required: true } ? string : string | undefined;
};

export interface CommandContext {
  io: CliIo;
  options: CliOptions;
}

/** One entry of the command list; `name` may have several words (e.g. "backup create"). */
export interface Command {
  name: string;
  summary: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
  usage(): string;
}

/** A value given by position after the command's name, e.g. BUNDLE in `backup verify BUNDLE`. */
export interface OperandSpec {
  placeholder: string;
  description: string;
}

export interface SpecContext extends CommandContext {
  /** The operands, in the order the spec lists them; always exactly as many as it lists. */
  operands: string[];
}

export interface CommandSpec<F extends FlagSpecs> {
  name: string;
  summary: string;
  flags: F;
  /** Required values by position, before or among the options. */
  operands?: readonly OperandSpec[];
  /** Extra help paragraphs, e.g. where a secret comes from. */
  notes?: string[];
  run(values: FlagValues<F>, ctx: SpecContext): Promise<number>;
}

function synopsis(name: string, flags: FlagSpecs, operands: readonly OperandSpec[] = []): string {
  const parts = Object.entries(flags).map(([key, f]) => {
    const text = f.type === 'string' ? `--${key} ${f.placeholder}` : `--${key}`;
    return f.type === 'string' && f.required ? text : `[${text}]`;
  });
  return [PROGRAM, name, ...operands.map((o) => o.placeholder), ...parts].join(' ');
}

function usageText(spec: CommandSpec<FlagSpecs>): string {
  const operandRows = (spec.operands ?? []).map((o) => [o.placeholder, o.description]);
  const rows = Object.entries(spec.flags).map(([key, f]) => [f.type === 'string' ? `--${key} ${f.placeholder}` : `--${key}`, f.description]);
  const width = Math.max(...[...operandRows, ...rows].map(([left]) => left!.length));
  return [
    `Usage: ${synopsis(spec.name, spec.flags, spec.operands)}`,
    '',
    spec.summary,
    ...(operandRows.length ? ['', 'Arguments:', ...operandRows.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`)] : []),
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left!.padEnd(width)}  ${right}`),
    ...(spec.notes?.length ? ['', ...spec.notes] : []),
  ].join('\n');
}

/** Turns node's parseArgs errors into sentences that name the flag and what to do about it. */
function explainParseError(commandName: string, e: unknown): UsageError {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const flag = quoted.split(' ')[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`"${commandName}" has no option ${flag}.`, commandName);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take')
        ? new UsageError(`${flag} does not take a value.`, commandName)
        : new UsageError(`${flag} needs a value after it.`, commandName);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(
        `"${flag}" is not an option of "${commandName}". Values go right after their option; put a value with spaces in quotes.`,
        commandName,
      );
    default:
      return new UsageError(message, commandName);
  }
}

/**
 * Builds a command from its flag list: strict parsing, `--help`, required flags and environment
 * fallbacks are handled here once, so each command only does its own job with typed values.
 */
export function defineCommand<const F extends FlagSpecs>(spec: CommandSpec<F>): Command {
  const erased = spec as unknown as CommandSpec<FlagSpecs>;
  return {
    name: spec.name,
    summary: spec.summary,
    usage: () => usageText(erased),
    async run(args, ctx) {
      const options = Object.fromEntries(Object.entries(spec.flags).map(([key, f]) => [key, { type: f.type }]));
      const wanted = spec.operands ?? [];
      let parsed: Record<string, string | boolean | undefined>;
      let positionals: string[];
      try {
        const result = parseArgs({
          args,
          options: { ...options, help: { type: 'boolean', short: 'h' } },
          strict: true,
          allowPositionals: wanted.length > 0,
        });
        parsed = result.values as Record<string, string | boolean | undefined>;
        positionals = result.positionals;
      } catch (e) {
        throw explainParseError(spec.name, e);
      }
      if (parsed.help) {
        line(ctx.io.stdout, usageText(erased));
        return EXIT.ok;
      }
      const values: Record<string, string | boolean | undefined> = {};
      const missing: string[] = [];
      for (const [key, f] of Object.entries(spec.flags)) {
        if (f.type === 'boolean') {
          values[key] = parsed[key] === true;
          continue;
        }
        const given = parsed[key];
        const fromEnv = f.env ? ctx.io.env[f.env] : undefined;
        const value = typeof given === 'string' && given !== '' ? given : fromEnv || undefined;
        if (value === undefined && f.required) missing.push(`--${key} ${f.placeholder}${f.env ? ` (or ${f.env})` : ''}`);
        values[key] = value;
      }
      if (positionals.length > wanted.length) {
        throw new UsageError(
          `"${positionals[wanted.length]}" is not an option of "${spec.name}". Values go right after their option; put a value with spaces in quotes.`,
          spec.name,
        );
      }
      missing.unshift(...wanted.slice(positionals.length).map((o) => `${o.placeholder} (${o.description.replace(/\.$/, '').toLowerCase()})`));
      if (missing.length > 0) {
        throw new UsageError(`Missing ${missing.join(', ')}.`, spec.name);
      }
      return spec.run(values as FlagValues<F>, { ...ctx, operands: positionals });
    },
  };
}
