import { UsageError } from '../errors';

/** `--data-dir DIR` of the hub's own server (hub/server.ts): a folder of its own, not a computer's records folder. */
export const SERVER_DIR_FLAG = {
  type: 'string',
  placeholder: 'DIR',
  description: "The clinic hub server's folder (made on first use; not this computer's records folder).",
} as const;

/** A port number given in `--port`, or a usage error that changes nothing. */
export function portNumber(value: string, command: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(`--port: give a port number from 1 to 65535, such as 5433. Nothing was changed.`, command);
  return port;
}
