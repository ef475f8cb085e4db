import type { BackupSettings, DrillRecord } from '../../../shared/contract/backup';
import { recordAuditIn, type AuditAction, type AuditActor } from '../audit/audit';
import type { Data } from '../data/engine';
import { DoorwayError } from '../errors';
import type { BackupHooks, Maker, ProgressFn, VaultAccess } from './access';
import { createBundle } from './create';
import { runDrill } from './drill';
import type { BackupFs } from './files';
import { pruneDestination, type PruneResult } from './prune';
import { writeLastDrill } from './store';

/**
 * What a backup action is, whoever asks for it: the app (backup/service.ts, which adds one operation at
 * a time, the schedule and the warning) and the command line (electron/cli/commands/backup-*.ts) both
 * call these, so a backup, a drill or a tidy-up is written and audited the same way from either.
 */
export interface Asker {
  actor: AuditActor;
  /** Where the request came from, recorded with the event. */
  via: Maker['via'];
}

/** The vault a backup action works on (access.ts), and the data layer over its connection, where the action is recorded. */
export interface BackupVault extends VaultAccess {
  data: Data;
}

/**
 * What the backup actions that only read bundles need (drills, retention, listing, checking): the
 * keys, the vault's id and the records to audit in. A clinic hub's session gives exactly this.
 */
export type BackupKeys = Pick<BackupVault, 'data' | 'dataKey' | 'clinicalKey' | 'vaultId' | 'nativeBinding'>;

const reasonOf = (e: unknown) => (e instanceof DoorwayError ? e.message : 'unexpected');

const detailsOf = (asker: Asker, details: Record<string, unknown>) => ({ ...details, via: asker.via, ...(asker.via === 'commandLine' ? { from: 'commandLine' } : {}) });

/** One audit event for a backup action, in its own transaction (the app may be writing too). */
export async function auditBackup(data: Data, asker: Asker, action: AuditAction, details: Record<string, unknown>, at = new Date().toISOString()): Promise<void> {
  await data.transaction().execute((trx) => recordAuditIn(trx, { at, actor: asker.actor, action, subjectType: 'backup', details: detailsOf(asker, details) }));
}

/** Writes a bundle, checks it completely, and audits the outcome (a failure too, with its reason). */
export async function makeBackup(
  access: BackupVault,
  asker: Asker & { maker: Omit<Maker, 'via'> },
  opts: { dest: string; now: () => Date; fs?: BackupFs; hooks?: BackupHooks; onProgress?: ProgressFn },
) {
  try {
    const made = await createBundle({ access, dest: opts.dest, maker: { ...asker.maker, via: asker.via }, now: opts.now, fs: opts.fs, hooks: opts.hooks, onProgress: opts.onProgress });
    await auditBackup(access.data, asker, 'backup.create', { ok: true, bundle: made.name, rows: made.verified.rows });
    return made;
  } catch (e) {
    await auditBackup(access.data, asker, 'backup.create', { ok: false, reason: reasonOf(e) });
    throw e;
  }
}

/** Restores the newest verified bundle into a temporary folder, checks it, deletes it; remembers when. */
export async function practiseRestore(
  access: BackupKeys,
  asker: Asker,
  opts: { dest: string; now: () => Date; onProgress?: ProgressFn; tempRoot?: string; hooks?: BackupHooks },
): Promise<DrillRecord> {
  let result: DrillRecord;
  try {
    result = await runDrill({
      dest: opts.dest,
      dataKey: access.dataKey,
      clinicalKey: access.clinicalKey,
      vaultId: access.vaultId,
      now: opts.now,
      nativeBinding: access.nativeBinding,
      onProgress: opts.onProgress,
      tempRoot: opts.tempRoot,
      hooks: opts.hooks,
    });
  } catch (e) {
    await auditBackup(access.data, asker, 'backup.drill', { ok: false, reason: reasonOf(e) });
    throw e;
  }
  const drill = result;
  // The drill's record and its audit event, in one transaction.
  await access.data.transaction().execute(async (trx) => {
    await writeLastDrill(trx, drill);
    await recordAuditIn(trx, { at: drill.at, actor: asker.actor, action: 'backup.drill', subjectType: 'backup', details: detailsOf(asker, { ok: true, ...drill }) });
  });
  return drill;
}

/**
 * Applies the retention policy to a backup folder and audits what it removed. After a new backup
 * (`afterBackup`) a tidy-up that removed nothing is not worth an event.
 */
export async function tidyBackups(
  access: BackupKeys,
  asker: Asker,
  opts: { dest: string; policy: BackupSettings; timeZone: string; now: number; afterBackup?: boolean },
): Promise<PruneResult> {
  const pruned = pruneDestination(opts.dest, access.dataKey, access.vaultId, opts.policy, opts.timeZone, opts.now);
  if (!opts.afterBackup || pruned.removed.length > 0 || pruned.unfinishedRemoved > 0) {
    await auditBackup(access.data, asker, 'backup.prune', { removed: pruned.removed, unfinishedRemoved: pruned.unfinishedRemoved });
  }
  return pruned;
}
