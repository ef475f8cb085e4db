import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/contract';
import { queryKeys } from '../api/queries';
import { appLocale } from '../components/locale';
import { applyLanguage, languageBeforeSignIn, languageSignedIn, rememberClinicLanguage } from './language';

/**
 * Keeps the screens in the right language as the session changes: signing in, a choice saved in
 * Settings, the clinic's default changed, a lock. It follows the session in the query cache, so any
 * screen that updates the session (sign-in, Settings) switches the language at once, without signing out.
 * The date fields (react-aria) follow the same locale as every other date.
 */
export function LanguageFollower({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // Re-renders (and gives the date fields their new locale) when the language changes.
  useTranslation();
  useEffect(() => {
    const follow = () => {
      const info = queryClient.getQueryData<SessionInfo>(queryKeys.session);
      if (info) {
        rememberClinicLanguage(info.settings.language);
        applyLanguage(languageSignedIn(info.language, info.settings.language));
      } else {
        applyLanguage(languageBeforeSignIn());
      }
    };
    follow();
    const key = JSON.stringify(queryKeys.session);
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.query.queryHash === key) follow();
    });
  }, [queryClient]);
  return <I18nProvider locale={appLocale()}>{children}</I18nProvider>;
}
