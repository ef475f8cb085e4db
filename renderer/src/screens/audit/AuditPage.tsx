import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { useAuditEntries, type AuditFilter } from '../../api/audit-queries';
import { VerifyChainPanel } from './VerifyChainPanel';
import '../users/users.css';
import './audit.css';

const NO_FILTER: AuditFilter = { personId: null, staffId: null, action: null, from: null, to: null };

/** The audit trail, for administrators: filters, the entries newest first, and the chain check. */
export function AuditPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const isAdmin = info.user.role === 'administrator';
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const entries = useAuditEntries(filter, isAdmin);
  const events = entries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page au-page">
      <PageHeading>{t('audit.heading')}</PageHeading>
      {!isAdmin ? (
        <p>{t('audit.adminsOnly')}</p>
      ) : (
        <>
          <p className="lead">{t('audit.intro')}</p>
          <AuditFilters onApply={setFilter} />
          <section className="panel au-list" aria-label={t('audit.table.caption')}>
            {entries.isPending ? (
              <p role="status">{t('audit.loading')}</p>
            ) : entries.isError ? (
              <Notice tone="error">{appErrorOf(entries.error).message}</Notice>
            ) : events.length === 0 ? (
              <p>{t('audit.table.empty')}</p>
            ) : (
              <>
                <AuditTable events={events} />
                {entries.hasNextPage ? (
                  <div className="form-actions form-actions-start">
                    <ActionButton onPress={() => void entries.fetchNextPage()} isPending={entries.isFetchingNextPage}>
                      {t('audit.table.more')}
                    </ActionButton>
                  </div>
                ) : null}
              </>
            )}
          </section>
          <VerifyChainPanel />
        </>
      )}
    </div>
  );
}
