import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { canReadClinical } from '../../../../shared/roles';
import { appErrorOf } from '../../api/invoke';
import { usePersonSummary } from '../../api/record-queries';
import { CheckboxField } from '../../components/CheckboxField';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { personLabel } from '../continuity/format';
import { personHref } from '../continuity/links';
import { PersonSummaryDocument } from './PersonSummaryDocument';
import { PrintActions } from './PrintActions';
import { usePrintFrameWords } from './print-frame';

/**
 * "Print or save for them": the controls on screen, and below them the summary as it will be on
 * paper. Only the summary prints. Clinical notes are offered only to roles that read them (core
 * refuses them to any other), and are off until chosen.
 */
export function PersonSummaryPage({ personId, info }: { personId: number; info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('summary.pageTitle'));
  const [withNotes, setWithNotes] = useState(false);
  const summary = usePersonSummary(personId, withNotes);
  const doc = summary.data;
  const name = doc ? personLabel(doc.person) : '';
  const frame = usePrintFrameWords(t('summary.footer', { name }));
  return (
    <div className="page page-printout">
      <div className="screen-only printout-controls">
        <p className="breadcrumb">
          <a href={personHref(personId)}>{t('summary.backToPerson')}</a>
        </p>
        <PageHeading>{doc ? t('summary.heading', { name }) : t('summary.pageTitle')}</PageHeading>
        <p className="lead">{t('summary.intro')}</p>
        {canReadClinical(info.user.role) ? (
          <CheckboxField isSelected={withNotes} onChange={setWithNotes} detail={t('summary.includeNotesHelp')}>
            {t('summary.includeNotes')}
          </CheckboxField>
        ) : null}
        <PrintActions frame={frame} fileName={t('summary.fileName', { code: doc?.person.clientCode ?? personId, day: doc?.madeOn ?? '' })} isDisabled={!doc} />
      </div>
      {summary.isError ? (
        <Notice tone="error">{appErrorOf(summary.error).message}</Notice>
      ) : !doc ? (
        <p role="status">{t('printout.loading')}</p>
      ) : (
        <div className="printout-paper" role="region" aria-label={t('printout.previewLabel')}>
          <PersonSummaryDocument doc={doc} />
        </div>
      )}
    </div>
  );
}
