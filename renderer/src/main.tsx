import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import './styles/theme.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/widgets.css';
import './styles/print.css';
import './i18n/i18n';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getBridge } from './api/bridge';
import { onHubBack } from './api/hub-connection';
import { noteReadRefused } from './api/invoke';
import { App } from './app/App';
import { SessionProvider } from './session/SessionProvider';
import { LanguageFollower } from './i18n/LanguageFollower';

// Choose the transport first: in the preview this takes the secret out of the URL before routing reads it.
getBridge();

const queryClient = new QueryClient({
  // A screen that could not be shown is worded as such, not as a save (appErrorOf).
  queryCache: new QueryCache({ onError: noteReadRefused }),
  defaultOptions: {
    queries: {
      // A refusal is an answer, not a network blip.
      retry: false,
      refetchOnWindowFocus: false,
      // On a clinic hub other workstations change the record too: each screen shows what it has at once
      // and asks again as it opens, so nothing stays on screen as current after it has changed.
      staleTime: 0,
    },
    mutations: { retry: false },
  },
});

// When the clinic's hub answers again after being out of reach, every screen asks again, so nothing
// from before stays on screen as current; the banner says "up to date" once they have their answers.
onHubBack(() => queryClient.invalidateQueries());

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LanguageFollower>
        <SessionProvider>
          <App />
        </SessionProvider>
      </LanguageFollower>
    </QueryClientProvider>
  </StrictMode>,
);
