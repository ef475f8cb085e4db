import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/** The frame every staff-account dialog shares. It cannot be dismissed while something is saving. */
export function StaffDialog({ title, busy = false, onClose, children }: { title: string; busy?: boolean; onClose(): void; children: ReactNode }) {
  return (
    <ModalOverlay isOpen isDismissable={!busy} isKeyboardDismissDisabled={busy} onOpenChange={(open) => !open && !busy && onClose()} className="modal-overlay modal-overlay-top">
      <Modal className="modal st-modal">
        <Dialog className="dialog">
          <div className="form">
            <Heading slot="title" className="dialog-title">
              {title}
            </Heading>
            {children}
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
