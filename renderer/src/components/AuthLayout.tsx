import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from './BrandMark';
import { HubBanner } from './HubBanner';

/** The frame for everything before signing in: the name, one card, nothing from any record (and, on a clinic hub that can't be reached, a calm word about it). */
export function AuthLayout({ children, width = 'narrow' }: { children: ReactNode; width?: 'narrow' | 'medium' | 'wide' }) {
  const { t } = useTranslation();
  return (
    <div className="auth-layout">
      <HubBanner />
      <div className="auth-brand">
        <BrandMark size={32} />
        <span className="auth-brand-name">{t('app.name')}</span>
      </div>
      <main className={`auth-card auth-card-${width}`}>{children}</main>
      <p className="auth-footnote">{t('app.footnote')}</p>
    </div>
  );
}
