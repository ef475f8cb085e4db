import type { BundleSummary } from '../../../shared/contract/backup';
import { createDoorway } from '../../core';
import type { AuditAction, AuditActor } from '../../core/audit/audit';
import { auditBackup, type BackupKeys, type BackupVault } from '../../core/backup/use-cases';
import type { Maker, ProgressFn } from '../../core/backup/access';
import { megabytes } from '../../core/backup/files';
import type { VerifiedBundle } from '../../core/backup/verify';
import { sqliteData } from '../../core/data/sqlite';
import { readSettingsIn } from '../../core/settings/settings';
import { readKeyslots } from '../../core/vault/keyslots';
import { openUnlocked, recordSettlement } from '../../core/vault/rotation';
import { unlockWithRecovery, type VaultPaths } from '../../core/vault/vault';
import type { SpecContext } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { CliFailure, UsageError } from '../errors';
import { HUB_FLAG, openHubSession, whereRecordsAre } from './hub-shared';
import { line, type CliIo } from '../io';
import { readSecret } from '../secrets';

/** The flags every backup command shares, worded once. */
export const DATA_DIR_FLAG = {
  type: 'string',
  placeholder: 'DIR',
  required: true,
  env: 'DOORWAY_DATA_DIR',
  description: 'The data folder that holds the vault.',
} as const;

export const TO_FLAG = {
  type: 'string',
  placeholder: 'DEST',
  required: true,
  description: 'The backup folder (for example on a USB drive or a network folder).',
} as const;

export const USER_FLAG = {
  type: 'string',
  placeholder: 'USERNAME',
  description: "An administrator's username (password from DOORWAY_PASSWORD). Without it, the recovery code is used.",
} as const;

export const SECRET_NOTES = [
  'Secrets are never options. With --user, the password comes from DOORWAY_PASSWORD; without --user, the',
  'recovery code comes from DOORWAY_RECOVERY_CODE. In a terminal, a missing one is asked for (hidden).',
];

/** An open vault for one backup command, however it was unlocked; `close` locks it and zeroes the key. */
export interface OpenedForBackup<A extends BackupKeys = BackupVault> {
  access: A;
  actor: AuditActor;
  maker: Omit<Maker, 'via'>;
  timeZone: string;
  close(): void;
}

/**
 * Unlocks the vault as an administrator (password, signing in through the core with all its checks and
 * its audit) or with the recovery code, the way `status` and `export-key` do.
 */
export async function openForBackup(paths: VaultPaths, user: string | undefined, ctx: SpecContext, command: string): Promise<OpenedForBackup> {
  const { io, options } = ctx;
  if (user) {
    const password = await readSecret(io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${user}: `, command });
    const { core } = createDoorway({ dataDir: paths.dir, kdfCost: options.kdfCost });
    try {
      const session = await core.signIn(user, password);
      if (session.user.role !== 'administrator') {
        throw new CliFailure('Backups are looked after by administrators. Nothing was changed. Ask an administrator, or use the recovery code (leave out --user).');
      }
      const dataKey = Buffer.from(core.dataKey);
      // An administrator's slot holds the clinical key too (a vault from before the clinical store has none yet).
      const clinicalKey = core.vault.clinicalKey ? Buffer.from(core.vault.clinicalKey) : null;
      return {
        access: { paths, db: core.db, data: core.vault.open().data, dataKey, clinicalKey, vaultId: readKeyslots(paths.keyslots).vaultId },
        actor: { id: session.user.id, username: session.user.username },
        maker: { id: session.user.id, username: session.user.username, displayName: session.user.displayName },
        timeZone: session.settings.timeZone,
        close: () => {
          core.close();
          dataKey.fill(0);
          clinicalKey?.fill(0);
        },
      };
    } catch (e) {
      core.close();
      throw e;
    }
  }
  const code = await readSecret(io, { env: 'DOORWAY_RECOVERY_CODE', what: 'recovery code', prompt: 'Recovery code: ', command });
  const unlocked = await unlockWithRecovery(paths, code);
  const opened = openUnlocked(paths, unlocked);
  // The recovery slot holds the clinical key too: the one of the generation the records opened with.
  const clinicalKey = opened.file === unlocked.file ? unlocked.clinicalKey : (unlocked.pending?.clinicalKey ?? null);
  for (const k of [unlocked.clinicalKey, unlocked.pending?.clinicalKey]) if (k && k !== clinicalKey) k.fill(0);
  const actor: AuditActor = { id: null, username: null };
  try {
    opened.db.transaction(() => recordSettlement(opened.db, opened.settled, new Date().toISOString(), actor))();
    // The recovery code opens the SQLite file itself (vault/rotation.ts), so its data layer is SQLite's.
    const data = sqliteData(opened.db);
    return {
      access: { paths, db: opened.db, data, dataKey: opened.dataKey, clinicalKey, vaultId: opened.file.vaultId },
      actor,
      maker: { id: null, username: null, displayName: null },
      timeZone: (await readSettingsIn(data)).timeZone,
      close: () => {
        opened.db.close();
        opened.dataKey.fill(0);
        clinicalKey?.fill(0);
      },
    };
  } catch (e) {
    opened.db.close();
    opened.dataKey.fill(0);
    clinicalKey?.fill(0);
    throw e;
  }
}

/**
 * The clinic hub's keys for a backup command: an administrator signs in to the hub as the app does
 * (hub/session.ts) and the command works with the keys their slot holds, auditing on the hub.
 */
async function openHubForBackup(hubUrl: string, user: string | undefined, ctx: SpecContext, command: string): Promise<OpenedForBackup<BackupKeys>> {
  if (!user) throw new UsageError('On a clinic hub, give --user USERNAME (an administrator): the recovery code is used on the hub computer. Nothing was changed.', command);
  const session = await openHubSession(hubUrl, user, ctx, command);
  try {
    if (session.user.role !== 'administrator') {
      throw new CliFailure(`Backups are for administrators, and ${session.user.username} is not one. Nothing was changed.`);
    }
    const { user: who } = session;
    return {
      access: { data: session.data, dataKey: session.dataKey, clinicalKey: session.clinicalKey, vaultId: session.vaultId },
      actor: { id: who.id, username: who.username },
      maker: { id: who.id, username: who.username, displayName: who.displayName },
      timeZone: (await readSettingsIn(session.data)).timeZone,
      close: () => void session.close(),
    };
  } catch (e) {
    await session.close();
    throw e;
  }
}

/** The keys for a backup command that reads bundles, from --data-dir or --hub (exactly one). */
export async function openKeysForBackup(values: { 'data-dir'?: string; hub?: string; user?: string }, ctx: SpecContext, command: string): Promise<OpenedForBackup<BackupKeys>> {
  const where = whereRecordsAre(values, command);
  if ('hub' in where) return openHubForBackup(where.hub, values.user, ctx, command);
  const paths = dataFolder(where.dataDir);
  requireVault(paths);
  return openForBackup(paths, values.user, ctx, command);
}

/** --data-dir or --hub, for the backup commands that read bundles. */
export const WHERE_FLAGS = {
  'data-dir': { ...DATA_DIR_FLAG, required: false },
  hub: { ...HUB_FLAG, description: "The clinic hub's address, instead of --data-dir (with --user, an administrator)." },
} as const;

/** Audits a backup action done from the command line, worded as the app's use cases word theirs. */
export function audit(opened: OpenedForBackup<BackupKeys>, action: AuditAction, details: Record<string, unknown>): Promise<void> {
  return auditBackup(opened.access.data, { actor: opened.actor, via: 'commandLine' }, action, details);
}

/** One line per step on stderr, so a scheduled task's log shows where a long run is. */
export function progressLines(io: CliIo): ProgressFn {
  let last = '';
  return (phase, _done, total) => {
    if (phase === last) return;
    last = phase;
    const text: Partial<Record<typeof phase, string>> = {
      prepare: 'Taking a consistent copy of the records...',
      copy: `Copying ${megabytes(total)} MB...`,
      fingerprint: 'Checking the fingerprint of every part...',
      check: 'Reading and checking every page of the records (and of the clinical records)...',
      place: 'Putting the restored vault in place...',
    };
    if (text[phase]) line(io.stderr, text[phase]);
  };
}

/**
 * What a check found in each records file, one line each: the main records, and the clinical records
 * (checked with the clinical key, copied without it, or not in the bundle at all).
 */
export function partLines(verified: Pick<VerifiedBundle, 'main' | 'clinical'>): string[] {
  const rows = (x: number) => `${x.toLocaleString('en-US')} row${x === 1 ? '' : 's'}`;
  const out = [`  main records (doorway.db): every page read and checked; ${rows(verified.main.rows)} in ${verified.main.tables} tables.`];
  const c = verified.clinical;
  if (c === null) out.push('  clinical records: none in this backup (made before the clinical records had their own file).');
  else if (c === 'notChecked') {
    out.push(
      '  clinical records (clinical.db): fingerprint and encryption checked; its pages are checked with the clinical key, which this check did not have.',
    );
  } else out.push(`  clinical records (clinical.db): every page read and checked with the clinical key; ${rows(c.rows)} in ${c.tables} tables.`);
  return out;
}

/** 2026-01-02T03:04:05.000Z -> 2026-01-02 03:04 UTC */
export const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function madeBy(summary: Pick<BundleSummary, 'madeBy'>): string {
  const m = summary.madeBy;
  if (!m) return 'unknown';
  const who = m.username ? (m.displayName && m.displayName !== m.username ? `${m.displayName} (${m.username})` : m.username) : 'the recovery code';
  const how = { app: 'in the app', schedule: 'automatically', quit: 'on quit', commandLine: 'from the command line' }[m.via];
  return `${who}, ${how}`;
}

export const sizeText = (bytes: number) =>
  bytes < 10_000_000 ? `${Math.max(0.1, bytes / 1_000_000).toFixed(1)} MB` : `${megabytes(bytes).toLocaleString('en-US')} MB`;
