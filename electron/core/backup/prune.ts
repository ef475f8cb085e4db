import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { listBundles } from './catalog';
import { explainWriteError, fsyncDir, unavailable } from './files';
import { DELETING_SUFFIX } from './format';
import { planRetention, type RetentionPolicy } from './retention';

export interface PruneResult {
  removed: string[];
  kept: string[];
  unfinishedRemoved: number;
}

/**
 * Applies the retention policy to this vault's bundles in a destination. Only bundles whose manifest
 * is sealed with this vault's key are ever considered; another vault's or an unreadable bundle is
 * never touched. A bundle is renamed before it is deleted, so an interrupted prune never leaves a
 * half-deleted folder that looks like a backup. Leftovers of backups that stopped part-way go too.
 */
export function pruneDestination(
  dest: string,
  dataKey: Buffer,
  vaultId: string,
  policy: RetentionPolicy,
  timeZone: string,
  now = Date.now(),
): PruneResult {
  const listing = listBundles(dest, dataKey, vaultId, now);
  if (!listing.available) throw unavailable(dest);
  const ours = listing.bundles.filter((b) => b.state === 'verified' || b.state === 'unverified');
  const plan = planRetention(
    ours.map((b) => ({ id: b.name, createdAt: b.createdAt, verified: b.state === 'verified' })),
    policy,
    timeZone,
  );
  const removed: string[] = [];
  try {
    for (const name of plan.remove) {
      const doomed = join(dest, `.${name}${DELETING_SUFFIX}`);
      renameSync(join(dest, name), doomed);
      removed.push(name);
      rmSync(doomed, { recursive: true, force: true });
    }
    let unfinishedRemoved = 0;
    for (const u of listing.unfinished.filter((x) => x.stale)) {
      rmSync(u.dir, { recursive: true, force: true });
      unfinishedRemoved++;
    }
    fsyncDir(dest);
    return { removed, kept: plan.keep, unfinishedRemoved };
  } catch (e) {
    throw explainWriteError(e, dest, 0) ?? e;
  }
}
