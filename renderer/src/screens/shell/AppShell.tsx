import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { useSessionInfo } from '../../api/queries';
import { routeHref, useRoute } from '../../app/hash-route';
import { lockShortcutLabel } from '../../app/shortcut';
import { ActionButton } from '../../components/ActionButton';
import { BrandMark } from '../../components/BrandMark';
import { HubBanner } from '../../components/HubBanner';
import { LeaveGuard } from '../../app/drafts/LeaveGuard';
import { useSession } from '../../session/SessionProvider';
import { isPeopleRoute } from '../people/people-route';
import { ReportsPage } from '../reports/ReportsPage';
import { PeopleRoutes } from '../people/PeopleRoutes';
import { PeopleSearchDialog } from '../people/PeopleSearchDialog';
import { capitalise } from '../people/person-name';
import { usePeopleWords } from '../../app/people-word';
import { DoorsOpenPage } from '../continuity/DoorsOpenPage';
import { doorsOutreachRouteId, timelineRouteId } from '../continuity/links';
import { OverviewPage } from '../continuity/OverviewPage';
import { TimelinePage } from '../continuity/TimelinePage';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { SettingsPage } from './SettingsPage';
import { BackupsPage } from '../backups/BackupsPage';
import { AuditPage } from '../audit/AuditPage';
import { EmergencyBanner } from '../users/EmergencyBanner';
import { StaffPage } from '../users/StaffPage';
import { ImportPage } from '../import/ImportPage';
import { CLINICAL_ROLES } from '../../../../shared/roles';
import { parsePrintRoute } from '../printouts/print-route';
import { PrintoutRoutes } from '../printouts/PrintoutRoutes';

const ROLE_KEYS = {
  administrator: 'roles.administrator',
  clinician: 'roles.clinician',
  front_desk: 'roles.front_desk',
} as const;

function NavLink({ route, current, children }: { route: string; current: string; children: string }) {
  return (
    <a href={routeHref(route)} className="nav-link" aria-current={route === current ? 'page' : undefined}>
      {children}
    </a>
  );
}

function Page({ route, info }: { route: string; info: SessionInfo }) {
  if (route === '/') return <HomePage info={info} />;
  if (route === '/settings') return <SettingsPage info={info} />;
  if (route === '/backups') return <BackupsPage info={info} />;
  if (route === '/staff') return <StaffPage info={info} />;
  if (route === '/audit') return <AuditPage info={info} />;
  if (route === '/import') return <ImportPage info={info} />;
  if (isPeopleRoute(route)) return <PeopleRoutes route={route} info={info} />;
  const outreachFor = doorsOutreachRouteId(route);
  if (route === '/doors' || outreachFor !== null) return <DoorsOpenPage info={info} outreachFor={outreachFor} />;
  if (route === '/overview') return <OverviewPage info={info} />;
  if (route === '/reports') return <ReportsPage info={info} />;
  const printout = parsePrintRoute(route);
  if (printout) return <PrintoutRoutes route={printout} info={info} />;
  const timelineId = timelineRouteId(route);
  if (timelineId !== null) return <TimelinePage personId={timelineId} />;
  return <NotFoundPage />;
}

/** The signed-in frame: who is signed in and where, how to lock or leave, and the pages they can open. */
export function AppShell() {
  const { t } = useTranslation();
  const { lock, signOut, switchUser } = useSession();
  const route = useRoute();
  // A new page starts at its top, as a new document would; otherwise it opens where the last one was scrolled.
  // Door's open stays as it is (same page of the list, same scroll) when its outreach dialog closes and
  // its address goes back to /doors.
  const screen = doorsOutreachRouteId(route) !== null ? '/doors' : route;
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [screen]);
  const session = useSessionInfo();
  const words = usePeopleWords(session.data?.settings.peopleWord ?? 'participant');
  if (!session.data) return null;
  const info = session.data;
  const isAdmin = info.user.role === 'administrator';
  const shortcut = lockShortcutLabel();

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('shell.skipToContent')}
      </a>
      {/* Above the content on every screen, and stuck to the top of the window while it scrolls. */}
      <div className="shell-banners">
        <EmergencyBanner info={info} onSignOut={signOut} />
        <HubBanner checks />
      </div>
      <header className="shell-header">
        <div className="shell-clinic">
          <BrandMark size={28} />
          <span className="shell-clinic-name">{info.settings.clinicName}</span>
        </div>
        <div className="shell-user">
          <span className="shell-user-name">
            {t('shell.signedInAs')} <strong>{info.user.displayName}</strong>
          </span>
          <span className="role-badge">{t(ROLE_KEYS[info.user.role])}</span>
        </div>
        <div className="shell-actions">
          <PeopleSearchDialog person={words.person} />
          <ActionButton onPress={lock} aria-keyshortcuts="Control+L Meta+L">
            {t('shell.lock')}
            <kbd aria-hidden="true">{shortcut}</kbd>
          </ActionButton>
          <ActionButton onPress={switchUser}>{t('switchUser.button')}</ActionButton>
          <ActionButton variant="quiet" onPress={signOut}>
            {t('shell.signOut')}
          </ActionButton>
        </div>
      </header>
      <div className="shell-body">
        <nav className="shell-nav" aria-label={t('shell.navigation')}>
          <ul>
            <li>
              <NavLink route="/" current={route}>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink route="/people" current={isPeopleRoute(route) ? '/people' : route}>
                {capitalise(words.people)}
              </NavLink>
            </li>
            <li>
              <NavLink route="/doors" current={screen}>
                {t('continuityNav.doors')}
              </NavLink>
            </li>
            <li>
              <NavLink route="/overview" current={route}>
                {t('continuityNav.overview')}
              </NavLink>
            </li>
            <li>
              <NavLink route="/reports" current={route}>
                {t('reports.nav')}
              </NavLink>
            </li>
            {CLINICAL_ROLES.includes(info.user.role) ? (
              <li>
                <NavLink route="/import" current={route}>
                  {t('import.nav')}
                </NavLink>
              </li>
            ) : null}
            {isAdmin ? (
              <li>
                <NavLink route="/settings" current={route}>
                  {t('nav.settings')}
                </NavLink>
              </li>
            ) : null}
            {isAdmin ? (
              <li>
                <NavLink route="/backups" current={route}>
                  {t('backups.nav')}
                </NavLink>
              </li>
            ) : null}
            {isAdmin ? (
              <li>
                <NavLink route="/staff" current={route}>
                  {t('staff.nav')}
                </NavLink>
              </li>
            ) : null}
            {isAdmin ? (
              <li>
                <NavLink route="/audit" current={route}>
                  {t('audit.nav')}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <main id="main" className="shell-main" tabIndex={-1}>
          <Page key={screen} route={route} info={info} />
        </main>
      </div>
      <LeaveGuard />
    </div>
  );
}
