import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import type { HistoryItem } from '../../../shared/contract';
import { appErrorOf } from '../api/invoke';
import { useHistory, type HistoryType } from '../api/people-queries';
import { formatDateTime } from './dates';

interface RecordHistoryProps {
  recordType: HistoryType;
  id: number;
  /** What the record said before an edit, in the section's own words. */
  describePrevious(previous: Record<string, unknown>): ReactNode;
  /** The trigger's words, where "Show history" alone would not say of what. */
  label?: string;
}

const CHANGE_KEYS = {
  edit: 'history.edited',
  delete: 'history.removed',
  restore: 'history.restored',
} as const;

/**
 * Every change keeps what was there before (DESIGN.md, Nothing lost): who changed it, when, and the
 * earlier wording, loaded only when someone opens it.
 */
export function RecordHistory({ recordType, id, describePrevious, label }: RecordHistoryProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useHistory(recordType, id, open);
  return (
    <Disclosure isExpanded={open} onExpandedChange={setOpen} className="history">
      <Heading className="history-heading">
        <Button slot="trigger" className="history-trigger">
          <span className="history-chevron" aria-hidden="true">
            ▸
          </span>
          {label ?? t('history.show')}
        </Button>
      </Heading>
      <DisclosurePanel className="history-panel">
        {!open ? null : history.isPending ? (
          <p role="status">{t('history.loading')}</p>
        ) : history.isError ? (
          <p role="alert">{appErrorOf(history.error).message}</p>
        ) : history.data.length === 0 ? (
          <p>{t('history.none')}</p>
        ) : (
          <ol className="history-list">
            {history.data.map((h) => (
              <HistoryRow key={h.id} item={h} describePrevious={describePrevious} />
            ))}
          </ol>
        )}
      </DisclosurePanel>
    </Disclosure>
  );
}

function HistoryRow({ item, describePrevious }: { item: HistoryItem; describePrevious: RecordHistoryProps['describePrevious'] }) {
  const { t } = useTranslation();
  return (
    <li className="history-item">
      <p className="history-what">
        {t(CHANGE_KEYS[item.change], { who: item.changedBy, when: formatDateTime(item.changedAt) })}
        {item.reason ? ` ${t('history.reason', { reason: item.reason })}` : null}
      </p>
      {item.change === 'edit' ? (
        <div className="history-previous">
          <span className="history-previous-label">{t('history.before')}</span>
          {describePrevious(item.previous)}
        </div>
      ) : null}
    </li>
  );
}
