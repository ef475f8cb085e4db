import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupProgress, BundleSummary } from '../../../../shared/contract';
import type { bundleListSchema } from '../../../../shared/contract/backup';
import type { z } from 'zod';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { BackupProgressBar } from './BackupProgressBar';
import { formatDateTime } from '../../components/dates';
import { madeByLabel, sizeLabel } from './format';
import { useBackupAction } from '../../api/backup-queries';
import { formatCount } from '../../components/numbers';

type Listing = z.infer<typeof bundleListSchema>;

function StateChip({ bundle }: { bundle: BundleSummary }) {
  const { t } = useTranslation();
  return (
    <span className={`chip bk-state bk-state-${bundle.state}`} title={t(`backups.list.stateHelp.${bundle.state}`)}>
      {bundle.state === 'verified' ? '✓ ' : null}
      {t(`backups.list.stateName.${bundle.state}`)}
    </span>
  );
}

/** The vault's backups in the chosen folder, newest first, each with its check and what can be done with it. */
export function BackupList({
  listing,
  progress,
  busy,
  onRestore,
}: {
  listing: Listing;
  progress: BackupProgress | null;
  busy: boolean;
  onRestore(bundle: BundleSummary): void;
}) {
  const { t } = useTranslation();
  const verify = useBackupAction('backup.verify');
  const [checking, setChecking] = useState<string | null>(null);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);

  return (
    <section className="panel" aria-labelledby="bk-list">
      <h2 id="bk-list">{t('backups.list.heading')}</h2>
      {listing.destination ? <p className="muted bk-folder">{t('backups.list.folder', { folder: listing.destination })}</p> : null}
      {!listing.destination ? (
        <p>{t('backups.list.noFolder')}</p>
      ) : !listing.available ? (
        <p>{t('backups.list.unavailable')}</p>
      ) : listing.bundles.length === 0 ? (
        <p>{t('backups.list.empty')}</p>
      ) : (
        <table className="data-table data-table-middle">
          <thead>
            <tr>
              <th scope="col">{t('backups.list.made')}</th>
              <th scope="col">{t('backups.list.by')}</th>
              <th scope="col">{t('backups.list.size')}</th>
              <th scope="col">{t('backups.list.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('backups.list.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.bundles.map((b) => {
              const ours = b.state === 'verified' || b.state === 'unverified';
              return (
                <tr key={b.name}>
                  <td>{formatDateTime(b.createdAt)}</td>
                  <td>{madeByLabel(t, b)}</td>
                  <td>{sizeLabel(b.sizeBytes)}</td>
                  <td>
                    <StateChip bundle={b} />
                  </td>
                  <td className="bk-actions">
                    {ours ? (
                      <>
                        <ActionButton
                          variant="quiet"
                          isPending={checking === b.name}
                          isDisabled={busy || checking !== null}
                          aria-label={`${t('backups.list.verify')}: ${formatDateTime(b.createdAt)}`}
                          onPress={() => {
                            setChecking(b.name);
                            setResult(null);
                            verify.mutate(
                              { bundle: b.name },
                              {
                                onSuccess: (r) =>
                                  setResult({ tone: 'success', message: t('backups.list.checked', { date: formatDateTime(b.createdAt), count: r.rows, n: formatCount(r.rows) }) }),
                                onError: ({ error }) => setResult({ tone: 'error', message: error.message }),
                                onSettled: () => setChecking(null),
                              },
                            );
                          }}
                        >
                          {t('backups.list.verify')}
                        </ActionButton>
                        <ActionButton
                          variant="quiet"
                          isDisabled={busy || checking !== null}
                          aria-label={`${t('backups.list.restore')} ${formatDateTime(b.createdAt)}`}
                          onPress={() => onRestore(b)}
                        >
                          {t('backups.list.restore')}
                        </ActionButton>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {listing.unfinished > 0 ? <p className="field-description">{t('backups.list.unfinished', { count: listing.unfinished, n: formatCount(listing.unfinished) })}</p> : null}
      {checking ? <BackupProgressBar operation="verify" progress={progress} /> : null}
      {result ? <Notice tone={result.tone}>{result.message}</Notice> : null}
    </section>
  );
}
