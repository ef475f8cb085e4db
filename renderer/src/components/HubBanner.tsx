import { useEffect, useLayoutEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { invoke } from '../api/invoke';
import { checkHubNow, registerHubCheck, useHubConnection } from '../api/hub-connection';
import { ActionButton } from './ActionButton';
import { formatDateTime, formatTime } from './dates';

/** "… at 10:42 AM" today, "… on Mar 2, 2026, 10:42 AM" on an earlier day. */
function lastGoodSentence(t: TFunction, at: number): string {
  const then = new Date(at);
  return then.toDateString() === new Date().toDateString()
    ? t('hub.lastGood', { time: formatTime(then) })
    : t('hub.lastGoodDay', { time: formatDateTime(then.toISOString()) });
}

/**
 * A workstation on a clinic hub that cannot reach it says so, calmly, where staff look: what they
 * type stays, Doorway reconnects by itself, and what is on screen is dated. When the hub answers
 * again, every screen asks again before a short "up to date" note, which then goes away by itself.
 *
 * `checks`: signed in, Doorway checks by itself every few seconds and offers "Try now". The check is
 * `session.state`, which reads the clinic's settings on the hub without counting as someone at the
 * keyboard (`session.touch` would keep the idle lock from closing an unattended screen). Before
 * signing in there is nothing harmless to ask, so signing in is the check.
 *
 * The words live in one polite live region that is always there (a region added with its words is
 * often not read out); the banner takes no room while it has nothing to say.
 */
export function HubBanner({ checks = false }: { checks?: boolean }) {
  const { t } = useTranslation();
  const hub = useHubConnection();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => (checks ? registerHubCheck(() => invoke('session.state', {})) : undefined), [checks]);

  const showing = hub.status !== 'reached';
  // The banner appearing must never hide what is being typed: the field in use is brought back into view.
  useLayoutEffect(() => {
    if (!showing) return;
    const field = document.activeElement;
    if (!(field instanceof HTMLElement) || field === document.body || ref.current?.contains(field)) return;
    const bannerBottom = ref.current?.getBoundingClientRect().bottom ?? 0;
    const r = field.getBoundingClientRect();
    if (r.top < bannerBottom || r.bottom > window.innerHeight) field.scrollIntoView({ block: 'nearest' });
  }, [showing]);

  const away = hub.status === 'away';
  return (
    <div ref={ref} className="hub-banner" data-state={hub.status} data-testid="hub-banner">
      <p role="status" className="hub-banner-text">
        {away ? (
          <>
            <strong>{t('hub.away')}</strong>{' '}
            {checks ? t('hub.awayKeeps') : t('hub.awaySignIn')}
            {checks && hub.lastGoodAt !== null ? <> {lastGoodSentence(t, hub.lastGoodAt)}</> : null}
          </>
        ) : hub.status === 'refreshing' ? (
          <>
            <strong>{t('hub.backTitle')}</strong> {t('hub.refreshing')}
          </>
        ) : hub.status === 'back' ? (
          <>
            <strong>{t('hub.backTitle')}</strong> {t('hub.upToDate')}
          </>
        ) : null}
      </p>
      {away && checks ? (
        <ActionButton isPending={hub.checking} onPress={() => void checkHubNow()}>
          {hub.checking ? t('hub.checking') : t('hub.tryNow')}
        </ActionButton>
      ) : null}
    </div>
  );
}
