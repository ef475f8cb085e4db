import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/hash-route';
import { Notice } from '../../components/Notice';
import { withAgo } from './format';
import { useBackupStatus } from '../../api/backup-queries';
import { useSay } from '../../i18n/say';
import './backups.css';

/** On an administrator's home screen: the last checked backup and the last practice restore, and any warning. */
export function BackupHomeNote() {
  const { t } = useTranslation();
  const say = useSay();
  const status = useBackupStatus();
  if (!status.data) return null;
  const s = status.data;
  return (
    <section className="panel bk-home" aria-labelledby="bk-home">
      <h2 id="bk-home">{t('backups.home.heading')}</h2>
      {s.warning && s.warning.kind !== 'off' ? <Notice tone={s.warning.kind === 'overdue' || s.warning.kind === 'noDestination' ? 'info' : 'error'}>{say(s.warning.message)}</Notice> : null}
      <p>{s.lastVerifiedBackup ? t('backups.home.lastVerified', { when: withAgo(t, s.lastVerifiedBackup.createdAt) }) : t('backups.home.none')}</p>
      <p>{s.lastDrill ? t('backups.home.lastDrill', { when: withAgo(t, s.lastDrill.at) }) : t('backups.home.drillNone')}</p>
      <p>
        <a href={routeHref('/backups')}>{t('backups.home.link')}</a>
      </p>
    </section>
  );
}
