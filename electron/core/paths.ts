import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the data lives: `--data-dir`, else DOORWAY_DATA_DIR, else the fallback given by the caller
 * (Electron's user-data folder in the app).
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback?: string): string {
  const i = argv.indexOf('--data-dir');
  const fromFlag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  return fromFlag || env.DOORWAY_DATA_DIR || fallback || join(homedir(), '.doorway');
}
