import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { BackupStatus } from '../../../../shared/contract';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { formatDateTime } from '../../components/dates';

/** After a restore: the records from before are kept, and one button puts them back. */
export function UndoRestorePanel({ undo, busy }: { undo: NonNullable<BackupStatus['undo']>; busy: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const putBack = useApiMutation('backup.undoRestore');
  return (
    <section className="panel bk-undo" aria-labelledby="bk-undo">
      <h2 id="bk-undo">{t('backups.undo.heading')}</h2>
      <p>
        {t('backups.undo.body', {
          when: formatDateTime(undo.setAsideAt),
          bundle: undo.restoredBundleCreatedAt ? formatDateTime(undo.restoredBundleCreatedAt) : undo.restoredBundle,
        })}
      </p>
      <div className="button-row">
        <ActionButton isDisabled={busy} onPress={() => setAsking(true)}>
          {t('backups.undo.button')}
        </ActionButton>
      </div>
      <ModalOverlay isOpen={asking} onOpenChange={(open) => !putBack.isPending && setAsking(open)} isDismissable={!putBack.isPending} className="modal-overlay">
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            <div className="form">
              <Heading slot="title" className="dialog-title">
                {t('backups.undo.title')}
              </Heading>
              <p>{t('backups.undo.detail')}</p>
              {putBack.isError ? <Notice tone="error">{putBack.error.error.message}</Notice> : null}
              <div className="form-actions">
                <ActionButton variant="quiet" isDisabled={putBack.isPending} onPress={() => setAsking(false)}>
                  {t('backups.undo.cancel')}
                </ActionButton>
                <ActionButton variant="primary" isPending={putBack.isPending} onPress={() => putBack.mutate({ confirm: true })}>
                  {t('backups.undo.confirm')}
                </ActionButton>
              </div>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}
