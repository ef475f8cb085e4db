import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { StaffDialog } from './StaffDialog';

export type TemporaryReason = 'new' | 'reset' | 'on';

const TITLE = { new: 'staff.temporary.titleNew', reset: 'staff.temporary.titleReset', on: 'staff.temporary.titleOn' } as const;

/**
 * The one time a temporary password is shown. Large, monospaced, in groups, so it can be read out
 * across a desk; it is gone from the screen (and from memory) once the dialog closes.
 */
export function TemporaryPasswordDialog({ account, password, reason, onClose }: { account: StaffAccount; password: string; reason: TemporaryReason; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <StaffDialog title={t(TITLE[reason], { name: account.displayName })} onClose={onClose}>
      <p>{t('staff.temporary.body', { name: account.displayName })}</p>
      <dl className="st-credentials">
        <div>
          <dt>{t('staff.temporary.username')}</dt>
          <dd className="st-mono">{account.username}</dd>
        </div>
        <div>
          <dt>{t('staff.temporary.password')}</dt>
          <dd className="st-mono st-temporary" data-testid="temporary-password">
            {password}
          </dd>
        </div>
      </dl>
      <p className="field-description">{t('staff.temporary.next')}</p>
      <div className="form-actions">
        <ActionButton variant="primary" onPress={onClose} autoFocus>
          {t('staff.temporary.done')}
        </ActionButton>
      </div>
    </StaffDialog>
  );
}
