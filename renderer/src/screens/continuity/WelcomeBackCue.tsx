import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLongDay, lengthOfTime } from '../../components/dates';
import { useWelcomeBack } from '../../api/continuity-queries';
import './continuity.css';

/**
 * On the record-contact form: when this contact comes after time away, a warm word and what to
 * remember, so the person is met where they are rather than asked to start over. Not an alert:
 * it is announced politely and asks nothing of the person recording.
 */
export function WelcomeBackCue({ personId, at }: { personId: number; at: string | null }) {
  const { t } = useTranslation();
  const cue = useWelcomeBack(personId, at);
  const headingId = useId();
  const data = cue.data;
  // Quiet when loading or refused: the form works the same without the cue.
  const show = data?.isWelcomeBack === true && data.daysAway !== null;

  return (
    <div role="status" className="cx-welcome-back-region">
      {show ? (
        <section className="cx-welcome-back" aria-labelledby={headingId} data-testid="welcome-back-cue">
          <svg className="cx-welcome-back-mark" width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <path d="M10 27V7.5A1.5 1.5 0 0 1 11.5 6h9A1.5 1.5 0 0 1 22 7.5V27" fill="none" strokeWidth="2.5" strokeLinecap="round" />
            <circle cx="18.5" cy="17" r="1.6" />
          </svg>
          <div className="cx-welcome-back-body">
            <h2 id={headingId} className="cx-welcome-back-heading">
              {t('welcomeBack.heading', { length: lengthOfTime(t, data.daysAway!, data.lastContactDay ?? undefined) })}
            </h2>
            {data.lastContactDay ? <p className="cx-muted">{t('welcomeBack.lastContact', { day: formatLongDay(data.lastContactDay) })}</p> : null}
            {data.lastWhatMattered ? (
              <div className="cx-welcome-back-part">
                <h3>{t('welcomeBack.whatMattered')}</h3>
                <blockquote className="cx-their-words">{data.lastWhatMattered}</blockquote>
              </div>
            ) : null}
            {data.openGoals.length > 0 ? (
              <div className="cx-welcome-back-part">
                <h3>{t('welcomeBack.openGoals', { count: data.openGoals.length })}</h3>
                <ul className="cx-their-goals">
                  {data.openGoals.map((g) => (
                    <li key={g.id}>
                      <span className="cx-their-words">{g.text}</span> <span className="cx-muted">{t('welcomeBack.goalSince', { day: formatLongDay(g.since) })}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <p className="cx-welcome-back-tip">{t('welcomeBack.tip')}</p>
          </div>
        </section>
      ) : null}
    </div>
  );
}
