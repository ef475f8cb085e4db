import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { AuthLayout } from '../../components/AuthLayout';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { BreakGlassForm } from '../users/BreakGlassForm';
import { RecoverForm } from './RecoverForm';
import { LanguageField } from '../../components/LanguageField';
import { isLanguage, setWorkstationLanguage } from '../../i18n/language';
import { SignInForm } from './SignInForm';

/**
 * Signing in, and the lock screen. Locked, it shows only that Doorway is locked and how to get back in:
 * no clinic name, no names, nothing from the screen that was open.
 */
/** The language before anyone signs in, remembered on this computer; a person's own choice wins once signed in. */
function SignInLanguage() {
  const { t, i18n } = useTranslation();
  const shown = isLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <LanguageField
      className="auth-language"
      name="signInLanguage"
      label={t('languages.signIn')}
      value={shown}
      onChange={setWorkstationLanguage}
      description={t('languages.signInDescription')}
    />
  );
}

export function SignInScreen({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'signIn' | 'recover' | 'emergency'>('signIn');
  useDocumentTitle(view === 'recover' ? t('recover.title') : view === 'emergency' ? t('emergency.title') : locked ? t('lock.title') : t('signIn.title'));

  if (view === 'recover') {
    return (
      // Wider, so the whole recovery code fits on one line as it is typed.
      <AuthLayout width="medium">
        <PageHeading focusOnMount={false}>{t('recover.heading')}</PageHeading>
        <p className="lead">{t('recover.intro')}</p>
        <RecoverForm onBack={() => setView('signIn')} />
      </AuthLayout>
    );
  }
  if (view === 'emergency') {
    return (
      <AuthLayout width="medium">
        <PageHeading focusOnMount={false}>{t('emergency.heading')}</PageHeading>
        <p className="lead">{t('emergency.intro')}</p>
        <BreakGlassForm onBack={() => setView('signIn')} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout>
      <PageHeading focusOnMount={false}>{locked ? t('lock.heading') : t('signIn.heading')}</PageHeading>
      <p className="lead">{locked ? t('lock.intro') : t('signIn.intro')}</p>
      <SignInForm onForgot={() => setView('recover')} />
      <p className="auth-footnote">
        <ActionButton variant="quiet" onPress={() => setView('emergency')}>
          {t('emergency.link')}
        </ActionButton>
      </p>
      <SignInLanguage />
    </AuthLayout>
  );
}
