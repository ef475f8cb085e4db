import { useTranslation } from 'react-i18next';
import { formatDay, relativeDay } from '../time';

/**
 * "3 days ago", with the date beside it for anyone who needs it: screen readers always hear both,
 * and on screen the date shows when the row is hovered or focused (people.css).
 */
export function RelativeTime({ iso, reveal = 'hover' }: { iso: string | null; reveal?: 'hover' | 'always' }) {
  const { t } = useTranslation();
  if (!iso) return <span className="muted">{t('time.never')}</span>;
  const r = relativeDay(iso);
  const text = r.unit === 'today' || r.unit === 'yesterday' ? t(`time.${r.unit}`) : t(`time.${r.unit}Ago`, { count: r.count });
  const date = formatDay(iso);
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
