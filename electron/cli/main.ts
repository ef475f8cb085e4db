import { EXIT, guardOutput } from './io';
import { terminalPrompt } from './prompt';
import { runCli } from './run';

// Secrets are asked for only when a person is at a terminal; scheduled tasks use the environment.
const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);

// A closed pipe or a full disk on stdout ends with one message on stderr and exit 1, not a stack trace.
const output = guardOutput(process.stdout, process.stderr);
// A write error can arrive after the command has finished; it still makes the exit code 1.
process.stdout.on('error', () => {
  process.exitCode = EXIT.failed;
});

runCli(process.argv.slice(2), {
  env: process.env,
  stdout: output.stdout,
  stderr: process.stderr,
  promptSecret: interactive ? terminalPrompt(process.stdin, process.stderr) : undefined,
}).then(
  (code) => {
    process.exitCode = output.finish(code);
  },
  (e: unknown) => {
    process.stderr.write(`Doorway's command line stopped unexpectedly: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
