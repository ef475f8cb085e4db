import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { formatDay, formatTime, lengthOfTime } from '../../components/dates';
import { annotationText } from './timeline-describe';
import { windowDays, type TimelineModel, type ViewWindow } from './timeline-model';

const PAGE = 200;

function EpisodesTable({ model }: { model: TimelineModel }) {
  const { t } = useTranslation();
  const { episodes, timeAway, currentAbsence, contacts, today } = model.data;
  const rows: { key: string; what: string; from: string; to: string; size: string }[] = [];
  episodes.forEach((e, i) => {
    if (i > 0) {
      const gap = timeAway[i - 1]!;
      rows.push({
        key: `away-${i}`,
        what: t('timeline.table.timeAway'),
        from: formatDay(gap.from),
        to: formatDay(gap.to),
        size: t('timeline.table.awayLength', { length: lengthOfTime(t, gap.days, gap.from), count: gap.days }),
      });
    }
    rows.push({
      key: `episode-${i}`,
      what: i === 0 ? t('timeline.table.episode', { number: i + 1 }) : t('timeline.table.episodeWelcome', { number: i + 1 }),
      from: formatDay(e.start),
      to: formatDay(e.end),
      size: t('timeline.count.contacts', { count: e.contactCount }),
    });
  });
  const last = contacts.at(-1);
  if (currentAbsence?.away && last) {
    rows.push({
      key: 'away-now',
      what: t('timeline.table.timeAwaySoFar'),
      from: formatDay(last.day),
      to: formatDay(today),
      size: t('timeline.table.awayLength', { length: lengthOfTime(t, currentAbsence.days, last.day), count: currentAbsence.days }),
    });
  }
  return (
    <table className="data-table">
      <caption>{t('timeline.table.episodesCaption', { count: model.data.thresholdDays })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('timeline.table.what')}</th>
          <th scope="col">{t('timeline.table.from')}</th>
          <th scope="col">{t('timeline.table.to')}</th>
          <th scope="col">{t('timeline.table.size')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.what}</th>
            <td>{r.from}</td>
            <td>{r.to}</td>
            <td>{r.size}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ItemsTable({ model, view, timeZone }: { model: TimelineModel; view: ViewWindow; timeZone: string }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const inView = model.items.filter((item) => item.kind !== 'away' && item.ms >= view.start && item.ms < view.end);
  const rows = inView.slice(0, limit);
  const data = model.data;
  return (
    <>
      <table className="data-table">
        <caption>
          {t('timeline.table.itemsCaption', { from: formatDay(windowDays(model, view).from), to: formatDay(windowDays(model, view).to) })}{' '}
          {inView.length > rows.length ? t('timeline.table.showingSome', { shown: rows.length, total: inView.length }) : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('timeline.table.date')}</th>
            <th scope="col">{t('timeline.table.what')}</th>
            <th scope="col">{t('timeline.table.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => {
            if (item.kind === 'contact') {
              const c = data.contacts[item.index]!;
              const extra = c.naloxone > 0 ? ` · ${t('timeline.annotation.naloxone', { count: c.naloxone })}` : '';
              return (
                <tr key={`c${c.id}`}>
                  <td>{`${formatDay(c.day)}, ${formatTime(c.at, { timeZone })}`}</td>
                  <td>{t(`timeline.settings.${c.setting}`)}</td>
                  <td>{t('timeline.details.with', { staff: model.staffNames.get(c.staffId) ?? t('timeline.details.unknownStaff') }) + extra}</td>
                </tr>
              );
            }
            if (item.kind === 'annotation') {
              const a = data.annotations[item.index]!;
              return (
                <tr key={`a${item.index}`}>
                  <td>{formatDay(a.day)}</td>
                  <td>{t(`timeline.legend.${a.kind}`)}</td>
                  <td>{annotationText(t, a)}</td>
                </tr>
              );
            }
            const day = data.welcomeBacks[item.index]!;
            const gap = data.timeAway.find((g) => g.to === day);
            return (
              <tr key={`w${item.index}`} className="data-table-welcome">
                <td>{formatDay(day)}</td>
                <td>{t('timeline.welcomeBack')}</td>
                <td>{gap ? t('timeline.details.welcomeAfter', { length: lengthOfTime(t, gap.days, gap.from) }) : ''}</td>
              </tr>
            );
          })}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3}>{t('timeline.table.nothingInView')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {inView.length > rows.length ? (
        <div className="button-row screen-only">
          <ActionButton onPress={() => setLimit((l) => l + PAGE)}>{t('timeline.table.showMore', { count: Math.min(PAGE, inView.length - rows.length) })}</ActionButton>
        </div>
      ) : null}
    </>
  );
}

/** The timeline as tables: the same data for screen readers, for checking numbers, and for print. */
export function TimelineTables({ model, view, timeZone }: { model: TimelineModel; view: ViewWindow; timeZone: string }) {
  return (
    <div className="timeline-tables">
      <EpisodesTable model={model} />
      <ItemsTable key={`${view.start}:${view.end}`} model={model} view={view} timeZone={timeZone} />
    </div>
  );
}
