import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../shared/contract';
import { routeHref } from '../../app/hash-route';
import { formatPreciseDateTime } from '../../components/dates';
import { actionLabel, detailsLine } from './labels';

/** The trail, newest first: when, who, what, about whom, and a short line of detail. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  return (
    <table className="data-table">
      <caption className="visually-hidden">{t('audit.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.table.when')}</th>
          <th scope="col">{t('audit.table.who')}</th>
          <th scope="col">{t('audit.table.what')}</th>
          <th scope="col">{t('audit.table.about')}</th>
          <th scope="col">{t('audit.table.details')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} className={e.emergency ? 'au-row-emergency' : undefined} data-testid="audit-row">
            <td className="au-when">
              <time dateTime={e.at}>{formatPreciseDateTime(e.at)}</time>
            </td>
            <td>
              {e.actorName ?? <span className="muted">{t('audit.table.doorway')}</span>}
              {e.emergency ? <span className="au-emergency">{t('audit.table.emergency')}</span> : null}
            </td>
            <td>{actionLabel(t, e.action, e.details)}</td>
            <td>{e.person ? <a href={routeHref(`/people/${e.person.id}`)} className="st-mono">{e.person.clientCode}</a> : null}</td>
            <td className="au-details">{detailsLine(t, e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
