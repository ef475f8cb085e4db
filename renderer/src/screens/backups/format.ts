import type { TFunction } from 'i18next';
import type { BundleSummary } from '../../../../shared/contract';
import { formatDateTime, relativeDay, relativeWords } from '../../components/dates';
import { formatCount, formatDecimal } from '../../components/numbers';

/** "Mar 2, 2026, 10:00 AM (3 days ago)", in the same words for "ago" as every other screen. */
export function withAgo(t: TFunction, iso: string, now = new Date()): string {
  const ago = Math.abs(now.getTime() - new Date(iso).getTime()) < 60_000 ? t('backups.justNow') : relativeWords(t, relativeDay(iso, now));
  return t('backups.when', { date: formatDateTime(iso), ago });
}

/** Who made a backup, in a word or two. */
export function madeByLabel(t: TFunction, summary: Pick<BundleSummary, 'madeBy'>): string {
  const m = summary.madeBy;
  if (!m) return t('backups.list.unknown');
  if (m.via === 'app') return m.displayName ?? m.username ?? t('backups.list.recoveryCode');
  if (m.via === 'commandLine' && !m.username) return `${t('backups.list.via.commandLine')} (${t('backups.list.recoveryCode')})`;
  return t(`backups.list.via.${m.via}`, { name: m.displayName ?? m.username ?? '' });
}

/** "2.4 MB", "356 MB". */
export function sizeLabel(bytes: number): string {
  const mb = bytes / 1_000_000;
  return mb < 10 ? `${formatDecimal(Math.max(mb, 0.1), 1)} MB` : `${formatCount(Math.round(mb))} MB`;
}
