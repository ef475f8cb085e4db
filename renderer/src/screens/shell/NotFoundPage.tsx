import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/hash-route';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page">
      <PageHeading>{t('notFound.heading')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <a href={routeHref('/')}>{t('notFound.home')}</a>
      </p>
    </div>
  );
}
