import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupProgress, BackupStatus } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { BackupProgressBar } from './BackupProgressBar';
import { formatDateTime, formatTime } from '../../components/dates';
import { withAgo } from './format';
import { useBackupAction } from '../../api/backup-queries';
import { formatCount } from '../../components/numbers';
import { useSay } from '../../i18n/say';

const CALM_KINDS = new Set(['off', 'noDestination', 'overdue']);

/** The warning, if any: calm (information) for a setting to choose, "please look" for a drive that failed. */
function StatusWarning({ warning }: { warning: NonNullable<BackupStatus['warning']> }) {
  const { t } = useTranslation();
  const say = useSay();
  return (
    <Notice tone={CALM_KINDS.has(warning.kind) ? 'info' : 'error'}>
      {say(warning.message)}
      {warning.retryAt && !CALM_KINDS.has(warning.kind) ? ` ${t('backups.glance.retryAt', { time: formatTime(warning.retryAt) })}` : null}
    </Notice>
  );
}

/**
 * At a glance: the last checked backup, the last practice restore, what's next; back up now; practise
 * a restore. `readAt` is when the status was read, so "due now" is judged against that moment.
 */
export function BackupStatusPanel({ status, progress, readAt }: { status: BackupStatus; progress: BackupProgress | null; readAt: number }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);
  const create = useBackupAction('backup.create');
  const drill = useBackupAction('backup.drill');
  const busy = create.isPending || drill.isPending || status.running !== null;
  const nextDue = status.nextDueAt;

  return (
    <section className="panel bk-glance" aria-labelledby="bk-glance">
      <h2 id="bk-glance">{t('backups.glance.heading')}</h2>
      {status.warning ? <StatusWarning warning={status.warning} /> : null}
      <dl className="bk-facts">
        <div>
          <dt>{t('backups.glance.lastVerified')}</dt>
          <dd>{status.lastVerifiedBackup ? withAgo(t, status.lastVerifiedBackup.createdAt) : t('backups.glance.none')}</dd>
        </div>
        <div>
          <dt>{t('backups.glance.lastDrill')}</dt>
          <dd>
            {status.lastDrill ? (
              <>
                {withAgo(t, status.lastDrill.at)}
                <span className="bk-fact-detail">{t('backups.glance.drillValue', { bundle: formatDateTime(status.lastDrill.bundleCreatedAt) })}</span>
              </>
            ) : (
              t('backups.glance.drillNone')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('backups.glance.nextDue')}</dt>
          <dd>
            {!nextDue
              ? t('backups.glance.nextDueOff')
              : Date.parse(nextDue) <= readAt + 60_000
                ? t('backups.glance.nextDueSoon')
                : formatDateTime(nextDue)}
          </dd>
        </div>
      </dl>
      {create.isPending ? <BackupProgressBar operation="backup" progress={progress} /> : null}
      {drill.isPending ? <BackupProgressBar operation="drill" progress={progress} /> : null}
      <div className="button-row">
        <ActionButton
          variant="primary"
          isPending={create.isPending}
          isDisabled={busy || !status.settings.destination}
          onPress={() => {
            setResult(null);
            create.mutate(
              {},
              {
                onSuccess: () => setResult({ tone: 'success', message: t('backups.glance.backedUp', { time: formatTime(new Date().toISOString()) }) }),
                onError: ({ error }) => setResult({ tone: 'error', message: error.message }),
              },
            );
          }}
        >
          {t('backups.glance.backUpNow')}
        </ActionButton>
        <ActionButton
          isPending={drill.isPending}
          isDisabled={busy || !status.lastVerifiedBackup}
          onPress={() => {
            setResult(null);
            drill.mutate(
              {},
              {
                onSuccess: (d) => setResult({ tone: 'success', message: t('backups.glance.drilled', { date: formatDateTime(d.bundleCreatedAt), count: d.rows, n: formatCount(d.rows) }) }),
                onError: ({ error }) => setResult({ tone: 'error', message: error.message }),
              },
            );
          }}
        >
          {t('backups.glance.drill')}
        </ActionButton>
      </div>
      <p className="field-description">{t('backups.glance.drillHelp')}</p>
      {result ? <Notice tone={result.tone}>{result.message}</Notice> : null}
    </section>
  );
}
