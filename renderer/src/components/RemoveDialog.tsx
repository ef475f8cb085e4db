import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { reasonSchema } from '../../../shared/contract';
import { ActionButton } from './ActionButton';
import { Notice } from './Notice';
import { TextInput } from './TextInput';
import { ValidatedForm } from './ValidatedForm';
import { useFieldErrors } from './use-field-errors';
import { sayIssue } from '../i18n/say';

interface RemoveDialogProps {
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  body: string;
  confirmLabel: string;
  isPending: boolean;
  error: string | null;
  onConfirm(reason: string): void;
}

/**
 * Removing asks why, because nothing is ever deleted outright: the record stays, dimmed, with the
 * reason, and an administrator can restore it (DESIGN.md, Reliability).
 */
export function RemoveDialog({ isOpen, onOpenChange, ...form }: RemoveDialogProps) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">{({ close }) => <RemoveForm {...form} close={close} />}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Inside the dialog, so each opening starts with an empty reason. */
function RemoveForm({ title, body, confirmLabel, isPending, error, onConfirm, close }: Omit<RemoveDialogProps, 'isOpen' | 'onOpenChange'> & { close(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { formRef, scope, setErrors } = useFieldErrors();
  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = reasonSchema.safeParse(reason);
        if (!parsed.success) {
          setErrors({ reason: sayIssue(parsed.error.issues[0]) ?? t('entries.reasonNeeded') });
          return;
        }
        onConfirm(parsed.data);
      }}
    >
      <Heading slot="title" className="dialog-title">
        {title}
      </Heading>
      <p>{body}</p>
      <TextInput label={t('entries.reason')} name="reason" value={reason} onChange={setReason} description={t('entries.reasonHelp')} autoFocus />
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="form-actions">
        <ActionButton variant="quiet" onPress={close}>
          {t('entries.cancel')}
        </ActionButton>
        <ActionButton type="submit" variant="primary" isPending={isPending}>
          {confirmLabel}
        </ActionButton>
      </div>
    </ValidatedForm>
  );
}
