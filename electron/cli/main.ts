import { terminalPrompt } from './prompt';
import { runCli } from './run';

// Secrets are asked for only when a person is at a terminal; scheduled tasks use the environment.
const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);

runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  promptSecret: interactive ? terminalPrompt(process.stdin, process.stderr) : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Doorway's command line stopped unexpectedly: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
