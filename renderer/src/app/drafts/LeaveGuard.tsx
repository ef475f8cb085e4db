import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { ActionButton } from '../../components/ActionButton';
import { onLeaveRequest } from '../hash-route';
import { flushDraftSaves } from './pending-saves';
import './drafts.css';

/**
 * "Leave this form?": asked when a link, the side menu, Back or Cancel would leave a form that holds
 * unsaved typing. Staying is the default (it has focus, and Escape stays); leaving keeps the typing
 * as unsaved work, so it is a question about where to be, not about losing anything.
 */
export function LeaveGuard() {
  const { t } = useTranslation();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const proceed = useRef<(() => void) | null>(null);

  useEffect(
    () =>
      onLeaveRequest((next) => {
        proceed.current = next;
        setPending(() => next);
      }),
    [],
  );

  const stay = () => {
    proceed.current = null;
    setPending(null);
  };
  const leave = () => {
    const next = proceed.current;
    proceed.current = null;
    setPending(null);
    // What is waiting for its timer is sent first, then the form goes.
    void flushDraftSaves();
    next?.();
  };

  return (
    <ModalOverlay isOpen={pending !== null} onOpenChange={(open) => (open ? undefined : stay())} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog leave-dialog" role="alertdialog">
          <Heading slot="title" className="dialog-title">
            {t('drafts.leave.title')}
          </Heading>
          <p>{t('drafts.leave.body')}</p>
          <div className="leave-dialog-actions">
            <ActionButton variant="quiet" onPress={leave}>
              {t('drafts.leave.leave')}
            </ActionButton>
            <ActionButton variant="primary" onPress={stay} autoFocus>
              {t('drafts.leave.stay')}
            </ActionButton>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
