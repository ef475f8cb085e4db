import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { PersonSummary } from '../../../../shared/contract';
import type { PeopleListParams } from '../../api/people-queries';
import { routeHref } from '../../app/hash-route';
import { RelativeTime } from '../../components/RelativeTime';
import { leadingName, secondaryName } from './person-name';

/** Every row is one line high, so the list can be positioned without measuring each row. */
const ROW_HEIGHT = 60;

interface PeopleTableProps {
  caption: string;
  rows: PersonSummary[];
  /** All rows there are, loaded or not (for screen readers' "row 5 of 2,000"). */
  total: number;
  /** Sorting by column header; absent for search results, which come ranked. */
  sort?: { value: PeopleListParams['sort']; onChange(sort: PeopleListParams['sort']): void };
  /** Near the end of what is loaded: ask for the next page. */
  onNearEnd?(): void;
  /** An extra last cell per row (restore, for removed records). */
  action?: { header: string; cell(p: PersonSummary): ReactNode };
}

type SortKey = PeopleListParams['sort'];

function SortHeader({ label, value, sort, className }: { label: string; value: SortKey; sort: PeopleTableProps['sort']; className?: string }) {
  const { t } = useTranslation();
  const active = sort?.value === value;
  const direction = value === 'last_contact' ? 'descending' : 'ascending';
  return (
    <div role="columnheader" className={['people-cell', className].filter(Boolean).join(' ')} aria-sort={active ? direction : 'none'}>
      {sort ? (
        <Button className={active ? 'sort-button sort-active' : 'sort-button'} onPress={() => sort.onChange(value)}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (direction === 'descending' ? '↓' : '↑') : ''}
          </span>
          {active ? null : <span className="visually-hidden">{t('people.sortBy', { column: label })}</span>}
        </Button>
      ) : (
        label
      )}
    </div>
  );
}

/**
 * The people list as an ARIA table whose rows are drawn only where they are on screen, so a clinic
 * with twenty thousand people scrolls as smoothly as one with twenty. The name is a link, and the
 * whole row opens the record.
 */
export function PeopleTable({ caption, rows, total, sort, onNearEnd, action }: PeopleTableProps) {
  const { t } = useTranslation();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    setOffset(bodyRef.current ? bodyRef.current.getBoundingClientRect().top + window.scrollY : 0);
  }, []);
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: () => ROW_HEIGHT, overscan: 12, scrollMargin: offset });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (onNearEnd && lastIndex >= rows.length - 30) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const columns = action ? 'people-row people-row-action' : 'people-row';
  return (
    <div role="table" className="people-table" aria-label={caption} aria-rowcount={total + 1}>
      <div role="rowgroup" className="people-head">
        <div role="row" className={columns} aria-rowindex={1}>
          <SortHeader label={t('people.columns.name')} value="name" sort={sort} />
          <div role="columnheader" className="people-cell">
            {t('people.columns.pronouns')}
          </div>
          <SortHeader label={t('people.columns.clientCode')} value="client_code" sort={sort} />
          <div role="columnheader" className="people-cell">
            {t('people.columns.phase')}
          </div>
          <SortHeader label={t('people.columns.lastContact')} value="last_contact" sort={sort} />
          <div role="columnheader" className="people-cell people-cell-number">
            {t('people.columns.contacts')}
          </div>
          {action ? (
            <div role="columnheader" className="people-cell">
              <span className="visually-hidden">{action.header}</span>
            </div>
          ) : null}
        </div>
      </div>
      <div role="rowgroup" ref={bodyRef} className="people-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const p = rows[item.index];
          if (!p) return null;
          const other = secondaryName(p);
          return (
            <div
              key={p.id}
              role="row"
              aria-rowindex={item.index + 2}
              className={p.deleted ? `${columns} people-row-removed` : columns}
              style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
            >
              <div role="cell" className="people-cell people-name">
                <a href={routeHref(`/people/${p.id}`)} className="people-link">
                  {leadingName(p)}
                </a>
                {other ? (
                  <span className="people-other-name" title={other}>
                    {other}
                  </span>
                ) : null}
              </div>
              <div role="cell" className="people-cell">
                {p.pronouns ?? ''}
              </div>
              <div role="cell" className="people-cell">
                <code className="client-code">{p.clientCode}</code>
              </div>
              <div role="cell" className="people-cell">
                <span className={`chip chip-phase-${p.phase}`}>{t(`phase.names.${p.phase}`)}</span>
              </div>
              <div role="cell" className="people-cell">
                <RelativeTime iso={p.lastContactAt} none={t('people.noContactYet')} />
              </div>
              <div role="cell" className="people-cell people-cell-number">
                {p.contactCount}
              </div>
              {action ? (
                <div role="cell" className="people-cell people-cell-action">
                  {action.cell(p)}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
