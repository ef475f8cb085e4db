import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type PointerEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import type { Timeline } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { formatDay } from '../../components/dates';
import { markTimelineViewChanged, measureTimelineDrawn } from './render-marks';
import { TimelineChart } from './TimelineChart';
import { describeItem } from './timeline-describe';
import { itemAtPoint, itemPoint, tooltipPlacement } from './timeline-hit';
import { groupOfContact, layoutTimeline } from './timeline-layout';
import { TimelineLegend } from './TimelineLegend';
import {
  buildModel,
  canPan,
  clampWindow,
  panWindow,
  rangeLimits,
  rangeWindow,
  windowDays,
  windowShowing,
  zoomWindow,
  ZOOMS,
  type ViewWindow,
  type Zoom,
  type ZoomChoice,
} from './timeline-model';
import { TimelineTables } from './TimelineTables';
import { useElementWidth } from './use-element-width';
import './continuity.css';
import { DateInput } from '../../components/DateInput';

const ZOOM_KEYS = { all: 'timeline.zoom.all', twoYears: 'timeline.zoom.twoYears', sixMonths: 'timeline.zoom.sixMonths' } as const;
const isZoom = (v: unknown): v is Zoom => typeof v === 'string' && (ZOOMS as readonly string[]).includes(v);

/** Printing shows the table whether or not it is open on screen. */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    // flushSync: the print layout is taken right after these handlers return.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}

interface EngagementTimelineProps {
  data: Timeline;
  /** The clinic's time zone, for the clock time of each contact. */
  timeZone: string;
  /** A name for the chart, e.g. "Engagement timeline for Sam". */
  label: string;
}

/**
 * The engagement timeline: contacts by setting, episodes as bands, time away as labelled gaps,
 * welcome backs and the dated moments of the relationship. One focusable chart with roving focus
 * over its items (arrow keys), hover details from one pointer handler, zoom, pan and a table view.
 */
export function EngagementTimeline({ data, timeZone, label }: EngagementTimelineProps) {
  const { t } = useTranslation();
  const model = useMemo(() => buildModel(data), [data]);
  const [zoom, setZoom] = useState<ZoomChoice>('all');
  const [panned, setPanned] = useState<ViewWindow | null>(null);
  const view = useMemo(() => (panned ? clampWindow(model, panned) : zoomWindow(model, zoom === 'range' ? 'all' : zoom)), [model, panned, zoom]);
  const [containerRef, width] = useElementWidth<HTMLDivElement>(760);
  const layout = useMemo(() => layoutTimeline(model, view, width), [model, view, width]);
  // The keyboard's place belongs to one answer: a refreshed timeline starts without one.
  const [chosen, setChosen] = useState<{ model: typeof model; position: number } | null>(null);
  const active = chosen && chosen.model === model && chosen.position < model.items.length ? chosen.position : null;
  const setActive = (position: number | null) => setChosen(position === null ? null : { model, position });
  const [hover, setHover] = useState<number | null>(null);
  const [showTable, setShowTable] = useState(false);
  const printing = usePrinting();
  const drag = useRef<{ x: number; view: ViewWindow; moved: boolean } | null>(null);
  const ids = { clip: useId(), hint: useId(), summary: useId(), rangeNote: useId() };
  // The from and to fields while someone is typing in them; shown until the view moves again.
  const [draft, setDraft] = useState<{ view: ViewWindow; from: string; to: string; wrong: boolean } | null>(null);
  const shownDays = windowDays(model, view);
  const fields = draft && draft.view === view ? draft : { ...shownDays, wrong: false };
  const limits = rangeLimits(model);
  const tipRef = useRef<HTMLDivElement>(null);
  const [tipSize, setTipSize] = useState({ width: 240, height: 84 });
  const pan = canPan(model, view);

  useEffect(() => {
    measureTimelineDrawn();
  }, [layout]);

  const changeView = (next: ViewWindow) => {
    markTimelineViewChanged();
    setPanned(next);
  };

  const showRange = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const next = rangeWindow(model, fields.from, fields.to);
    if (!next) {
      setDraft({ ...fields, view, wrong: true });
      return;
    }
    markTimelineViewChanged();
    setZoom('range');
    setPanned(next);
    setDraft(null);
  };

  const focusItem = (position: number | null) => {
    setActive(position);
    setHover(null);
    const item = position === null ? undefined : model.items[position];
    if (!item) return;
    const next = windowShowing(model, view, item.ms);
    if (next !== view) changeView(next);
  };

  /** The first (or last) item inside the window: where the arrow keys start. */
  const firstVisible = (fromEnd: boolean): number | null => {
    const { items } = model;
    if (items.length === 0) return null;
    if (fromEnd) {
      for (let i = items.length - 1; i >= 0; i--) if (items[i]!.ms <= view.end) return i;
      return 0;
    }
    for (let i = 0; i < items.length; i++) if (items[i]!.ms >= view.start) return i;
    return items.length - 1;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = model.items.length - 1;
    const step = (direction: 1 | -1) => {
      if (active === null) focusItem(firstVisible(direction === -1));
      else focusItem(Math.min(last, Math.max(0, active + direction)));
    };
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && e.shiftKey) {
      changeView(panWindow(model, view, e.key === 'ArrowRight' ? 0.5 : -0.5));
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') step(1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') step(-1);
    else if (e.key === 'PageDown') changeView(panWindow(model, view, 0.5));
    else if (e.key === 'PageUp') changeView(panWindow(model, view, -0.5));
    else if (e.key === 'Home' && last >= 0) focusItem(0);
    else if (e.key === 'End' && last >= 0) focusItem(last);
    else if (e.key === 'Escape' && active !== null) setActive(null);
    else return;
    e.preventDefault();
  };

  const localPoint = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, view, moved: false };
  };

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (d && (d.moved || Math.abs(e.clientX - d.x) > 3)) {
      d.moved = true;
      const msPerPx = (d.view.end - d.view.start) / (layout.plotRight - layout.plotLeft);
      const shift = -(e.clientX - d.x) * msPerPx;
      setHover(null);
      changeView(clampWindow(model, { start: d.view.start + shift, end: d.view.end + shift }));
      return;
    }
    const p = localPoint(e);
    setHover(itemAtPoint(model, layout, p.x, p.y));
  };

  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (d && !d.moved) {
      const p = localPoint(e);
      const hit = itemAtPoint(model, layout, p.x, p.y);
      if (hit !== null) setActive(hit);
    }
  };

  const groupOf = (position: number | null) => {
    const item = position === null ? undefined : model.items[position];
    return item?.kind === 'contact' ? groupOfContact(model, layout, item.index) : null;
  };
  const shown = hover ?? active;
  const description = shown === null ? null : describeItem(t, model, shown, timeZone, groupOf(shown));
  const point = shown === null ? null : itemPoint(model, layout, shown);
  const activeDescription = active === null ? null : describeItem(t, model, active, timeZone, groupOf(active));
  const activePoint = active === null ? null : itemPoint(model, layout, active);
  const pointVisible = (p: { x: number } | null) => p !== null && p.x >= layout.plotLeft - 2 && p.x <= layout.plotRight + 2;
  const canDrag = pan.earlier || pan.later;
  const tip = description && point && pointVisible(point) ? tooltipPlacement(layout, point, tipSize) : null;

  // The details box is placed from its real size, measured before the browser paints.
  useLayoutEffect(() => {
    const box = tipRef.current;
    if (!box) return;
    const size = { width: box.offsetWidth, height: box.offsetHeight };
    if (size.width !== tipSize.width || size.height !== tipSize.height) setTipSize(size);
  }, [shown, description?.lines.length, tipSize.width, tipSize.height]);

  const summary =
    data.contacts.length === 0
      ? t('timeline.summaryEmpty')
      : t(data.episodes.length === 1 ? 'timeline.summaryOneEpisode' : 'timeline.summary', {
          contacts: t('timeline.count.contacts', { count: data.contacts.length }),
          episodes: t('timeline.count.episodes', { count: data.episodes.length }),
          aways: t('timeline.count.aways', { count: data.timeAway.length }),
          from: formatDay(data.contacts[0]!.day),
          to: formatDay(data.contacts.at(-1)!.day),
        });

  return (
    <div className="timeline" data-testid="engagement-timeline">
      <div className="timeline-toolbar screen-only">
        <ToggleButtonGroup
          aria-label={t('timeline.zoom.label')}
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={zoom === 'range' ? [] : [zoom]}
          onSelectionChange={(keys) => {
            const next = [...keys][0];
            if (!isZoom(next)) return;
            markTimelineViewChanged();
            setZoom(next);
            setPanned(null);
            setDraft(null);
          }}
          className="cx-segmented"
        >
          {ZOOMS.map((z) => (
            <ToggleButton key={z} id={z} className="cx-segmented-button">
              {t(ZOOM_KEYS[z])}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <div className="timeline-pan">
          <ActionButton isDisabled={!pan.earlier} onPress={() => changeView(panWindow(model, view, -0.5))}>
            <span aria-hidden="true">←</span> {t('timeline.pan.earlier')}
          </ActionButton>
          <ActionButton isDisabled={!pan.later} onPress={() => changeView(panWindow(model, view, 0.5))}>
            {t('timeline.pan.later')} <span aria-hidden="true">→</span>
          </ActionButton>
        </div>
        <ToggleButton className="button button-secondary timeline-table-toggle" isSelected={showTable} onChange={setShowTable}>
          {t('timeline.showTable')}
        </ToggleButton>
        <form
          className="timeline-range-form"
          aria-label={t('timeline.range.label')}
          onSubmit={showRange}
          // Enter in a date's part shows the range, as it does in any text box (react-aria keeps the key to itself, so: capture).
          onKeyDownCapture={(e) => {
            if (e.key === 'Enter' && (e.target as HTMLElement).getAttribute('role') === 'spinbutton') {
              e.preventDefault();
              e.currentTarget.requestSubmit();
            }
          }}
          noValidate
        >
          {(['from', 'to'] as const).map((end) => (
            <DateInput
              key={end}
              label={t(`timeline.range.${end}`)}
              name={end}
              value={fields[end] || null}
              min={limits.min}
              max={limits.max}
              invalid={fields.wrong}
              describedBy={fields.wrong ? ids.rangeNote : undefined}
              onChange={(day) => setDraft({ ...fields, view, [end]: day ?? '', wrong: false })}
            />
          ))}
          <button type="submit" className="button button-secondary timeline-range-show">
            {t('timeline.range.show')}
          </button>
          <p id={ids.rangeNote} className="timeline-range-note" aria-live="polite">
            {fields.wrong ? t('timeline.range.order') : ''}
          </p>
        </form>
      </div>

      <p className="timeline-range" aria-live="polite">
        {t('timeline.showing', { from: formatDay(shownDays.from), to: formatDay(shownDays.to) })}
      </p>

      <div
        ref={containerRef}
        className={canDrag ? 'timeline-chart timeline-chart-draggable' : 'timeline-chart'}
        role="application"
        aria-roledescription={t('timeline.roleDescription')}
        aria-label={label}
        aria-describedby={`${ids.summary} ${ids.hint}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(null)}
      >
        <svg
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          className="timeline-svg"
          aria-hidden="true"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = null)}
          onPointerLeave={() => setHover(null)}
        >
          <TimelineChart model={model} layout={layout} clipId={ids.clip} />
          {activePoint && pointVisible(activePoint) ? <circle className="tl-focus-ring" cx={activePoint.x} cy={activePoint.y} r={layout.markRadius + 5} /> : null}
          {point && hover !== null && pointVisible(point) ? <circle className="tl-hover-ring" cx={point.x} cy={point.y} r={layout.markRadius + 4} /> : null}
        </svg>
        {description && tip ? (
          <div
            ref={tipRef}
            className={`tl-tooltip tl-tooltip-${tip.side}`}
            aria-hidden="true"
            data-testid="timeline-details"
            style={{ left: Math.round(tip.left), top: Math.round(tip.top) }}
          >
            <strong>{description.title}</strong>
            {description.lines.map((line, i) => (
              <span key={i}>{line}</span>
            ))}
          </div>
        ) : null}
      </div>
      <p id={ids.summary} className="timeline-summary">
        {summary}
      </p>
      <p id={ids.hint} className="timeline-hint screen-only">
        {t('timeline.keyboardHint')}
      </p>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {activeDescription ? [activeDescription.title, ...activeDescription.lines].join('. ') : ''}
      </div>

      <TimelineLegend model={model} />

      {showTable || printing ? <TimelineTables model={model} view={view} timeZone={timeZone} /> : null}
    </div>
  );
}
