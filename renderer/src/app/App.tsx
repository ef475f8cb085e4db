import { ChangePasswordScreen } from '../screens/ChangePasswordScreen';
import { FirstRunWizard } from '../screens/first-run/FirstRunWizard';
import { AppShell } from '../screens/shell/AppShell';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { StartingScreen, UnavailableScreen } from '../screens/StatusScreens';
import { useSession } from '../session/SessionProvider';

/**
 * Exactly one of these is mounted at a time. Switching unmounts the others, so a lock leaves no element
 * and no component state from the screen that was open.
 */
export function App() {
  const { gate, retry } = useSession();
  switch (gate.kind) {
    case 'starting':
      return <StartingScreen />;
    case 'unavailable':
      return <UnavailableScreen problem={gate.problem} onRetry={retry} />;
    case 'firstRun':
      return <FirstRunWizard />;
    case 'signIn':
      return <SignInScreen key="signIn" locked={false} />;
    case 'locked':
      return <SignInScreen key="locked" locked />;
    case 'open':
      return gate.mustChangePassword ? <ChangePasswordScreen /> : <AppShell />;
  }
}
