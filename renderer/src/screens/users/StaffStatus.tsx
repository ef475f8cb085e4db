import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../../../shared/contract';

/** Active, waiting for a first sign-in, or turned off: words first, colour only as a second cue. */
export function StaffStatus({ account }: { account: StaffAccount }) {
  const { t } = useTranslation();
  if (account.disabled) return <span className="st-status st-status-off">{t('staff.table.off')}</span>;
  if (account.mustChangePassword) return <span className="st-status st-status-waiting">{t('staff.table.waiting')}</span>;
  return <span className="st-status st-status-active">{t('staff.table.active')}</span>;
}
