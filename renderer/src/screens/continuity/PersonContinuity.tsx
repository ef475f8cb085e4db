import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { appErrorOf } from '../../api/invoke';
import { useSessionInfo } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { ContinuityMeasures } from './ContinuityMeasures';
import { EngagementTimeline } from './EngagementTimeline';
import { lengthOfTime } from '../../components/dates';
import { timelineHref } from './links';
import { useTimeline } from '../../api/continuity-queries';

/** Where the person page's section links jump to. */
export const PERSON_TIMELINE_ANCHOR = 'timeline';

interface PersonContinuityProps {
  personId: number;
  /** On the person page the section links to the wide view; the wide view itself does not. */
  wide?: boolean;
  /** Heading level of the section title (the person page uses h2). */
  headingLevel?: 2 | 3;
}

/** A person's engagement timeline with their continuity measures beside it. */
export function PersonContinuity({ personId, wide = false, headingLevel = 2 }: PersonContinuityProps) {
  const { t } = useTranslation();
  const timeline = useTimeline(personId);
  const session = useSessionInfo();
  const headingId = useId();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const timeZone = session.data?.settings.timeZone ?? 'UTC';

  return (
    <section
      id={wide ? undefined : PERSON_TIMELINE_ANCHOR}
      className={wide ? 'cx-person-continuity cx-person-continuity-wide' : 'cx-person-continuity'}
      aria-labelledby={headingId}
    >
      <div className="cx-section-head">
        <H id={headingId} className={wide ? 'visually-hidden' : undefined}>
          {t('timeline.heading')}
        </H>
        {!wide && timeline.data && timeline.data.contacts.length > 0 ? (
          <a href={timelineHref(personId)} className="cx-section-link screen-only">
            {t('timeline.openWide')}
          </a>
        ) : null}
      </div>
      {timeline.isPending ? (
        <p role="status">{t('timeline.loading')}</p>
      ) : timeline.isError ? (
        <Notice tone="error">{appErrorOf(timeline.error).message}</Notice>
      ) : timeline.data.contacts.length === 0 ? (
        <p className="cx-calm-note">{t('timeline.noContacts')}</p>
      ) : (
        <>
          {timeline.data.currentAbsence?.away ? (
            <p className="cx-calm-note">
              {t('timeline.doorOpenNote', {
                length: lengthOfTime(t, timeline.data.currentAbsence.days, timeline.data.contacts.at(-1)?.day),
              })}
            </p>
          ) : null}
          <div className="cx-person-continuity-grid">
            <EngagementTimeline data={timeline.data} timeZone={timeZone} label={t('timeline.chartLabel')} />
            <ContinuityMeasures measures={timeline.data.measures} retention={timeline.data.retention} headingLevel={headingLevel === 2 ? 3 : 4} />
          </div>
        </>
      )}
    </section>
  );
}
