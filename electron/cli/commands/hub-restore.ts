import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { postgresData, postgresPool } from '../../core/data/postgres';
import { DoorwayError } from '../../core/errors';
import { restoreBundleOntoHub } from '../../core/hub/restore';
import { unlockWithPassword, unlockWithRecovery, vaultPaths, type Unlocked } from '../../core/vault/vault';
import { defineCommand, type CommandContext } from '../command';
import { CliFailure } from '../errors';
import { msg } from '../../../shared/messages';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';
import { progressLines } from './backup-shared';
import { PG_URL_FLAG, postgresUrl } from './hub-shared';

const NAME = 'hub restore';

export const hubRestoreCommand = defineCommand({
  name: NAME,
  summary: 'Restore a backup onto a clinic hub: a checked bundle becomes the record of an empty hub database (administrators).',
  operands: [{ placeholder: 'BUNDLE', description: 'The backup folder (of a hub, or of one computer).' }],
  flags: {
    'pg-url': { ...PG_URL_FLAG, description: 'postgres://OWNER:PASSWORD@HOST:PORT/DATABASE, as the owner of an empty database.' },
    user: {
      type: 'string',
      placeholder: 'USERNAME',
      description: "An administrator's username as it was when the backup was made (password from DOORWAY_PASSWORD). Without it, the recovery code is used.",
    },
  },
  notes: [
    "The backup's own key slots open it: with --user, that person's password of the time (DOORWAY_PASSWORD); without it, the",
    'recovery code (DOORWAY_RECOVERY_CODE). In a terminal, a missing one is asked for (hidden).',
    'The bundle is checked in full first. Only into a database with no clinic in it: a hub in use is never overwritten.',
    'Every table is counted on both sides; every password of the time of the backup, and the recovery code, open the hub.',
  ],
  async run(values, ctx) {
    const url = postgresUrl(values['pg-url'], '--pg-url', NAME);
    return restoreOntoHub(ctx.operands[0]!, url, values.user, ctx, NAME);
  },
});

/**
 * A checked bundle becomes the record of an empty hub database (`hub restore`, and `backup restore
 * --hub`): opened with an administrator's password of the time (`user`) or the recovery code.
 */
export async function restoreOntoHub(bundle: string, url: URL, user: string | undefined, ctx: Pick<CommandContext, 'io' | 'options'>, command: string): Promise<number> {
  const { io, options } = ctx;
  const dir = resolve(bundle);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliFailure(`There is no backup folder at ${dir}. Nothing was changed.`);
  let unlocked: Unlocked;
  if (user) {
    const password = await readSecret(io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${user}: `, command });
    unlocked = await unlockWithPassword(vaultPaths(dir), user, password, { kdfCost: options.kdfCost });
  } else {
    const code = await readSecret(io, { env: 'DOORWAY_RECOVERY_CODE', what: 'recovery code', prompt: 'Recovery code: ', command });
    unlocked = await unlockWithRecovery(vaultPaths(dir), code);
  }
  const { dataKey, clinicalKey } = unlocked;
  const hub = postgresData(postgresPool({ connectionString: url.toString(), max: 2 }));
  try {
    if (!clinicalKey) {
      throw new DoorwayError('FORBIDDEN', msg('cli.forbidden.restore'));
    }
    const moved = await restoreBundleOntoHub(hub, {
      bundleDir: dir,
      dataKey,
      clinicalKey,
      actor: { id: null, username: user ?? null },
      now: () => new Date(),
      onProgress: progressLines(io),
    });
    const n = (table: string) => (moved.rows[table] ?? 0).toLocaleString('en-US');
    line(io.stdout, `Restored onto the clinic hub at ${url.hostname}:${url.port || '5432'}${url.pathname}: ${n('people')} people, ${n('contacts')} contacts and ${n('audit_events')} audit entries, every table counted on both sides.`);
    line(io.stdout, 'Every password of the time of the backup, and the recovery code, open it. Workstations sign in to it as before once it is the hub they reach.');
    return EXIT.ok;
  } finally {
    dataKey.fill(0);
    clinicalKey?.fill(0);
    unlocked.pending?.dataKey.fill(0);
    unlocked.pending?.clinicalKey?.fill(0);
    await hub.destroy();
  }
}
