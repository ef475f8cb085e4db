import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { TEST_KDF } from './vault';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** The command line run in-process with its output collected; cheap key derivation for vaults it makes. */
export async function cliRun(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io, { kdfCost: TEST_KDF });
  return { code, out, err };
}
