import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { appErrorOf, call } from '../../api/invoke';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { personLabel, personSecondary } from './format';
import { personHref } from './links';
import { PersonContinuity } from './PersonContinuity';
import { TimelinePrintActions } from '../printouts/FramedPrintActions';

/** The engagement timeline at full width, for a long history or for printing. */
export function TimelinePage({ personId }: { personId: number }) {
  const { t } = useTranslation();
  useDocumentTitle(t('timeline.pageTitle'));
  const person = useQuery({
    queryKey: ['continuity', 'person', personId],
    queryFn: async () => (await call('people.get', { id: personId })).person,
  });

  if (person.isError) {
    return (
      <div className="page">
        <PageHeading>{t('timeline.pageTitle')}</PageHeading>
        <Notice tone="error">{appErrorOf(person.error).message}</Notice>
      </div>
    );
  }
  const secondary = person.data ? personSecondary(person.data) : null;
  return (
    <div className="page page-wide">
      <PageHeading>{person.data ? t('timeline.pageHeading', { name: personLabel(person.data) }) : t('timeline.pageTitle')}</PageHeading>
      <div className="cx-page-actions screen-only">
        {secondary ? <span className="cx-muted">{t('timeline.clientCode', { code: secondary })}</span> : null}
        <a href={personHref(personId)}>{t('timeline.backToPerson')}</a>
        <TimelinePrintActions name={person.data ? personLabel(person.data) : ''} clientCode={person.data?.clientCode ?? ''} />
      </div>
      <PersonContinuity personId={personId} wide headingLevel={2} />
    </div>
  );
}
