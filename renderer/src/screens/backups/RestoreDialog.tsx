import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { BackupProgress, BundleSummary } from '../../../../shared/contract';
import type { PeopleWord } from '../../../../shared/people-word';
import { useApiMutation } from '../../api/queries';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { BackupProgressBar } from './BackupProgressBar';
import { formatDateTime } from '../../components/dates';
import { madeByLabel } from './format';
import { formatCount } from '../../components/numbers';

interface RestoreDialogProps {
  bundle: BundleSummary;
  peopleWord: PeopleWord;
  progress: BackupProgress | null;
  onClose(): void;
}

/**
 * Restore, in the order the administrator needs to trust it: the backup is checked completely, then
 * what it holds and who can sign in afterwards is shown, and only then can it be restored. The current
 * records are set aside (undoable), and everyone is signed out when it is done.
 */
export function RestoreDialog({ bundle, peopleWord, progress, onClose }: RestoreDialogProps) {
  const { t } = useTranslation();
  const words = usePeopleWords(peopleWord);
  const preview = useApiMutation('backup.preview');
  const restore = useApiMutation('backup.restore');
  const { mutate: startPreview } = preview;
  const started = useRef(false);
  useEffect(() => {
    // Once per opening: the check reads the whole backup.
    if (started.current) return;
    started.current = true;
    startPreview({ bundle: bundle.name });
  }, [bundle.name, startPreview]);
  const busy = preview.isPending || restore.isPending;
  const p = preview.data;
  const madeOn = formatDateTime(bundle.createdAt);

  return (
    <ModalOverlay isOpen onOpenChange={(open) => !open && !busy && onClose()} isDismissable={!busy} className="modal-overlay modal-overlay-top">
      <Modal className="modal bk-restore-modal">
        <Dialog className="dialog">
          <div className="form">
            <Heading slot="title" className="dialog-title">
              {t('backups.restore.title', { date: madeOn })}
            </Heading>
            {preview.isPending ? (
              <>
                <p>{t('backups.restore.checking')}</p>
                <BackupProgressBar operation="verify" progress={progress} />
              </>
            ) : preview.isError ? (
              <Notice tone="error">{preview.error.error.message}</Notice>
            ) : p ? (
              <>
                <p>
                  {t('backups.restore.made', { date: madeOn, who: madeByLabel(t, p.bundle) })}{' '}
                  {t('backups.restore.holds', {
                    people: `${formatCount(p.counts.people)} ${p.counts.people === 1 ? words.person : words.people}`,
                    contacts: t('backups.restore.contacts', { count: p.counts.contacts, n: formatCount(p.counts.contacts) }),
                    staff: t('backups.restore.staff', { count: p.counts.staff, n: formatCount(p.counts.staff) }),
                  })}
                </p>
                <div className="bk-signin">
                  <h3>{t('backups.restore.signInHeading')}</h3>
                  <p>{t('backups.restore.signInBody', { date: madeOn })}</p>
                  <ul className="plain-list bk-staff">
                    {p.staff.map((s) => (
                      <li key={s.username}>
                        <strong>{s.displayName}</strong> <span className="muted">({s.username})</span>
                        {s.disabled ? <span className="muted"> · {t('backups.restore.turnedOff')}</span> : null}
                      </li>
                    ))}
                  </ul>
                </div>
                <Notice tone="info">
                  {t('backups.restore.setAside')} {t('backups.restore.signedOut')}
                </Notice>
                {p.olderSchema ? <p className="field-description">{t('backups.restore.olderSchema')}</p> : null}
                {restore.isPending ? (
                  <>
                    <p role="status">{t('backups.restore.restoring')}</p>
                    <BackupProgressBar operation="restore" progress={progress} />
                  </>
                ) : null}
                {restore.isError ? <Notice tone="error">{restore.error.error.message}</Notice> : null}
              </>
            ) : null}
            <div className="form-actions">
              <ActionButton variant="quiet" isDisabled={busy} onPress={onClose}>
                {p && !restore.isError ? t('backups.restore.cancel') : t('backups.restore.close')}
              </ActionButton>
              {p && !restore.isError ? (
                <ActionButton variant="primary" isPending={restore.isPending} onPress={() => restore.mutate({ bundle: bundle.name, confirm: true })}>
                  {t('backups.restore.confirm')}
                </ActionButton>
              ) : null}
            </div>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
