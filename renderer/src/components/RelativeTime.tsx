import { useTranslation } from 'react-i18next';
import { useSessionInfo } from '../api/queries';
import { formatDay, relativeDay, relativeWords } from './dates';

interface RelativeTimeProps {
  iso: string | null;
  /** What shows when there is no date, in the words of the place it is used ("No contact yet"). */
  none: string;
  reveal?: 'hover' | 'always';
}

/**
 * "3 weeks ago", with the date beside it for anyone who needs it: screen readers always hear both,
 * and on screen the date shows when the row is hovered or focused (people.css). Days are counted in
 * the clinic's time zone, as door's open counts them, so both say the same of the same day.
 */
export function RelativeTime({ iso, none, reveal = 'hover' }: RelativeTimeProps) {
  const { t } = useTranslation();
  const timeZone = useSessionInfo().data?.settings.timeZone;
  if (!iso) return <span className="muted">{none}</span>;
  const words = relativeWords(t, relativeDay(iso, new Date(), timeZone || undefined));
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  const date = formatDay(iso, { timeZone: timeZone || undefined });
  return (
    <time dateTime={iso} title={date} className={`relative-time relative-time-${reveal}`}>
      {text}
      {reveal === 'always' ? (
        <span className="relative-time-date"> ({date})</span>
      ) : (
        <span className="relative-time-date">
          <span className="visually-hidden">, </span>
          {date}
        </span>
      )}
    </time>
  );
}
