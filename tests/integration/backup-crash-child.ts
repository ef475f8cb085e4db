/**
 * Runs the command line in a child process for the kill -9 tests (backup-crash.test.ts):
 *   tsx backup-crash-child.ts STEP SIGNAL_FILE -- <command line arguments>
 * When the backup or restore reaches STEP, it writes SIGNAL_FILE and blocks (synchronously, so
 * nothing else runs), waiting to be killed.
 */
import { writeFileSync } from 'node:fs';
import { runCli } from '../../electron/cli/run';

const [stopAt, signalFile, separator, ...argv] = process.argv.slice(2);
if (!stopAt || !signalFile || separator !== '--') {
  process.stderr.write('usage: backup-crash-child.ts STEP SIGNAL_FILE -- ARGS...\n');
  process.exit(2);
}

const blockForever = () => {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0, 60_000);
};

runCli(
  argv,
  { env: process.env, stdout: process.stdout, stderr: process.stderr },
  {
    kdfCost: { N: 1024 },
    backupHooks: {
      step: (name) => {
        if (name !== stopAt) return;
        writeFileSync(signalFile, name);
        blockForever();
      },
    },
  },
).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
