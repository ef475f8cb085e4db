import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHubStateAsOpened } from '../api/hub-queries';
import { BrandMark } from './BrandMark';
import { HubBanner } from './HubBanner';

/** The frame for everything before signing in: the name, one card, nothing from any record (and, on a clinic hub that can't be reached, a calm word about it). */
export function AuthLayout({
  children,
  width = 'narrow',
  showWhere = true,
}: {
  children: ReactNode;
  width?: 'narrow' | 'medium' | 'wide';
  /** Off while the first run is still choosing where the records will be. */
  showWhere?: boolean;
}) {
  const { t } = useTranslation();
  const hub = useHubStateAsOpened();
  // Where the records are, truly: this computer, or the clinic's hub (here, or at its address). Nothing until known.
  const footnote = !hub || !showWhere
    ? null
    : hub.serverHere
      ? t('hubSetup.footnote.serverHere')
      : hub.mode === 'joined' && hub.hub
        ? t('hubSetup.footnote.joined', { host: hub.hub.host })
        : t('app.footnote');
  return (
    <div className="auth-layout">
      <HubBanner />
      <div className="auth-brand">
        <BrandMark size={32} />
        <span className="auth-brand-name">{t('app.name')}</span>
      </div>
      <main className={`auth-card auth-card-${width}`}>{children}</main>
      <p className="auth-footnote" data-testid="records-where">
        {footnote}
      </p>
    </div>
  );
}
