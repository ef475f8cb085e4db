import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleSummary, SessionInfo } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { BackupList } from './BackupList';
import { BackupSettingsForm } from './BackupSettingsForm';
import { BackupStatusPanel } from './BackupStatusPanel';
import { useBackupList, useBackupProgress, useBackupStatus } from '../../api/backup-queries';
import { RestoreDialog } from './RestoreDialog';
import { UndoRestorePanel } from './UndoRestorePanel';
import './backups.css';

/** Backups, for administrators: at a glance, the backups in the folder (check, restore), undo, settings. */
export function BackupsPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('backups.title'));
  const isAdmin = info.user.role === 'administrator';
  const status = useBackupStatus(isAdmin);
  const list = useBackupList(isAdmin);
  const progress = useBackupProgress();
  const [restoring, setRestoring] = useState<BundleSummary | null>(null);

  return (
    <div className="page bk-page">
      <PageHeading>{t('backups.heading')}</PageHeading>
      {!isAdmin ? (
        <p>{t('backups.adminsOnly')}</p>
      ) : status.isPending ? (
        <p role="status">{t('backups.loading')}</p>
      ) : status.isError ? (
        <Notice tone="error">{appErrorOf(status.error).message}</Notice>
      ) : (
        <>
          <p className="lead">{t('backups.intro')}</p>
          <BackupStatusPanel status={status.data} progress={progress} readAt={status.dataUpdatedAt} />
          {status.data.undo ? <UndoRestorePanel undo={status.data.undo} busy={status.data.running !== null} /> : null}
          {list.data ? (
            <BackupList listing={list.data} progress={progress} busy={status.data.running !== null} onRestore={setRestoring} />
          ) : list.isError ? (
            <Notice tone="error">{appErrorOf(list.error).message}</Notice>
          ) : null}
          <BackupSettingsForm saved={status.data.settings} />
          {restoring ? (
            <RestoreDialog bundle={restoring} peopleWord={info.settings.peopleWord} progress={progress} onClose={() => setRestoring(null)} />
          ) : null}
        </>
      )}
    </div>
  );
}
