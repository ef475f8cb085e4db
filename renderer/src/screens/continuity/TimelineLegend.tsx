import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { annotationPath, ANNOTATION_ORDER, SETTING_SHAPES, shapePath } from './palette';
import type { TimelineModel } from './timeline-model';

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg className="cx-legend-swatch" width="26" height="18" viewBox="0 0 26 18" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/** What each shape, colour and line means, for the settings and events this person actually has. */
export function TimelineLegend({ model }: { model: TimelineModel }) {
  const { t } = useTranslation();
  const kinds = new Set(model.annotationKinds);
  return (
    <div className="timeline-legend" role="group" aria-label={t('timeline.legend.heading')}>
      <ul>
        {model.lanes.map((setting) => (
          <li key={setting}>
            <Swatch>
              <path className={`tl-mark tl-setting-${setting}`} d={shapePath(SETTING_SHAPES[setting], 13, 9, 5)} />
            </Swatch>
            {t(`timeline.settings.${setting}`)}
          </li>
        ))}
      </ul>
      <ul>
        {model.data.episodes.length > 0 ? (
          <li>
            <Swatch>
              <rect className="tl-band" x="1" y="2" width="24" height="14" rx="3" />
            </Swatch>
            {t('timeline.legend.episode')}
          </li>
        ) : null}
        {model.data.timeAway.length > 0 || model.data.currentAbsence?.away ? (
          <li>
            <Swatch>
              <g className="tl-away">
                <line className="tl-away-line" x1="3" x2="23" y1="9" y2="9" />
                <line className="tl-away-end" x1="3" x2="3" y1="4" y2="14" />
                <line className="tl-away-end" x1="23" x2="23" y1="4" y2="14" />
              </g>
            </Swatch>
            {t('timeline.legend.away', { count: model.data.thresholdDays })}
          </li>
        ) : null}
        {model.data.welcomeBacks.length > 0 ? (
          <li>
            <Swatch>
              <line className="tl-welcome-line" x1="13" x2="13" y1="6" y2="18" />
              <path className="tl-welcome-glyph" d="M13,0l6,6l-6,6l-6,-6z" />
            </Swatch>
            {t('timeline.legend.welcome')}
          </li>
        ) : null}
        {ANNOTATION_ORDER.filter((k) => kinds.has(k)).map((kind) => (
          <li key={kind}>
            <Swatch>
              <path className={`tl-annotation tl-annotation-${kind}`} d={annotationPath(kind, 13, 9)} fillRule="evenodd" />
            </Swatch>
            {t(`timeline.legend.${kind}`)}
          </li>
        ))}
        <li>
          <Swatch>
            <line className="tl-today" x1="13" x2="13" y1="1" y2="17" />
          </Swatch>
          {t('timeline.legend.today')}
        </li>
      </ul>
    </div>
  );
}
