import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import './emergency.css';

/**
 * Shown above everything for as long as an emergency-access session lasts, on every screen, so
 * nobody forgets that this is not an ordinary sign-in and that it is being recorded as such.
 */
export function EmergencyBanner({ info, onSignOut }: { info: SessionInfo; onSignOut(): void }) {
  const { t } = useTranslation();
  if (!info.emergency) return null;
  return (
    <div className="em-banner" role="status" data-testid="emergency-banner">
      <span className="em-mark" aria-hidden="true">
        !
      </span>
      <p className="em-text">
        <strong>{t('emergency.banner', { who: info.user.displayName })}</strong> {t('emergency.bannerEnd')}
      </p>
      <ActionButton variant="primary" onPress={onSignOut}>
        {t('shell.signOut')}
      </ActionButton>
    </div>
  );
}
