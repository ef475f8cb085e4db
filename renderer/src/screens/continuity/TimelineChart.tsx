import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { lengthOfTime } from '../../components/dates';
import { SETTING_SHAPES, shapePath } from './palette';
import { GEOMETRY, textWidth, type Layout } from './timeline-layout';
import type { TimelineModel } from './timeline-model';

interface ChartProps {
  model: TimelineModel;
  layout: Layout;
  clipId: string;
}

/**
 * The drawing itself: bands, gaps, welcome-back lines, annotation glyphs and one path per lane.
 * Memoised on the layout, so pointing at marks and moving the keyboard focus never redraw it.
 */
export const TimelineChart = memo(function TimelineChart({ model, layout, clipId }: ChartProps) {
  const { t } = useTranslation();
  const g = GEOMETRY;
  const { plotLeft, plotRight, lanesBottom } = layout;
  const plotWidth = plotRight - plotLeft;

  return (
    <>
      <defs>
        <clipPath id={clipId}>
          <rect x={plotLeft - 8} y={0} width={plotWidth + 16} height={layout.height} />
        </clipPath>
      </defs>

      {/* Row names on the left. */}
      <g className="tl-row-labels">
        <text x={plotLeft - 14} y={g.awayY + 4} textAnchor="end">
          {t('timeline.rows.away')}
        </text>
        <text x={plotLeft - 14} y={g.welcomeY + 4} textAnchor="end">
          {t('timeline.rows.welcome')}
        </text>
        <text x={plotLeft - 14} y={g.annotationY + 4} textAnchor="end">
          {t('timeline.rows.events')}
        </text>
        {model.lanes.map((setting, lane) => (
          <g key={setting}>
            <path className={`tl-mark tl-setting-${setting}`} d={shapePath(SETTING_SHAPES[setting], plotLeft - 22, layout.laneY(lane), 4.5)} />
            <text x={plotLeft - 34} y={layout.laneY(lane) + 4} textAnchor="end">
              {t(`timeline.settings.${setting}`)}
            </text>
          </g>
        ))}
      </g>

      <g clipPath={`url(#${clipId})`}>
        {/* Lane guides. */}
        {model.lanes.map((setting, lane) => (
          <line key={setting} className="tl-lane-line" x1={plotLeft} x2={plotRight} y1={layout.laneY(lane)} y2={layout.laneY(lane)} />
        ))}

        {/* Episodes: bands behind the marks. */}
        {layout.bands.map((b) => (
          <rect key={b.index} className="tl-band" x={b.x} width={b.width} y={g.annotationTop - 2} height={lanesBottom - g.annotationTop + 4} rx={3} />
        ))}

        {/* Time away: a dashed line across the gap with its length. */}
        {layout.aways.map((a) => {
          const gap = a.open ? null : model.data.timeAway[a.index]!;
          const length = gap
            ? lengthOfTime(t, gap.days, gap.from)
            : lengthOfTime(t, model.data.currentAbsence?.days ?? 0, model.data.contacts.at(-1)?.day);
          const x1 = Math.max(a.x1, plotLeft);
          const x2 = Math.min(a.x2, plotRight);
          const mid = (x1 + x2) / 2;
          // The full words where they fit, else just the length; the row is already named "Time away".
          const full = gap ? t('timeline.away', { length }) : t('timeline.awaySoFar', { length });
          const label = textWidth(full) <= x2 - x1 - 6 ? full : length;
          const fits = textWidth(label) <= x2 - x1 - 6;
          return (
            <g key={a.open ? 'open' : a.index} className={a.open ? 'tl-away tl-away-open' : 'tl-away'}>
              <line className="tl-away-line" x1={x1 + 3} x2={x2 - 3} y1={g.awayY} y2={g.awayY} />
              <line className="tl-away-end" x1={a.x1 + 3} x2={a.x1 + 3} y1={g.awayY - 5} y2={g.awayY + 5} />
              {a.open ? null : <line className="tl-away-end" x1={a.x2 - 3} x2={a.x2 - 3} y1={g.awayY - 5} y2={g.awayY + 5} />}
              {fits ? (
                <>
                  <rect className="tl-label-bg" x={mid - textWidth(label) / 2} y={g.awayY - 9} width={textWidth(label)} height={18} rx={9} />
                  <text className="tl-away-label" x={mid} y={g.awayY + 4} textAnchor="middle">
                    {label}
                  </text>
                </>
              ) : null}
            </g>
          );
        })}

        {/* Welcome back: a line through the lanes where someone came back, labelled when there is room. */}
        {layout.welcomes.map((w, i) => {
          const label = t('timeline.welcomeBack');
          // Labelled only where the words end before the next welcome back begins.
          const end = w.x + 8 + textWidth(label);
          const fits = end <= (layout.welcomes[i + 1]?.x ?? Infinity) - 8 && end <= plotRight + 8;
          return (
            <g key={w.index} className="tl-welcome" data-testid="timeline-welcome-back">
              <line className="tl-welcome-line" x1={w.x} x2={w.x} y1={g.welcomeY - 8} y2={lanesBottom} />
              <path className="tl-welcome-glyph" d={`M${w.x},${g.welcomeY - 11}l6,6l-6,6l-6,-6z`} />
              {fits ? (
                <text className="tl-welcome-label" x={w.x + 9} y={g.welcomeY - 1}>
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}

        {layout.annotationPaths.map((a) => (
          <path key={a.kind} className={`tl-annotation tl-annotation-${a.kind}`} d={a.d} fillRule="evenodd" />
        ))}

        {layout.lanePaths.map((d, lane) => (
          <path key={model.lanes[lane]} className={`tl-mark tl-setting-${model.lanes[lane]!}`} d={d} />
        ))}

        {/* How many contacts a shared mark stands for. */}
        <g className="tl-counts">
          {layout.counts.map((c) => (
            <text key={`${c.x}:${c.y}`} x={c.x} y={c.y}>
              {c.count}
            </text>
          ))}
        </g>

        {layout.todayX !== null ? <line className="tl-today" x1={layout.todayX} x2={layout.todayX} y1={g.annotationTop - 4} y2={lanesBottom + 4} /> : null}
      </g>

      {/* The time axis. */}
      <g className="tl-axis">
        <line x1={plotLeft} x2={plotRight} y1={lanesBottom + g.axisGap} y2={lanesBottom + g.axisGap} />
        {layout.ticks
          .filter((tick) => layout.todayX === null || Math.abs(tick.x - layout.todayX) > textWidth(tick.label) / 2 + 20)
          .map((tick) => (
            <g key={tick.date.getTime()}>
              <line x1={tick.x} x2={tick.x} y1={lanesBottom + g.axisGap} y2={lanesBottom + g.axisGap + 5} />
              <text x={tick.x} y={lanesBottom + g.axisGap + 19} textAnchor="middle" className={tick.yearStart ? 'tl-tick-year' : undefined}>
                {tick.label}
              </text>
            </g>
          ))}
        {layout.todayX !== null ? (
          <text x={Math.min(layout.todayX, plotRight - 14)} y={lanesBottom + g.axisGap + 19} textAnchor="middle" className="tl-today-label">
            {t('timeline.today')}
          </text>
        ) : null}
      </g>
    </>
  );
});
