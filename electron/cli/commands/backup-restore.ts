import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditActor } from '../../core/audit/audit';
import { restoreBundle } from '../../core/backup/restore';
import { createDoorway } from '../../core';
import { readKeyslots } from '../../core/vault/keyslots';
import { openUnlocked } from '../../core/vault/rotation';
import { prepareDataFolder } from '../../core/data-folder';
import { openEncrypted } from '../../core/db/database';
import { DoorwayError } from '../../core/errors';
import { unlockWithPassword, unlockWithRecovery, vaultPaths, type Unlocked, type VaultPaths } from '../../core/vault/vault';
import { defineCommand } from '../command';
import { dataFolder } from '../data-folder';
import { CliFailure } from '../errors';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';
import { progressLines, SECRET_NOTES, USER_FLAG, when } from './backup-shared';
import { restoreOntoHub } from './hub-restore';
import { HUB_FLAG, postgresUrl, whereRecordsAre } from './hub-shared';

const NAME = 'backup restore';

interface Keys {
  /** The key the bundle was made with. */
  bundleKey: Buffer;
  /** The bundle's clinical key, to check its clinical records page by page before anything changes; null when not at hand. */
  clinicalKey: Buffer | null;
  /** The current vault's key, to make sure nobody has it open; null when there is no vault or it can't be known. */
  currentKey: Buffer | null;
  vaultId: string | undefined;
  actor: AuditActor;
}

/**
 * The staff record behind the password slot that opened a bundle, read from the bundle's own records
 * (read-only; any -wal or -shm the reading leaves beside the file is removed, as the backup check does).
 */
function bundleAccount(bundleDir: string, unlocked: Unlocked): { id: number; username: string; role: string; disabled: boolean } | null {
  const bundle = vaultPaths(bundleDir);
  const sidecars = [`${bundle.db}-wal`, `${bundle.db}-shm`].filter((p) => !existsSync(p));
  try {
    const db = openEncrypted(bundle.db, unlocked.dataKey, { readonly: true });
    try {
      const row = db.prepare('SELECT id, username, role, disabled_at FROM staff_users WHERE slot_id = ?').get(unlocked.slot.id) as
        | { id: number; username: string; role: string; disabled_at: string | null }
        | undefined;
      return row ? { id: row.id, username: row.username, role: row.role, disabled: row.disabled_at !== null } : null;
    } finally {
      db.close();
    }
  } catch (e) {
    if (e instanceof DoorwayError) {
      throw new CliFailure(`The records inside ${bundleDir} could not be read to check who may restore them. Nothing was changed. Check the backup with "backup verify".`);
    }
    throw e;
  } finally {
    for (const p of sidecars) rmSync(p, { force: true });
  }
}

/**
 * A new computer: the data folder is empty, so the administrator's password opens the bundle's own key
 * slots (the password that administrator had when the backup was made), as the recovery code does.
 * Only an administrator (not disabled) in the bundle's records may restore it.
 */
async function keysByBundlePassword(bundleDir: string, user: string, password: string, ctx: Parameters<typeof backupRestoreCommand.run>[1]): Promise<Keys> {
  let unlocked: Unlocked;
  try {
    unlocked = await unlockWithPassword(vaultPaths(bundleDir), user, password, { kdfCost: ctx.options.kdfCost });
  } catch (e) {
    if (e instanceof DoorwayError && (e.code === 'KEYSLOTS_DAMAGED' || e.code === 'NO_VAULT')) {
      throw new CliFailure(`The key file inside ${bundleDir} is missing or damaged, so the backup can't be opened with a password. Nothing was changed.`);
    }
    throw e;
  }
  unlocked.pending?.dataKey.fill(0);
  unlocked.pending?.clinicalKey?.fill(0);
  try {
    const account = bundleAccount(bundleDir, unlocked);
    if (!account || account.disabled || account.role !== 'administrator') {
      throw new CliFailure(
        `Restoring is for administrators, and ${user} is not an active administrator in this backup. Nothing was changed. ` +
          'Ask an administrator of that time, or use the recovery code (leave out --user).',
      );
    }
    return {
      bundleKey: unlocked.dataKey,
      clinicalKey: unlocked.clinicalKey,
      currentKey: null,
      vaultId: undefined,
      actor: { id: account.id, username: account.username },
    };
  } catch (e) {
    unlocked.dataKey.fill(0);
    unlocked.clinicalKey?.fill(0);
    throw e;
  }
}

/** An administrator of the current vault: its key is the one the bundle must have been made with. */
async function keysByPassword(paths: VaultPaths, bundleDir: string, user: string, ctx: Parameters<typeof backupRestoreCommand.run>[1]): Promise<Keys> {
  const password = await readSecret(ctx.io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${user}: `, command: NAME });
  if (!prepareDataFolder(paths).vaultExists) return keysByBundlePassword(bundleDir, user, password, ctx);
  const { core } = createDoorway({ dataDir: paths.dir, kdfCost: ctx.options.kdfCost });
  try {
    const session = await core.signIn(user, password);
    if (session.user.role !== 'administrator') {
      throw new CliFailure('Restoring is for administrators. Nothing was changed. Ask an administrator, or use the recovery code (leave out --user).');
    }
    const key = Buffer.from(core.dataKey);
    const clinicalKey = core.vault.clinicalKey ? Buffer.from(core.vault.clinicalKey) : null;
    return {
      bundleKey: key,
      clinicalKey,
      currentKey: key,
      vaultId: readKeyslots(paths.keyslots).vaultId,
      actor: { id: session.user.id, username: session.user.username },
    };
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
  bundle.pending?.clinicalKey?.fill(0);
  let currentKey: Buffer | null = null;
  let vaultId: string | undefined;
  if (prepareDataFolder(paths).vaultExists) {
    try {
      vaultId = readKeyslots(paths.keyslots).vaultId;
      const current = await unlockWithRecovery(paths, code);
      current.clinicalKey?.fill(0);
      current.pending?.clinicalKey?.fill(0);
      const opened = openUnlocked(paths, current);
      opened.db.close();
      currentKey = opened.dataKey;
    } catch {
      // A damaged key file or a different code: the restore itself doesn't need the current vault's key.
    }
  }
  return { bundleKey: bundle.dataKey, clinicalKey: bundle.clinicalKey, currentKey, vaultId, actor: { id: null, username: null } };
}

export const backupRestoreCommand = defineCommand({
  name: NAME,
  summary: 'Restore a backup into a data folder; the vault that was there is set aside first, so the restore can be undone.',
  operands: [{ placeholder: 'BUNDLE', description: 'The backup folder to restore.' }],
  flags: {
    'data-dir': {
      type: 'string',
      placeholder: 'DIR',
      env: 'DOORWAY_DATA_DIR',
      description: 'The data folder to restore into (an empty or new folder is fine, for a new computer).',
    },
    hub: { ...HUB_FLAG, description: "Instead of --data-dir: restore onto a clinic hub, as the owner of an empty database (postgres://OWNER:PASSWORD@SERVER:PORT/DATABASE), as hub restore does." },
    user: USER_FLAG,
  },
  notes: [
    ...SECRET_NOTES,
    'With --user and a vault in DIR, the backup must come from that vault (same key). Into an empty or new',
    "folder (a new computer), the backup's own key slots are opened: with --user and the password that",
    'administrator had when the backup was made, or with the recovery code of that time.',
    'Close Doorway first. The backup is checked completely before anything changes. Its key slots come',
    'with it: afterwards, the passwords (and recovery code) of the time the backup was made apply.',
    'The replaced vault is kept in DIR/previous-<time>-<id>/; "Undo restore" on the Backups screen puts it back.',
    'With --hub, the backup (of a hub or of one computer) becomes the record of an empty hub database, checked in',
    "full and counted on both sides; a hub in use is never overwritten (the same as hub restore).",
  ],
  async run(values, ctx) {
    const where = whereRecordsAre(values, NAME);
    if ('hub' in where) return restoreOntoHub(ctx.operands[0]!, postgresUrl(where.hub, '--hub', NAME), values.user, ctx, NAME);
    const bundleDir = resolve(ctx.operands[0]!);
    if (!existsSync(bundleDir) || !statSync(bundleDir).isDirectory()) throw new CliFailure(`There is no backup folder at ${bundleDir}. Nothing was changed.`);
    const paths = dataFolder(where.dataDir);
    if (existsSync(paths.dir) && !statSync(paths.dir).isDirectory()) {
      throw new CliFailure(`${paths.dir} is a file, not a data folder. Nothing was changed.`);
    }
    const keys = values.user ? await keysByPassword(paths, bundleDir, values.user, ctx) : await keysByRecoveryCode(paths, bundleDir, ctx);
    try {
      const result = await restoreBundle({
        bundleDir,
        paths,
        dataKey: keys.bundleKey,
        clinicalKey: keys.clinicalKey,
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
      line(
        out,
        result.clinical
          ? 'Both records files are in place: the main records (doorway.db) and the clinical records (clinical.db, under their own key).'
          : 'The main records (doorway.db) are in place. The backup holds no separate clinical records (it was made before they had their own file); ' +
              'they are moved into one at the first sign-in by a clinician or an administrator.',
      );
      if (result.setAsideAs) line(out, `The vault that was there is kept in ${resolve(paths.dir, result.setAsideAs)}, so this can be undone.`);
      line(out, `Sign in with the passwords that were in use on ${when(result.restoredBundleCreatedAt).slice(0, 10)}; the recovery code of that time works too.`);
      return EXIT.ok;
    } finally {
      keys.bundleKey.fill(0);
      keys.clinicalKey?.fill(0);
      keys.currentKey?.fill(0);
    }
  },
});
