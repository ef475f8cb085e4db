import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { StaffDialog } from './StaffDialog';

interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel?: string;
  pending: boolean;
  error: string | null;
  onConfirm(): void;
  onClose(): void;
}

/** "Are you sure" with the consequence in plain words; the safe choice is the one focused first. */
export function ConfirmDialog({ title, body, confirmLabel, cancelLabel, pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <StaffDialog title={title} busy={pending} onClose={onClose}>
      <p>{body}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="form-actions">
        <ActionButton variant="quiet" isDisabled={pending} onPress={onClose} autoFocus>
          {cancelLabel ?? t('staff.edit.cancel')}
        </ActionButton>
        <ActionButton variant="primary" isPending={pending} onPress={onConfirm}>
          {confirmLabel}
        </ActionButton>
      </div>
    </StaffDialog>
  );
}
