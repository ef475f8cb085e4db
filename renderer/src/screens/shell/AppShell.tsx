import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { useSessionInfo } from '../../api/queries';
import { routeHref, useRoute } from '../../app/hash-route';
import { lockShortcutLabel } from '../../app/shortcut';
import { ActionButton } from '../../components/ActionButton';
import { BrandMark } from '../../components/BrandMark';
import { useSession } from '../../session/SessionProvider';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { SettingsPage } from './SettingsPage';

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
  return <NotFoundPage />;
}

/** The signed-in frame: who is signed in and where, how to lock or leave, and the pages they can open. */
export function AppShell() {
  const { t } = useTranslation();
  const { lock, signOut } = useSession();
  const route = useRoute();
  const session = useSessionInfo();
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
          <ActionButton onPress={lock} aria-keyshortcuts="Control+L Meta+L">
            {t('shell.lock')}
            <kbd aria-hidden="true">{shortcut}</kbd>
          </ActionButton>
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
            {isAdmin ? (
              <li>
                <NavLink route="/settings" current={route}>
                  {t('nav.settings')}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <main id="main" className="shell-main" tabIndex={-1}>
          <Page key={route} route={route} info={info} />
        </main>
      </div>
    </div>
  );
}
