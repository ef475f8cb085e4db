import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from './BrandMark';

/** The frame for everything before signing in: the name, one card, nothing from any record. */
export function AuthLayout({ children, width = 'narrow' }: { children: ReactNode; width?: 'narrow' | 'medium' | 'wide' }) {
  const { t } = useTranslation();
  return (
    <div className="auth-layout">
      <div className="auth-brand">
        <BrandMark size={32} />
        <span className="auth-brand-name">{t('app.name')}</span>
      </div>
      <main className={`auth-card auth-card-${width}`}>{children}</main>
      <p className="auth-footnote">{t('app.footnote')}</p>
    </div>
  );
}
