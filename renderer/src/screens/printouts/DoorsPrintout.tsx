import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DoorOpenItem, SessionInfo } from '../../../../shared/contract';
import { calendarDay } from '../../../../shared/continuity/days';
import { appErrorOf, call } from '../../api/invoke';
import { formatDay, lengthOfTime, todayIso } from '../../components/dates';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { usePeopleWords } from '../../app/people-word';
import { capitalise } from '../people/person-name';
import { personLabel } from '../continuity/format';
import { doorsHref } from '../continuity/links';
import { PrintActions } from './PrintActions';
import { usePrintFrameWords } from './print-frame';

/** As many as a van shift could use; the list says when there are more. */
const MOST = 500;

/**
 * The outreach list for paper: only what outreach needs (who, since when, how they agreed to be
 * reached, what was tried last) and nothing they did not agree to. Do not contact means no outreach
 * action at all, so those people are not on the sheet; it only says how many were left off.
 * No notes: an outreach note can say more than a sheet left in a van should.
 */
export function DoorsPrintout({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('doorsPrint.pageTitle'));
  const doors = useQuery({ queryKey: ['continuity', 'doors', 'print'], queryFn: () => call('doors.list', { order: 'recently_away', offset: 0, limit: MOST }), gcTime: 0 });
  const frame = usePrintFrameWords(t('doorsPrint.footer'));
  const { people } = usePeopleWords(info.settings.peopleWord);
  const items = doors.data?.items ?? [];
  const reachable = items.filter((i) => !i.reach.doNotContact);
  const leftOff = items.length - reachable.length;
  return (
    <div className="page page-printout">
      <div className="screen-only printout-controls">
        <p className="breadcrumb">
          <a href={doorsHref}>{t('doorsPrint.backToDoors')}</a>
        </p>
        <PageHeading>{t('doorsPrint.heading')}</PageHeading>
        <PrintActions frame={frame} fileName={t('doorsPrint.fileName', { day: todayIso() })} isDisabled={!doors.data} />
      </div>
      {doors.isError ? (
        <Notice tone="error">{appErrorOf(doors.error).message}</Notice>
      ) : !doors.data ? (
        <p role="status">{t('printout.loading')}</p>
      ) : (
        <div className="printout-paper" role="region" aria-label={t('printout.previewLabel')}>
          <article className="printout printout-doors" aria-label={t('doorsPrint.heading')}>
            <header className="printout-head">
              <h2 className="printout-title">{t('doorsPrint.heading')}</h2>
            </header>
            <p className="printout-lead">{t('doorsPrint.intro', { People: capitalise(people), count: info.settings.absenceThresholdDays })}</p>
            {doors.data.total > items.length ? <p className="printout-muted">{t('doorsPrint.showingFirst', { shown: items.length, total: doors.data.total })}</p> : null}
            {reachable.length === 0 ? (
              <p>{t('doorsPrint.empty')}</p>
            ) : (
              <table className="printout-table printout-doors-table">
                <thead>
                  <tr>
                    <th scope="col">{t('doorsPrint.columns.who')}</th>
                    <th scope="col">{t('doorsPrint.columns.away')}</th>
                    <th scope="col">{t('doorsPrint.columns.how')}</th>
                    <th scope="col">{t('doorsPrint.columns.tried')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reachable.map((item) => (
                    <DoorRow key={item.person.id} item={item} timeZone={info.settings.timeZone} />
                  ))}
                </tbody>
              </table>
            )}
            {leftOff > 0 ? <p className="printout-muted">{t('doorsPrint.doNotContact', { count: leftOff })}</p> : null}
          </article>
        </div>
      )}
    </div>
  );
}

function DoorRow({ item, timeZone }: { item: DoorOpenItem; timeZone: string }) {
  const { t } = useTranslation();
  const r = item.reach;
  const ways = [r.okToText && t('doors.reach.ok.text'), r.okToCall && t('doors.reach.ok.call'), r.okToLeaveMessage && t('doors.reach.ok.message'), r.okToEmail && t('doors.reach.ok.email')].filter(
    (w): w is string => typeof w === 'string',
  );
  const last = item.lastOutreach;
  return (
    <tr>
      <th scope="row">
        <span className="printout-who">{personLabel(item.person)}</span>
        {item.person.pronouns ? <span className="printout-muted"> ({item.person.pronouns})</span> : null}
        {personLabel(item.person) !== item.person.clientCode ? (
          <>
            <br />
            <span className="printout-muted">{item.person.clientCode}</span>
          </>
        ) : null}
      </th>
      <td>
        {t('doorsPrint.daysAway', { length: lengthOfTime(t, item.daysAway, item.lastContactDay) })}
        <br />
        <span className="printout-muted">{formatDay(item.lastContactDay)}</span>
      </td>
      <td>
        {ways.length === 0 ? <span className="printout-muted">{t('doorsPrint.noWays')}</span> : ways.join(' · ')}
        {r.phone && (r.okToCall || r.okToText) ? <div>{t('doorsPrint.phone', { phone: r.phone })}</div> : null}
        {r.safeTimes ? <div>{t('doorsPrint.safeTimes', { times: r.safeTimes })}</div> : null}
        {r.trustedContact ? <div>{t('doorsPrint.trusted', { who: r.trustedContact })}</div> : null}
      </td>
      <td>
        {last
          ? t('doorsPrint.tried', {
              day: formatDay(calendarDay(last.at, timeZone)),
              method: t(`doors.outreach.methods.${last.method}`).toLowerCase(),
              result: t(last.reached ? 'doorsPrint.reached' : 'doorsPrint.notReached'),
            })
          : t('doorsPrint.notTried')}
      </td>
    </tr>
  );
}
