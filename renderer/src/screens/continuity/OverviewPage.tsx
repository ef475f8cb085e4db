import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview, SessionInfo } from '../../../../shared/contract';
import { MEASURE_KEYS } from '../../../../shared/continuity/measures';
import { appErrorOf } from '../../api/invoke';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { PeriodPicker, usePeriodChoice } from '../../components/PeriodPicker';
import type { PeriodPreset } from '../../components/period';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { formatMeasure, MeasureItem } from './ContinuityMeasures';
import { downloadCsv } from '../../components/download';
import { formatLongDay } from '../../components/dates';
import { formatCount } from '../../components/numbers';
import { capitalise, categoryLabel } from './format';
import { useExportOverview, useOverview } from '../../api/continuity-queries';
import './continuity.css';
import { OverviewPrintActions } from '../printouts/FramedPrintActions';

const OVERVIEW_PRESETS: readonly PeriodPreset[] = ['thisMonth', 'last3Months', 'last12Months'];

function CountCard({ title, value, help }: { title: string; value: number; help: string }) {
  return (
    <div className="cx-count-card">
      <dt>{title}</dt>
      <dd className="cx-count-value">{formatCount(value)}</dd>
      <dd className="cx-count-help">{help}</dd>
    </div>
  );
}

function OverviewResults({ o, people, person }: { o: Overview; people: string; person: string }) {
  const { t } = useTranslation();
  const ids = { counts: useId(), supplies: useId(), continuity: useId() };
  const c = o.continuity;
  return (
    <>
      <section aria-labelledby={ids.counts} className="cx-overview-section">
        <h2 id={ids.counts}>{t('overview.counts.heading')}</h2>
        <p className="cx-muted">{t('overview.counts.intro')}</p>
        <dl className="cx-count-grid">
          <CountCard title={t('overview.counts.people', { People: capitalise(people) })} value={o.distinctPeople} help={t('overview.counts.peopleHelp', { people })} />
          <CountCard title={t('overview.counts.contacts')} value={o.contacts} help={t('overview.counts.contactsHelp')} />
          <CountCard title={t('overview.counts.naloxone')} value={o.naloxoneKits} help={t('overview.counts.naloxoneHelp')} />
          <CountCard title={t('overview.counts.newPeople', { people })} value={o.newPeople} help={t('overview.counts.newPeopleHelp')} />
          <CountCard title={t('overview.counts.returns')} value={o.returnsAfterTimeAway} help={t('overview.counts.returnsHelp')} />
        </dl>
      </section>

      <section aria-labelledby={ids.supplies} className="cx-overview-section">
        <h2 id={ids.supplies}>{t('overview.supplies.heading')}</h2>
        {o.supplies.length === 0 ? (
          <p className="cx-muted">{t('overview.supplies.none')}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t('overview.supplies.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overview.supplies.type')}</th>
                <th scope="col">{t('overview.supplies.category')}</th>
                <th scope="col" className="num">
                  {t('overview.supplies.quantity')}
                </th>
              </tr>
            </thead>
            <tbody>
              {o.supplies.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td>{categoryLabel(t, s.category)}</td>
                  <td className="num">{formatCount(s.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby={ids.continuity} className="cx-overview-section">
        <h2 id={ids.continuity}>{t('overview.continuity.heading')}</h2>
        <p className="cx-muted">{t('overview.continuity.intro', { people })}</p>
        <dl className="cx-measure-list cx-measure-grid">
          {MEASURE_KEYS.map((key) => (
            <MeasureItem
              key={key}
              measure={key}
              value={c[key].mean === null ? null : formatMeasure(c[key].mean)}
              note={t('measures.coversPeople', { count: c[key].people, n: formatCount(c[key].people), person, people })}
            />
          ))}
          <MeasureItem
            measure="twoContacts90DaysApart"
            value={t('overview.continuity.ofPeople', { n: formatCount(c.twoContacts90DaysApart), total: formatCount(c.peopleSeen) })}
            note={t('overview.continuity.retentionNote', { people, day: formatLongDay(c.retentionTo) })}
          />
          <MeasureItem
            measure="contactInLast6Months"
            value={t('overview.continuity.ofPeople', { n: formatCount(c.contactInLast6Months), total: formatCount(c.peopleSeen) })}
            note={t('overview.continuity.recentNote', { people, day: formatLongDay(c.retentionTo) })}
          />
        </dl>
      </section>
    </>
  );
}

/** The clinic over a chosen period: people, contacts and naloxone kits counted apart, supplies, continuity. */
export function OverviewPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('overview.title'));
  const { people, person } = usePeopleWords(info.settings.peopleWord);
  const periodChoice = usePeriodChoice(info.settings.timeZone, 'last3Months');
  const { period } = periodChoice;
  const overview = useOverview(period);
  const exportCsv = useExportOverview();
  const [exported, setExported] = useState<string | null>(null);

  return (
    <div className="page page-wide cx-overview-page">
      <PageHeading>{t('overview.title')}</PageHeading>
      <p className="lead">{t('overview.intro', { People: capitalise(people) })}</p>

      <PeriodPicker
        label={t('overview.period.label')}
        presets={OVERVIEW_PRESETS}
        state={periodChoice}
        footer={
          <>
            {exported ? <Notice tone="success">{t('overview.exported', { file: exported })}</Notice> : null}
            {exportCsv.isError ? <Notice tone="error">{appErrorOf(exportCsv.error).message}</Notice> : null}
          </>
        }
      >
        <div className="cx-period-export">
          <ActionButton
            isDisabled={!period}
            isPending={exportCsv.isPending}
            onPress={() => {
              if (!period) return;
              setExported(null);
              exportCsv.mutate(period, {
                onSuccess: ({ filename, csv }) => {
                  downloadCsv(filename, csv);
                  setExported(filename);
                },
              });
            }}
          >
            {t('overview.export')}
          </ActionButton>
          <OverviewPrintActions period={period} />
        </div>
      </PeriodPicker>

      {period ? (
        <p className="cx-overview-period-line" aria-live="polite">
          {t('overview.period.showing', { from: formatLongDay(period.from), to: formatLongDay(period.to) })}
        </p>
      ) : null}

      {!period ? null : overview.isPending ? (
        <p role="status">{t('overview.loading')}</p>
      ) : overview.isError ? (
        <Notice tone="error">{appErrorOf(overview.error).message}</Notice>
      ) : (
        <div aria-busy={overview.isPlaceholderData} className="cx-overview-results">
          <OverviewResults o={overview.data} people={people} person={person} />
        </div>
      )}
    </div>
  );
}
