import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { formatMonth } from '../../components/dates';

interface TrendChartProps {
  title: string;
  /** One line saying what is counted, shown under the title. */
  description: string;
  months: { month: string; value: number }[];
  /** The month still under way, drawn lighter and marked "so far". */
  currentMonth: string;
}

const W = 320;
const H = 132;
const TOP = 16;
const BOTTOM = 22;
const LEFT = 4;

/**
 * A small bar chart of a monthly count with its text alternative: a one-line summary the chart is
 * labelled by, and the numbers in a table one click away.
 */
export function TrendChart({ title, description, months, currentMonth }: TrendChartProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), summary: useId() };
  const max = Math.max(1, ...months.map((m) => m.value));
  const slot = (W - LEFT * 2) / Math.max(1, months.length);
  const barWidth = Math.max(4, slot * 0.62);
  const plotHeight = H - TOP - BOTTOM;
  const last = months.at(-1);
  const lastComplete = months.filter((m) => m.month !== currentMonth).at(-1);
  const peak = months.reduce<{ month: string; value: number } | null>((best, m) => (best === null || m.value > best.value ? m : best), null);

  const current = last && last.month === currentMonth ? last : null;
  const summary =
    months.length === 0 || (peak?.value ?? 0) === 0
      ? t('dashboard.trends.nothingYet')
      : [
          lastComplete ? t('dashboard.trends.lastMonth', { month: formatMonth(lastComplete.month), count: lastComplete.value }) : null,
          peak ? t('dashboard.trends.peak', { month: formatMonth(peak.month), count: peak.value }) : null,
          current ? t('dashboard.trends.current', { count: current.value }) : null,
        ]
          .filter(Boolean)
          .join(' ');

  return (
    <figure className="cx-trend">
      <figcaption>
        <span id={ids.title} className="cx-trend-title">
          {title}
        </span>
        <span className="cx-trend-description">{description}</span>
      </figcaption>
      <svg className="cx-trend-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${ids.title} ${ids.summary}`}>
        <line className="cx-trend-grid" x1={LEFT} x2={W - LEFT} y1={TOP} y2={TOP} />
        <text className="cx-trend-max" x={LEFT} y={TOP - 4}>
          {max}
        </text>
        <line className="cx-trend-baseline" x1={LEFT} x2={W - LEFT} y1={H - BOTTOM} y2={H - BOTTOM} />
        {months.map((m, i) => {
          const h = (m.value / max) * plotHeight;
          const x = LEFT + i * slot + (slot - barWidth) / 2;
          const current = m.month === currentMonth;
          return (
            <g key={m.month}>
              <rect className={current ? 'cx-trend-bar cx-trend-bar-current' : 'cx-trend-bar'} x={x} y={H - BOTTOM - h} width={barWidth} height={Math.max(h, m.value > 0 ? 1.5 : 0)} rx={2} />
              <text className="cx-trend-label" x={x + barWidth / 2} y={H - 6} textAnchor="middle">
                {formatMonth(m.month, { short: true })}
              </text>
            </g>
          );
        })}
      </svg>
      <p id={ids.summary} className="cx-trend-summary">
        {summary}
      </p>
      <Disclosure className="cx-source-disclosure">
        <Heading className="cx-source-heading">
          <Button slot="trigger" className="cx-source-trigger">
            <span className="cx-source-chevron" aria-hidden="true" />
            {t('dashboard.trends.showNumbers')}
          </Button>
        </Heading>
        <DisclosurePanel>
          <table className="data-table cx-trend-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.trends.month')}</th>
                <th scope="col" className="num">
                  {t('dashboard.trends.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month === currentMonth ? t('dashboard.trends.soFar', { month: formatMonth(m.month) }) : formatMonth(m.month)}</th>
                  <td className="num">{m.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DisclosurePanel>
      </Disclosure>
    </figure>
  );
}
