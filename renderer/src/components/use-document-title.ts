import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Window titles name the screen, never a person or the clinic, so a taskbar shows nothing private. */
export function useDocumentTitle(screen: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title', { screen });
  }, [screen, t]);
}
