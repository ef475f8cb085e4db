import type { BackupSettings, BackupStatus } from '../../../shared/contract/backup';
import { msg, type Message } from '../../../shared/messages';

const DAY = 86_400_000;

type Warning = NonNullable<BackupStatus['warning']>;

/** When the next automatic backup is due: a day after the last checked one, or after a pending retry. */
export function nextDueAt(settings: BackupSettings, lastVerifiedAt: string | null, retryAt: number | null, now: number): string | null {
  if (!settings.enabled || !settings.destination) return null;
  const due = lastVerifiedAt ? Math.max(now, Date.parse(lastVerifiedAt) + DAY) : now;
  return new Date(retryAt !== null ? Math.max(due, retryAt) : due).toISOString();
}

export interface WarningInput {
  settings: BackupSettings;
  /** Whether the destination folder could be read just now. */
  available: boolean;
  lastVerifiedAt: string | null;
  /** The last automatic or manual attempt's failure, if it has not succeeded since. */
  problem: { kind: Warning['kind']; message: Message; since: string } | null;
  retryAt: number | null;
  now: number;
  firstRetryMs: number;
}

/**
 * The one thing the administrator should know about backups right now, in calm words, or null when
 * all is well. In order: switched off, no folder, the folder missing (an unplugged drive), the last
 * attempt failed, no checked backup for two days.
 */
export function findWarning(w: WarningInput): (Omit<Warning, 'since'> & { since?: string }) | null {
  const retryAt = w.retryAt !== null ? new Date(w.retryAt).toISOString() : null;
  if (!w.settings.enabled) {
    return { kind: 'off', message: msg('backup.warning.off'), retryAt: null };
  }
  if (!w.settings.destination) {
    return { kind: 'noDestination', message: msg('backup.warning.noDestination'), retryAt: null };
  }
  if (!w.available) {
    return {
      kind: 'destinationUnavailable',
      message: msg('backup.destination.unavailableRetrying', { dest: w.settings.destination }),
      retryAt: retryAt ?? new Date(w.now + w.firstRetryMs).toISOString(),
    };
  }
  if (w.problem) return { ...w.problem, retryAt };
  if (!w.lastVerifiedAt || w.now - Date.parse(w.lastVerifiedAt) > 2 * DAY) {
    return {
      kind: 'overdue',
      message: msg(w.lastVerifiedAt ? 'backup.warning.overdue' : 'backup.warning.noneYet'),
      retryAt,
    };
  }
  return null;
}
