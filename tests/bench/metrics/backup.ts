import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBundle } from '../../../electron/core/backup/create';
import { restoreBundle } from '../../../electron/core/backup/restore';
import { verifyBundle } from '../../../electron/core/backup/verify';
import { readKeyslots } from '../../../electron/core/vault/keyslots';
import { vaultPaths } from '../../../electron/core/vault/vault';
import { median, round, timeMs, timeSyncMs, type MetricModule } from '../bench';
import { openDemoVault } from '../fixtures';

/** Measured runs, after one warm-up run of each that is not counted (a cold page cache would favour neither). */
const RUNS = 4;

/**
 * Backups of the bench-size demo clinic (large: 20,000 people, 1,000,000 contacts):
 *   backup_ms         snapshot, copy, fingerprint, manifest, fsync and rename (a bundle in place)
 *   plain_copy_ms     a plain copy of the same database files (main and clinical), in the same run (`cp`)
 *   backup_vs_copy_ratio = backup_ms / plain_copy_ms (target <= 2.0), medians of interleaved runs after a warm-up
 *   verify_ms         the full check: fingerprints, seal, integrity_check of every page, row counts
 *   restore_ms        verify, stage into the data folder, swap in (into an empty data folder)
 */
export const backupMetric: MetricModule = {
  name: 'backup (bundle, verify, restore)',
  async run(ctx) {
    const { core } = await openDemoVault(ctx);
    const paths = core.paths;
    const dataKey = Buffer.from(core.dataKey);
    // An administrator's backup: both stores, each checked with its own key.
    const clinicalKey = Buffer.from(core.vault.clinicalKey!);
    const vaultId = readKeyslots(paths.keyslots).vaultId;
    const dest = join(ctx.workDir, 'backup-dest');
    mkdirSync(dest, { recursive: true });
    const bytes = statSync(paths.db).size;
    const clinicalBytes = statSync(paths.clinical).size;
    const access = { paths, db: core.db, dataKey, clinicalKey, vaultId };

    const copies: number[] = [];
    const backups: number[] = [];
    const totals: number[] = [];
    let kept: string | null = null;
    for (let i = 0; i <= RUNS; i++) {
      const measured = i > 0;
      // The plain copy sees the same file: checkpointed, as the backup's snapshot leaves it.
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      core.vault.open().clinical!.pragma('clinical.wal_checkpoint(TRUNCATE)');
      const copyPath = join(ctx.workDir, 'plain-copy.db');
      const clinicalCopyPath = join(ctx.workDir, 'plain-copy-clinical.db');
      const copy = timeSyncMs(() => {
        copyFileSync(paths.db, copyPath);
        copyFileSync(paths.clinical, clinicalCopyPath);
      });
      rmSync(copyPath);
      rmSync(clinicalCopyPath);

      const started = performance.now();
      let renamedAt = 0;
      const made = await createBundle({
        access,
        dest,
        maker: { id: null, username: 'bench', displayName: 'Bench', via: 'commandLine' },
        now: () => new Date(),
        hooks: { step: (s) => void (s === 'renamed' && (renamedAt = performance.now())) },
      });
      if (measured) {
        copies.push(copy);
        totals.push(performance.now() - started);
        backups.push(renamedAt - started);
      }
      if (kept) rmSync(join(dest, kept), { recursive: true, force: true });
      kept = made.name;
    }
    const bundleDir = join(dest, kept!);

    const verifies: number[] = [];
    for (let i = 0; i < 2; i++) verifies.push(await timeMs(() => verifyBundle(bundleDir, { dataKey, clinicalKey, vaultId })));

    const target = vaultPaths(join(ctx.workDir, 'restored-vault'));
    const restore = await timeMs(() =>
      restoreBundle({
        bundleDir,
        paths: target,
        dataKey,
        clinicalKey,
        currentKey: null,
        actor: { id: null, username: 'bench' },
        via: 'commandLine',
        now: () => new Date(),
      }),
    );
    rmSync(target.dir, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
    dataKey.fill(0);
    clinicalKey.fill(0);
    core.close();

    const plain = median(copies);
    const backup = median(backups);
    const verify = median(verifies);
    const mb = round(bytes / 1_000_000, 0);
    ctx.log(`  database: ${mb} MB, clinical store: ${round(clinicalBytes / 1_000_000, 0)} MB`);
    ctx.log(`  plain_copy_ms: ${round(plain, 0)} (copies: ${copies.map((c) => round(c, 0)).join(', ')})`);
    ctx.log(`  backup_ms: ${round(backup, 0)} (runs: ${backups.map((c) => round(c, 0)).join(', ')}); with the check after writing: ${round(median(totals), 0)}`);
    ctx.log(`  backup_vs_copy_ratio: ${round(backup / plain, 2)} (target <= 2.0)`);
    ctx.log(`  verify_ms: ${round(verify, 0)} (runs: ${verifies.map((c) => round(c, 0)).join(', ')})`);
    ctx.log(`  restore_ms: ${round(restore, 0)} (check, stage, swap into an empty data folder)`);
    return {
      backup_db_mb: mb,
      plain_copy_ms: round(plain, 0),
      backup_ms: round(backup, 0),
      backup_with_check_ms: round(median(totals), 0),
      backup_vs_copy_ratio: round(backup / plain, 2),
      verify_ms: round(verify, 0),
      restore_ms: round(restore, 0),
    };
  },
};
