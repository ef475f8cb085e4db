import type { BackupSettings, DrillRecord } from '../../../shared/contract/backup';
import { recordAudit, type AuditAction, type AuditActor } from '../audit/audit';
import type { Db } from '../db/database';
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

const reasonOf = (e: unknown) => (e instanceof DoorwayError ? e.message : 'unexpected');

/** One audit event for a backup action, in its own write transaction (the app may be writing too). */
export function auditBackup(db: Db, asker: Asker, action: AuditAction, details: Record<string, unknown>, at = new Date().toISOString()): void {
  const from = asker.via === 'commandLine' ? { from: 'commandLine' } : {};
  db.transaction(() => recordAudit(db, { at, actor: asker.actor, action, subjectType: 'backup', details: { ...details, via: asker.via, ...from } })).immediate();
}

/** Writes a bundle, checks it completely, and audits the outcome (a failure too, with its reason). */
export async function makeBackup(
  access: VaultAccess,
  asker: Asker & { maker: Omit<Maker, 'via'> },
  opts: { dest: string; now: () => Date; fs?: BackupFs; hooks?: BackupHooks; onProgress?: ProgressFn },
) {
  try {
    const made = await createBundle({ access, dest: opts.dest, maker: { ...asker.maker, via: asker.via }, now: opts.now, fs: opts.fs, hooks: opts.hooks, onProgress: opts.onProgress });
    auditBackup(access.db, asker, 'backup.create', { ok: true, bundle: made.name, rows: made.verified.rows });
    return made;
  } catch (e) {
    auditBackup(access.db, asker, 'backup.create', { ok: false, reason: reasonOf(e) });
    throw e;
  }
}

/** Restores the newest verified bundle into a temporary folder, checks it, deletes it; remembers when. */
export async function practiseRestore(
  access: VaultAccess,
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
    auditBackup(access.db, asker, 'backup.drill', { ok: false, reason: reasonOf(e) });
    throw e;
  }
  const db = access.db;
  const at = result.at;
  db.transaction(() => {
    writeLastDrill(db, result);
    const from = asker.via === 'commandLine' ? { from: 'commandLine' } : {};
    recordAudit(db, { at, actor: asker.actor, action: 'backup.drill', subjectType: 'backup', details: { ok: true, ...result, via: asker.via, ...from } });
  }).immediate();
  return result;
}

/**
 * Applies the retention policy to a backup folder and audits what it removed. After a new backup
 * (`afterBackup`) a tidy-up that removed nothing is not worth an event.
 */
export function tidyBackups(
  access: VaultAccess,
  asker: Asker,
  opts: { dest: string; policy: BackupSettings; timeZone: string; now: number; afterBackup?: boolean },
): PruneResult {
  const pruned = pruneDestination(opts.dest, access.dataKey, access.vaultId, opts.policy, opts.timeZone, opts.now);
  if (!opts.afterBackup || pruned.removed.length > 0 || pruned.unfinishedRemoved > 0) {
    auditBackup(access.db, asker, 'backup.prune', { removed: pruned.removed, unfinishedRemoved: pruned.unfinishedRemoved });
  }
  return pruned;
}
