import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/result';
import { ActionButton } from '../components/ActionButton';
import { AuthLayout } from '../components/AuthLayout';
import { Notice } from '../components/Notice';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../components/use-document-title';
import { inOwnLanguage } from '../i18n/say';

/** The moment between opening the window and knowing whether there is a vault. Usually too short to see. */
export function StartingScreen() {
  const { t } = useTranslation();
  useDocumentTitle(t('starting.title'));
  return (
    <AuthLayout>
      <p className="lead" role="status">
        {t('starting.body')}
      </p>
    </AuthLayout>
  );
}

/** Why Doorway cannot start, in the staff member's language now (core gives a key: the language may change while this shows). */
export function UnavailableScreen({ problem, onRetry }: { problem: AppError; onRetry(): void }) {
  const { t } = useTranslation();
  const message = inOwnLanguage(problem).message;
  useDocumentTitle(t('unavailable.title'));
  return (
    <AuthLayout>
      <PageHeading focusOnMount={false}>{t('unavailable.heading')}</PageHeading>
      <Notice tone="error">{message}</Notice>
      <p>{t('unavailable.body')}</p>
      <div className="form-actions">
        <ActionButton variant="primary" onPress={onRetry} autoFocus>
          {t('unavailable.retry')}
        </ActionButton>
      </div>
    </AuthLayout>
  );
}
