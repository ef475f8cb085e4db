import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import type { Timeline } from '../../../../shared/contract';
import { MEASURE_DEFINITIONS } from '../../../../shared/continuity/definitions';
import { MEASURE_KEYS } from '../../../../shared/continuity/measures';
import { formatDecimal } from '../../components/numbers';

/** Two decimals: enough to compare, not so many that it reads as a precise grade ("0.75", "0,75" in Spanish). */
export const formatMeasure = (v: number): string => formatDecimal(v, 2);

/** Where a number came from, one click away, right under the number. */
export function SourceDisclosure({ source }: { source: string }) {
  const { t } = useTranslation();
  return (
    <Disclosure className="cx-source-disclosure">
      <Heading className="cx-source-heading">
        <Button slot="trigger" className="cx-source-trigger">
          <span className="cx-source-chevron" aria-hidden="true" />
          {t('measures.source')}
        </Button>
      </Heading>
      <DisclosurePanel className="cx-source-panel">
        <p>{source}</p>
      </DisclosurePanel>
    </Disclosure>
  );
}

const TECHNICAL = ['coc', 'upc', 'secon', 'mmci', 'hhi'] as const;
const isTechnical = (m: string): m is (typeof TECHNICAL)[number] => (TECHNICAL as readonly string[]).includes(m);

/**
 * One measure: its name in plain words first, the research name and abbreviation beside it, its
 * value (or "not enough contacts yet", never 0), what it means, and where it is from.
 */
export function MeasureItem({ measure, value, note }: { measure: keyof typeof MEASURE_DEFINITIONS; value: string | null; note?: string }) {
  const { t } = useTranslation();
  const d = MEASURE_DEFINITIONS[measure];
  return (
    <div className="cx-measure" data-measure={measure}>
      <dt className="cx-measure-name">
        {t(`measures.names.${measure}`)}
        {isTechnical(measure) ? <span className="cx-measure-technical"> ({t(`measures.technical.${measure}`)})</span> : null}
      </dt>
      <dd className={value === null ? 'cx-measure-value cx-measure-value-none' : 'cx-measure-value'}>{value ?? t('measures.notEnough')}</dd>
      {note ? <dd className="cx-measure-note">{note}</dd> : null}
      <dd className="cx-measure-definition">{t(`measures.definitions.${measure}`)}</dd>
      <dd>
        <SourceDisclosure source={d.source} />
      </dd>
    </div>
  );
}

/**
 * A person's continuity with staff and the retention views beside it. These describe the pattern of
 * care the clinic offered; the research calls intense-then-absent normal, so nothing here is a grade.
 */
export function ContinuityMeasures({ measures, retention, headingLevel = 3 }: Pick<Timeline, 'measures' | 'retention'> & { headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : headingLevel === 4 ? 'h4' : 'h3';
  const ids = { measures: useId(), retention: useId() };
  return (
    <div className="cx-measures">
      <section aria-labelledby={ids.measures} className="cx-measures-section">
        <H id={ids.measures} className="cx-measures-heading">
          {t('measures.heading')}
        </H>
        <p className="cx-measures-intro">
          {t('measures.intro', {
            contacts: t('timeline.count.contacts', { count: measures.contacts }),
            staff: t('measures.staffCount', { count: measures.providers }),
          })}
        </p>
        <dl className="cx-measure-list">
          {MEASURE_KEYS.map((key) => {
            const v = measures[key];
            return <MeasureItem key={key} measure={key} value={v === null ? null : formatMeasure(v)} />;
          })}
        </dl>
      </section>
      <section aria-labelledby={ids.retention} className="cx-measures-section">
        <H id={ids.retention} className="cx-measures-heading">
          {t('measures.retentionHeading')}
        </H>
        <p className="cx-measures-intro">{t('measures.retentionIntro')}</p>
        <dl className="cx-measure-list">
          <MeasureItem measure="twoContacts90DaysApart" value={retention.twoContacts90DaysApart ? t('measures.yes') : t('measures.notIn12Months')} />
          <MeasureItem measure="contactInLast6Months" value={retention.contactInLast6Months ? t('measures.yes') : t('measures.notIn6Months')} />
        </dl>
      </section>
    </div>
  );
}
