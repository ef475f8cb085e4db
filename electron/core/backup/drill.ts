import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DrillRecord } from '../../../shared/contract/backup';
import { msg, type Message } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { because } from './because';
import { readSettings } from '../settings/settings';
import { readKeyslots } from '../vault/keyslots';
import { openClinicalStore, openVaultDb, vaultPaths } from '../vault/vault';
import type { BackupHooks, ProgressFn } from './access';
import { listBundles } from './catalog';
import { checkDatabaseFile, type DbCheck } from './check-worker';
import { CLINICAL_PART } from './format';
import { unavailable } from './files';
import { restoreBundle } from './restore';
import { CLINICAL_SEQ_SQL, MAIN_SEQ_SQL, seqOf, seqsPair } from './snapshot';
import { recordedCounts } from './verify';

const DRILL_PREFIX = 'doorway-drill-';

type Fail = (found: Message) => Error;

/** One restored file's check against the bundle's record of it; its rows. */
function judgeRestored(fail: Fail, what: 'records' | 'clinical', check: DbCheck, expected: Record<string, number> | null): number {
  if (!check.opened) throw fail(msg(`backup.drill.found.${what}.notOpen`));
  if (check.integrity.join() !== 'ok') throw fail(msg(`backup.drill.found.${what}.damaged`, { detail: String(check.integrity[0]) }));
  if (expected) {
    for (const table of new Set([...Object.keys(expected), ...Object.keys(check.counts)])) {
      if (expected[table] !== check.counts[table]) {
        throw fail(msg('backup.drill.found.rowsDiffer', { table, found: check.counts[table] ?? 0, recorded: expected[table] ?? 0 }));
      }
    }
  }
  return Object.values(check.counts).reduce((s, n) => s + n, 0);
}

export interface DrillOptions {
  dest: string;
  dataKey: Buffer;
  /** The clinical key: a bundle's clinical part is restored and checked with it too. */
  clinicalKey?: Buffer | null;
  vaultId: string;
  now: () => Date;
  nativeBinding?: string;
  onProgress?: ProgressFn;
  /** Where the practice restore goes; the system's temporary folder unless a test says otherwise. */
  tempRoot?: string;
  hooks?: BackupHooks;
}

/** Practice copies left by a drill that was interrupted (they are encrypted, but have no reason to stay). */
function removeOldDrills(root: string, now: number): void {
  try {
    for (const name of readdirSync(root)) {
      if (!name.startsWith(DRILL_PREFIX)) continue;
      const dir = join(root, name);
      if (now - statSync(dir).mtimeMs > 86_400_000) rmSync(dir, { recursive: true, force: true });
    }
  } catch {
    // The temporary folder is not ours to worry about beyond this.
  }
}

/**
 * A restore drill: the newest verified bundle goes through the real restore into a temporary data
 * folder; the result must carry the vault's key slots, pass the page-by-page check, hold exactly the
 * rows its manifest recorded, and open as a vault (migrations included) with the key. With a clinical
 * part, the restored clinical file is checked the same way with the clinical key, its commit count must
 * belong with the main file's, and the pair must open together as a signed-in session opens it
 * (clinical migrations and the recovery of a half-committed transaction included). Then it is deleted.
 * Proves the backups restore, not only that they exist.
 */
export async function runDrill(opts: DrillOptions): Promise<DrillRecord> {
  const listing = listBundles(opts.dest, opts.dataKey, opts.vaultId);
  if (!listing.available) throw unavailable(opts.dest);
  const newest = listing.bundles.find((b) => b.state === 'verified');
  if (!newest) {
    throw new DoorwayError('NOT_FOUND', msg('backup.drill.noBackup', { dest: opts.dest }));
  }
  const root = opts.tempRoot ?? tmpdir();
  removeOldDrills(root, opts.now().getTime());
  const started = performance.now();
  const temp = mkdtempSync(join(root, DRILL_PREFIX));
  try {
    const paths = vaultPaths(join(temp, 'vault'));
    const restored = await restoreBundle({
      bundleDir: newest.dir,
      paths,
      dataKey: opts.dataKey,
      clinicalKey: opts.clinicalKey,
      vaultId: opts.vaultId,
      currentKey: null,
      actor: { id: null, username: null },
      via: 'app',
      now: opts.now,
      nativeBinding: opts.nativeBinding,
      onProgress: opts.onProgress,
      recordInAudit: false,
      checkRecords: false,
    });
    const fail: Fail = (found) => new DoorwayError('BACKUP_INVALID', because('backup.drill.failed', found, { bundle: restored.restoredBundle }));
    if (readKeyslots(paths.keyslots).vaultId !== opts.vaultId) throw fail(msg('backup.drill.found.otherVault'));
    // A verified bundle always has its counts: in its mark, or in the manifest of an older bundle.
    const counts = recordedCounts(opts.dataKey, newest.manifest!, newest.privatePart!, newest.mark);
    if (!counts) throw fail(msg('backup.drill.found.countsMissing'));
    const hasClinical = newest.manifest!.parts.some((p) => p.name === CLINICAL_PART);
    if (hasClinical !== existsSync(paths.clinical)) throw fail(msg('backup.drill.found.clinicalMissing'));
    if (hasClinical && !opts.clinicalKey) {
      throw fail(msg('backup.drill.found.noClinicalKey'));
    }
    opts.onProgress?.('check', 0, 0);
    const check = await checkDatabaseFile(paths.db, opts.dataKey, { nativeBinding: opts.nativeBinding, probeSql: MAIN_SEQ_SQL });
    let rows = judgeRestored(fail, 'records', check, counts.main);
    if (hasClinical && opts.clinicalKey) {
      const clinicalCheck = await checkDatabaseFile(paths.clinical, opts.clinicalKey, { nativeBinding: opts.nativeBinding, probeSql: CLINICAL_SEQ_SQL });
      rows += judgeRestored(fail, 'clinical', clinicalCheck, counts.clinical ?? null);
      const [m, c] = [seqOf(check.probe), seqOf(clinicalCheck.probe)];
      const recorded = newest.manifest!.clinical;
      if (!seqsPair(m, c) || (recorded && (m !== recorded.mainSeq || (recorded.clinicalSeq !== undefined && c !== recorded.clinicalSeq)))) {
        throw fail(msg('backup.drill.found.notSameMoment'));
      }
    }
    // The way the app opens a vault, schema updates included (and, with a clinical part, the pair).
    const db = openVaultDb(paths, opts.dataKey, { nativeBinding: opts.nativeBinding });
    try {
      readSettings(db);
      if (hasClinical && opts.clinicalKey) openClinicalStore(paths, opts.clinicalKey, db, { nativeBinding: opts.nativeBinding }).clinical.close();
    } finally {
      db.close();
    }
    await opts.hooks?.step?.('drill-checked');
    opts.onProgress?.('done', 1, 1);
    return {
      at: opts.now().toISOString(),
      bundle: newest.name,
      bundleCreatedAt: newest.createdAt,
      rows,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
