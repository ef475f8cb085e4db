import { useTranslation } from 'react-i18next';
import type { DoorOpenItem } from '../../../../shared/contract';

type Reach = DoorOpenItem['reach'];

/**
 * How, and whether, it is safe to reach someone, as they told the clinic. "Do not contact" comes
 * first and alone, so nobody reads past it to a phone number.
 */
export function ReachDetails({ reach }: { reach: Reach }) {
  const { t } = useTranslation();
  if (reach.doNotContact) {
    return (
      <p className="cx-reach-do-not-contact">
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
          <circle cx="9" cy="9" r="7.5" fill="none" strokeWidth="1.8" />
          <path d="M4 9h10" strokeWidth="1.8" />
        </svg>
        <span>
          <strong>{t('doors.reach.doNotContact')}</strong> {t('doors.reach.doNotContactDetail')}
        </span>
      </p>
    );
  }
  const ways = [
    { key: 'text', ok: reach.okToText, caveat: reach.okToText && !reach.hasPhone ? t('doors.reach.noPhone') : null },
    { key: 'call', ok: reach.okToCall, caveat: reach.okToCall && !reach.hasPhone ? t('doors.reach.noPhone') : null },
    { key: 'message', ok: reach.okToLeaveMessage, caveat: null },
    { key: 'email', ok: reach.okToEmail, caveat: reach.okToEmail && !reach.hasEmail ? t('doors.reach.noEmail') : null },
  ] as const;
  const allowed = ways.filter((w) => w.ok);
  return (
    <div className="cx-reach">
      {allowed.length > 0 ? (
        <ul className="cx-reach-ways" aria-label={t('doors.reach.waysLabel')}>
          {allowed.map((w) => (
            <li key={w.key} className="cx-reach-way">
              <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                <path d="M2.5 7.5l3 3l6-7" fill="none" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              {t(`doors.reach.ok.${w.key}`)}
              {w.caveat ? <span className="cx-reach-caveat"> ({w.caveat})</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="cx-muted">{t('doors.reach.noneNoted')}</p>
      )}
      {allowed.length > 0 && allowed.length < ways.length ? (
        <p className="cx-reach-not">{t('doors.reach.notAgreed', { ways: ways.filter((w) => !w.ok).map((w) => t(`doors.reach.names.${w.key}`)).join(', ') })}</p>
      ) : null}
      <dl className="cx-reach-facts">
        {reach.phone && (reach.okToCall || reach.okToText) ? (
          <div>
            <dt>{t('doors.reach.phone')}</dt>
            <dd data-testid="reach-phone">{reach.phone}</dd>
          </div>
        ) : null}
        {reach.safeTimes ? (
          <div>
            <dt>{t('doors.reach.safeTimes')}</dt>
            <dd>{reach.safeTimes}</dd>
          </div>
        ) : null}
        {reach.trustedContact ? (
          <div>
            <dt>{t('doors.reach.trustedContact')}</dt>
            <dd>{reach.trustedContact}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
