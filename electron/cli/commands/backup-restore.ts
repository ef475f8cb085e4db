import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditActor } from '../../core/audit/audit';
import { restoreBundle } from '../../core/backup/restore';
import { createDoorway } from '../../core';
import { readKeyslots } from '../../core/vault/keyslots';
import { openUnlocked } from '../../core/vault/rotation';
import { prepareDataFolder } from '../../core/data-folder';
import { unlockWithRecovery, vaultPaths, type VaultPaths } from '../../core/vault/vault';
import { defineCommand } from '../command';
import { dataFolder } from '../data-folder';
import { CliFailure } from '../errors';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';
import { progressLines, SECRET_NOTES, USER_FLAG, when } from './backup-shared';

const NAME = 'backup restore';

interface Keys {
  /** The key the bundle was made with. */
  bundleKey: Buffer;
  /** The current vault's key, to make sure nobody has it open; null when there is no vault or it can't be known. */
  currentKey: Buffer | null;
  vaultId: string | undefined;
  actor: AuditActor;
}

/** An administrator of the current vault: its key is the one the bundle must have been made with. */
async function keysByPassword(paths: VaultPaths, user: string, ctx: Parameters<typeof backupRestoreCommand.run>[1]): Promise<Keys> {
  if (!prepareDataFolder(paths).vaultExists) {
    throw new CliFailure(`There is no vault in ${paths.dir} to sign in to. To restore into an empty folder, use the recovery code (leave out --user).`);
  }
  const password = await readSecret(ctx.io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${user}: `, command: NAME });
  const { core } = createDoorway({ dataDir: paths.dir, kdfCost: ctx.options.kdfCost });
  try {
    const session = await core.signIn(user, password);
    if (session.user.role !== 'administrator') {
      throw new CliFailure('Restoring is for administrators. Nothing was changed. Ask an administrator, or use the recovery code (leave out --user).');
    }
    const key = Buffer.from(core.dataKey);
    return { bundleKey: key, currentKey: key, vaultId: readKeyslots(paths.keyslots).vaultId, actor: { id: session.user.id, username: session.user.username } };
  } finally {
    // Closed before anything moves: the restore checks that nobody has the records open.
    core.close();
  }
}

/** The recovery code opens the bundle's own key slots; it usually opens the current vault too (same vault, same code). */
async function keysByRecoveryCode(paths: VaultPaths, bundleDir: string, ctx: Parameters<typeof backupRestoreCommand.run>[1]): Promise<Keys> {
  const code = await readSecret(ctx.io, { env: 'DOORWAY_RECOVERY_CODE', what: 'recovery code', prompt: 'Recovery code: ', command: NAME });
  const bundle = await unlockWithRecovery(vaultPaths(bundleDir), code);
  bundle.pending?.dataKey.fill(0);
  let currentKey: Buffer | null = null;
  let vaultId: string | undefined;
  if (prepareDataFolder(paths).vaultExists) {
    try {
      vaultId = readKeyslots(paths.keyslots).vaultId;
      const opened = openUnlocked(paths, await unlockWithRecovery(paths, code));
      opened.db.close();
      currentKey = opened.dataKey;
    } catch {
      // A damaged key file or a different code: the restore itself doesn't need the current vault's key.
    }
  }
  return { bundleKey: bundle.dataKey, currentKey, vaultId, actor: { id: null, username: null } };
}

export const backupRestoreCommand = defineCommand({
  name: NAME,
  summary: 'Restore a backup into a data folder; the vault that was there is set aside first, so the restore can be undone.',
  operands: [{ placeholder: 'BUNDLE', description: 'The backup folder to restore.' }],
  flags: {
    'data-dir': {
      type: 'string',
      placeholder: 'DIR',
      required: true,
      env: 'DOORWAY_DATA_DIR',
      description: 'The data folder to restore into (an empty or new folder is fine, for a new computer).',
    },
    user: USER_FLAG,
  },
  notes: [
    ...SECRET_NOTES,
    'With --user, the backup must come from the vault in DIR (same key). With the recovery code, the',
    "backup's own key slots are opened, so it can be restored into an empty folder on a new computer.",
    'Close Doorway first. The backup is checked completely before anything changes. Its key slots come',
    'with it: afterwards, the passwords (and recovery code) of the time the backup was made apply.',
    'The replaced vault is kept in DIR/previous-<time>-<id>/; "Undo restore" on the Backups screen puts it back.',
  ],
  async run(values, ctx) {
    const bundleDir = resolve(ctx.operands[0]!);
    if (!existsSync(bundleDir) || !statSync(bundleDir).isDirectory()) throw new CliFailure(`There is no backup folder at ${bundleDir}. Nothing was changed.`);
    const paths = dataFolder(values['data-dir']);
    if (existsSync(paths.dir) && !statSync(paths.dir).isDirectory()) {
      throw new CliFailure(`${paths.dir} is a file, not a data folder. Nothing was changed.`);
    }
    const keys = values.user ? await keysByPassword(paths, values.user, ctx) : await keysByRecoveryCode(paths, bundleDir, ctx);
    try {
      const result = await restoreBundle({
        bundleDir,
        paths,
        dataKey: keys.bundleKey,
        vaultId: keys.vaultId,
        currentKey: keys.currentKey,
        actor: keys.actor,
        via: 'commandLine',
        now: () => new Date(),
        hooks: ctx.options.backupHooks,
        onProgress: progressLines(ctx.io),
      });
      const out = ctx.io.stdout;
      line(out, `Restored the backup made ${when(result.restoredBundleCreatedAt)} into ${paths.dir}.`);
      if (result.setAsideAs) line(out, `The vault that was there is kept in ${resolve(paths.dir, result.setAsideAs)}, so this can be undone.`);
      line(out, `Sign in with the passwords that were in use on ${when(result.restoredBundleCreatedAt).slice(0, 10)}; the recovery code of that time works too.`);
      return EXIT.ok;
    } finally {
      keys.bundleKey.fill(0);
      keys.currentKey?.fill(0);
    }
  },
});
