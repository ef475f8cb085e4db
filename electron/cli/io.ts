import type { BackupHooks } from '../core/backup/access';
import type { KdfCost } from '../core/vault/vault';

/** Where a command writes; tests pass collectors, main passes the process streams. */
export interface Writer {
  write(text: string): unknown;
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: Writer;
  stderr: Writer;
  /**
   * Asks for a secret without echoing it. Absent when nobody is at a terminal (a scheduled task, a
   * pipe): commands then take secrets only from the environment and say so when they are missing.
   */
  promptSecret?: (question: string) => Promise<string>;
}

export interface CliOptions {
  /** Tests only: a cheaper key derivation for vaults the tests create. The command line never sets it. */
  kdfCost?: KdfCost;
  /** Tests only: stops a backup or restore at a named step, for the kill -9 tests. The command line never sets it. */
  backupHooks?: BackupHooks;
  /** Tests only, which run as root: the hub's own server runs as the `postgres` user (hub/server.ts runAs). The command line never sets it. */
  hubServerRunAs?: 'postgres';
}

export const line = (w: Writer, text = ''): void => {
  w.write(`${text}\n`);
};

/** Exit codes: 0 done, 1 the operation could not be done, 2 the command was not called correctly. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** What main.ts's standard output looks like to the guard: a writable stream that reports errors. */
export interface GuardedStream extends Writer {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

function outputFailureMessage(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'unknown error';
  const why =
    error.code === 'EPIPE'
      ? 'the program reading it stopped before the end'
      : error.code === 'ENOSPC'
        ? 'the disk it goes to is full'
        : 'the place it goes to refused it';
  return `Doorway could not write its output (${code}): ${why}. The output is incomplete.`;
}

/**
 * Standard output that can fail: a pipe closed early (`| head -1`, EPIPE) or a full disk
 * (`> /dev/full`, ENOSPC). Without a listener Node throws such errors with a stack trace. The guard
 * catches them, drops further output, and says so once on stderr; `finish` turns the exit code into
 * 1 when output was lost, so a script knows.
 */
export function guardOutput(stream: GuardedStream, stderr: Writer): { stdout: Writer; finish(code: number): number } {
  let failure: NodeJS.ErrnoException | undefined;
  let told = false;
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    if (!told) {
      told = true;
      line(stderr, outputFailureMessage(failure));
    }
  };
  stream.on('error', fail);
  return {
    stdout: {
      write(text: string) {
        if (failure) return false;
        try {
          return stream.write(text);
        } catch (e) {
          fail(e);
          return false;
        }
      },
    },
    finish: (code) => (failure && code === EXIT.ok ? EXIT.failed : code),
  };
}
