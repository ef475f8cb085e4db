import { getHours } from 'date-fns';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { routeHref } from '../../app/hash-route';
import { usePeopleWords } from '../../app/people-word';
import { lockShortcutLabel } from '../../app/shortcut';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { BackupHomeNote } from '../backups/BackupHomeNote';
import { HomeDashboard } from '../continuity/HomeDashboard';
import { greetingFor } from './greeting';
import { UnsavedWorkCard } from './UnsavedWorkCard';

const GREETINGS = {
  morning: 'home.greeting.morning',
  afternoon: 'home.greeting.afternoon',
  evening: 'home.greeting.evening',
} as const;

/** A calm welcome, the clinic's day (continuity screens), and what the person can do right now. */
export function HomePage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));
  const [greeting] = useState(() => greetingFor(getHours(new Date())));
  const { people } = usePeopleWords(info.settings.peopleWord);
  const isAdmin = info.user.role === 'administrator';
  const minutes = info.settings.idleLockMinutes;

  return (
    <div className="page page-wide">
      <PageHeading>{t(GREETINGS[greeting], { name: info.emergencyName ?? info.user.displayName })}</PageHeading>
      <p className="lead">{t('home.signedInTo', { clinic: info.settings.clinicName })}</p>
      <UnsavedWorkCard />
      <HomeDashboard info={info} />
      {isAdmin ? <BackupHomeNote /> : null}
      <section className="panel home-now" aria-labelledby="home-now">
        <h2 id="home-now">{t('home.nowHeading')}</h2>
        <ul className="plain-list">
          <li>
            <strong>{t('home.lockTitle')}</strong> {t('home.lockBody', { shortcut: lockShortcutLabel(), count: minutes })}
          </li>
          {isAdmin ? (
            <li>
              <strong>{t('home.settingsTitle')}</strong> {t('home.settingsBody', { people })}{' '}
              <a href={routeHref('/settings')}>{t('home.settingsLink')}</a>
            </li>
          ) : null}
          <li>
            <strong>{t('home.signOutTitle')}</strong> {t('home.signOutBody')}
          </li>
        </ul>
      </section>
    </div>
  );
}
