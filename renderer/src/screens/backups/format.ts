import { format, formatDistanceStrict, parseISO } from 'date-fns';
import type { TFunction } from 'i18next';
import type { BundleSummary } from '../../../../shared/contract';

/** "Mar 2, 2026, 10:00 AM" in this computer's time. */
export const dateTime = (iso: string): string => format(parseISO(iso), 'PP, p');
/** "Mar 2, 10:00 AM": beside a full date, where the year goes without saying. */
export const shortDateTime = (iso: string): string => format(parseISO(iso), 'MMM d, p');
export const clock = (iso: string): string => format(parseISO(iso), 'p');

/** "Mar 2, 2026, 10:00 AM (3 days ago)". */
export function withAgo(t: TFunction, iso: string, now = new Date()): string {
  const date = parseISO(iso);
  const ago = Math.abs(now.getTime() - date.getTime()) < 60_000 ? t('backups.justNow') : formatDistanceStrict(date, now, { addSuffix: true, roundingMethod: 'floor' });
  return t('backups.when', { date: dateTime(iso), ago });
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
  return mb < 10 ? `${Math.max(mb, 0.1).toFixed(1)} MB` : `${Math.round(mb).toLocaleString()} MB`;
}
