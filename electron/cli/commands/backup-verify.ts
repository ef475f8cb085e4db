import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyBundle, markVerified, type VerifiedBundle } from '../../core/backup/verify';
import { DoorwayError } from '../../core/errors';
import { unlockWithPassword, unlockWithRecovery, vaultPaths, type Unlocked } from '../../core/vault/vault';
import { defineCommand, type SpecContext } from '../command';
import { CliFailure } from '../errors';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';
import { audit, madeBy, openKeysForBackup, partLines, progressLines, sizeText, USER_FLAG, when } from './backup-shared';
import { toSummary } from '../../core/backup/catalog';
import { HUB_FLAG } from './hub-shared';

const NAME = 'backup verify';

/** Opens a bundle with its own key slots: the password (of when it was made) or the recovery code. */
async function bundleKey(dir: string, user: string | undefined, ctx: SpecContext): Promise<Unlocked> {
  const own = vaultPaths(dir);
  try {
    if (user) {
      const password = await readSecret(ctx.io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${user}: `, command: NAME });
      return await unlockWithPassword(own, user, password, { kdfCost: ctx.options.kdfCost });
    }
    const code = await readSecret(ctx.io, { env: 'DOORWAY_RECOVERY_CODE', what: 'recovery code', prompt: 'Recovery code: ', command: NAME });
    return await unlockWithRecovery(own, code);
  } catch (e) {
    if (e instanceof DoorwayError && (e.code === 'KEYSLOTS_DAMAGED' || e.code === 'NO_VAULT')) {
      throw new CliFailure(
        `The key file inside ${dir} is missing or damaged, so the backup can't be opened with its own key slots. ` +
          'Nothing was changed. Check it against the vault instead: add --data-dir DIR.',
      );
    }
    throw e;
  }
}

function report(verified: VerifiedBundle, ctx: SpecContext): void {
  const m = verified.manifest;
  const out = ctx.io.stdout;
  const summary = toSummary({ ...verified, state: 'verified', createdAt: m.createdAt, sizeBytes: 0, mark: null });
  line(out, `The backup is complete and intact: ${verified.dir}`);
  const whole = verified.clinical === 'notChecked' ? 'every page of the main records' : 'every page of the records';
  line(
    out,
    `Every part matches its fingerprint, ${whole} was read and checked, and all ${verified.rows.toLocaleString('en-US')} rows in ${verified.tables} tables are there:`,
  );
  for (const text of partLines(verified)) line(out, text);
  line(out, `Made ${when(m.createdAt)} by ${madeBy(summary)}, with Doorway ${m.appVersion} (schema ${m.schemaVersion}); ${sizeText(m.parts.reduce((s, p) => s + p.bytes, 0))}; vault ${m.vaultId}.`);
}

export const backupVerifyCommand = defineCommand({
  name: NAME,
  summary: 'Check a backup completely: fingerprints, seal, every page of both records files, and the row counts.',
  operands: [{ placeholder: 'BUNDLE', description: 'The backup folder to check.' }],
  flags: {
    'data-dir': {
      type: 'string',
      placeholder: 'DIR',
      env: 'DOORWAY_DATA_DIR',
      description: "Check with this vault's key (and that the backup belongs to it). Without it, the backup's own key slots are used.",
    },
    hub: { ...HUB_FLAG, description: "Check with the clinic hub's keys instead (with --user, an administrator), and that the backup is the hub's." },
    user: USER_FLAG,
  },
  notes: [
    'With --data-dir (or DOORWAY_DATA_DIR): the vault is unlocked with --user and DOORWAY_PASSWORD, or with',
    'DOORWAY_RECOVERY_CODE, and the backup must belong to it.',
    "Without a data folder (a backup on its own, e.g. on another computer): the backup's own key slots are",
    'opened with the recovery code (DOORWAY_RECOVERY_CODE), or with --user and the password that user had',
    'when the backup was made (DOORWAY_PASSWORD).',
    'A backup that passes gets its "verified" mark (again), so it counts for retention.',
  ],
  async run(values, ctx) {
    const dir = resolve(ctx.operands[0]!);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliFailure(`There is no backup folder at ${dir}. Nothing was changed.`);
    const onProgress = progressLines(ctx.io);
    if (values['data-dir'] || values.hub) {
      const opened = await openKeysForBackup(values, ctx, NAME);
      try {
        const verified = await verifyBundle(dir, {
          dataKey: opened.access.dataKey,
          clinicalKey: opened.access.clinicalKey,
          vaultId: opened.access.vaultId,
          onProgress,
        }).catch(async (e: unknown) => {
          await audit(opened, 'backup.verify', { ok: false, bundle: dir, reason: e instanceof DoorwayError ? e.message : 'unexpected' });
          throw e;
        });
        markQuietly(verified, opened.access.dataKey);
        await audit(opened, 'backup.verify', { ok: true, bundle: verified.name });
        report(verified, ctx);
        return EXIT.ok;
      } finally {
        opened.close();
      }
    }
    const unlocked = await bundleKey(dir, values.user, ctx);
    try {
      // The bundle's own slot: an administrator's or the recovery slot holds the clinical key of that time.
      const verified = await verifyBundle(dir, { dataKey: unlocked.dataKey, clinicalKey: unlocked.clinicalKey, onProgress });
      markQuietly(verified, unlocked.dataKey);
      report(verified, ctx);
      return EXIT.ok;
    } finally {
      unlocked.dataKey.fill(0);
      unlocked.clinicalKey?.fill(0);
      unlocked.pending?.dataKey.fill(0);
      unlocked.pending?.clinicalKey?.fill(0);
    }
  },
});

/** A read-only drive can't take the mark; the check itself still passed. */
function markQuietly(verified: VerifiedBundle, dataKey: Buffer): void {
  try {
    markVerified(verified, dataKey, new Date().toISOString());
  } catch {
    // See above.
  }
}
