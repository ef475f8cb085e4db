import { parseArgs } from 'node:util';

export interface PreviewArgs {
  /** 0 asks the OS for a free port. */
  port: number;
  /** Null: use DOORWAY_DATA_DIR, else a fresh folder under the OS temp dir. */
  dataDir: string | null;
  /** Where to write the URL once listening, so a test runner can find a random port. */
  urlFile: string | null;
  /** A clinic hub to work on (postgres://LOGIN:PASSWORD@HOST:PORT/DATABASE), as a joined workstation does; else DOORWAY_HUB_URL. */
  hub: string | null;
}

export type ParsedArgs = { ok: true; args: PreviewArgs } | { ok: false; message: string };

export const USAGE = 'Usage: tsx electron/preview/main.ts [--port N] [--data-dir DIR] [--url-file FILE] [--hub URL]';

export function parsePreviewArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'url-file': { type: 'string' },
        hub: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return { ok: false, message: `${(e as Error).message}\n${USAGE}` };
  }
  const rawPort = values.port ?? '5178';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    return { ok: false, message: `--port takes a number from 0 to 65535 (0 picks a free port), not "${rawPort}".` };
  }
  const dataDir = values['data-dir'] || env.DOORWAY_DATA_DIR || null;
  const hub = values.hub || env.DOORWAY_HUB_URL || null;
  if (hub !== null && !/^postgres(ql)?:\/\//.test(hub)) {
    return { ok: false, message: `--hub takes the hub's address, postgres://login:password@server:5432/database, not "${hub}".` };
  }
  return { ok: true, args: { port, dataDir, urlFile: values['url-file'] ?? null, hub } };
}
