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
}

export const line = (w: Writer, text = ''): void => {
  w.write(`${text}\n`);
};

/** Exit codes: 0 done, 1 the operation could not be done, 2 the command was not called correctly. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
