import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels } from '../../../../shared/contract';
import type { Role } from '../../../../shared/roles';
import { appErrorOf } from '../../api/invoke';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { downloadBase64 } from '../../components/download';
import { personSummaryHref } from './print-route';

/** Whose role may export a whole record: the contract's own list, so the button and core agree. */
const EXPORT_ROLES: readonly Role[] = channels['records.personExport'].access;

/**
 * On the person page: a summary to print or save for them (every role), and the complete export of
 * their record when they ask for all of it (administrators and clinicians; core checks it too).
 */
export function OwnRecordActions({ personId, role }: { personId: number; role: Role }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<string | null>(null);
  const exportAll = useApiMutation('records.personExport', {
    onSuccess: (out) => {
      downloadBase64(out.fileName, out.zipBase64, 'application/zip');
      setSaved(out.fileName);
    },
  });
  const canExport = EXPORT_ROLES.includes(role);
  return (
    <section className="own-record-actions" aria-label={t('ownRecord.actionsLabel')}>
      <a className="button button-secondary" href={personSummaryHref(personId)}>
        {t('ownRecord.printSummary')}
      </a>
      {canExport ? (
        <ActionButton
          variant="quiet"
          isPending={exportAll.isPending}
          aria-describedby={`own-record-export-help-${personId}`}
          onPress={() => {
            setSaved(null);
            exportAll.mutate({ personId });
          }}
        >
          {exportAll.isPending ? t('ownRecord.exporting') : t('ownRecord.exportAll')}
        </ActionButton>
      ) : null}
      {canExport ? (
        <p id={`own-record-export-help-${personId}`} className="own-record-help">
          {t('ownRecord.exportHelp')}
        </p>
      ) : null}
      {saved ? <Notice tone="success">{t('ownRecord.exported', { file: saved })}</Notice> : null}
      {exportAll.isError ? <Notice tone="error">{appErrorOf(exportAll.error).message}</Notice> : null}
    </section>
  );
}
