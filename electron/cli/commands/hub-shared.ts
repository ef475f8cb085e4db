import type { PostgresTarget } from '../../core/data/postgres';
import { postgresData, postgresPool } from '../../core/data/postgres';
import { signInToHub, type HubSession } from '../../core/hub/session';
import type { CommandContext } from '../command';
import { UsageError } from '../errors';
import { readSecret } from '../secrets';

/** `--hub URL`: a command that opens records does so on the clinic hub instead of a data folder. */
export const HUB_FLAG = {
  type: 'string',
  placeholder: 'URL',
  env: 'DOORWAY_HUB_URL',
  description: "The clinic hub's address (postgres://USER:PASSWORD@SERVER:PORT/DATABASE), instead of --data-dir.",
} as const;

/** `--pg-url URL`: the database's owner, for the commands that make a clinic hub (hub init, hub move). */
export const PG_URL_FLAG = {
  type: 'string',
  placeholder: 'URL',
  required: true,
  env: 'DOORWAY_PG_URL',
  description: "postgres://OWNER:PASSWORD@HOST:PORT/DATABASE, as the database's owner (an empty database).",
} as const;

/** A PostgreSQL address given in `flag`, or a usage error that changes nothing. */
export function postgresUrl(value: string, flag: '--hub' | '--pg-url', command: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return url;
  } catch {
    // Said below.
  }
  throw new UsageError(`${flag}: give a PostgreSQL address such as postgres://user:password@server:5432/clinic. Nothing was changed.`, command);
}

/** The hub's address as a PostgreSQL target. */
export function hubTarget(value: string, command: string): PostgresTarget {
  return { connectionString: postgresUrl(value, '--hub', command).toString(), max: 2 };
}

/** Exactly one of --data-dir and --hub. */
export function whereRecordsAre(values: { 'data-dir'?: string; hub?: string }, command: string): { dataDir: string } | { hub: string } {
  if (values['data-dir'] && values.hub) throw new UsageError('Give either --data-dir DIR or --hub URL, not both. Nothing was changed.', command);
  if (values.hub) return { hub: values.hub };
  if (values['data-dir']) return { dataDir: values['data-dir'] };
  throw new UsageError('Missing --data-dir DIR (or DOORWAY_DATA_DIR), or --hub URL (or DOORWAY_HUB_URL).', command);
}

/** Signs in to the hub as `user` (password from DOORWAY_PASSWORD or a hidden prompt); the caller closes the session. */
export async function openHubSession(hubUrl: string, user: string, ctx: Pick<CommandContext, 'io' | 'options'>, command: string): Promise<HubSession> {
  const target = hubTarget(hubUrl, command);
  const password = await readSecret(ctx.io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${user}: `, command });
  const gate = postgresData(postgresPool(target));
  try {
    return await signInToHub(gate, target, user, password, { kdfCost: ctx.options.kdfCost });
  } finally {
    await gate.destroy();
  }
}

/** Signs in to the hub as `user`, runs `fn`, signs out. */
export async function withHubSession<T>(hubUrl: string, user: string, ctx: CommandContext, command: string, fn: (session: HubSession) => Promise<T>): Promise<T> {
  const session = await openHubSession(hubUrl, user, ctx, command);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
