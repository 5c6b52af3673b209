import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { Session } from './features/auth/session.js';
import { createApiClient } from './lib/api-client.js';
import { loadConfig } from './lib/config.js';
import { createQueryClient } from './lib/query-client.js';
import './styles.css';

async function start(): Promise<void> {
  const session = new Session(window.sessionStorage);
  session.adoptFragmentToken(window.location, window.history);
  const config = await loadConfig();
  const queryClient: QueryClient = createQueryClient();
  const api = createApiClient({
    baseUrl: config.apiUrl,
    token: session.token,
    onAuthError: (status, message) => {
      if (status === 401) {
        queryClient.clear();
        session.signOut('rejected', message);
      }
    },
  });

  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App session={session} api={api} queryClient={queryClient} />
    </StrictMode>,
  );
}

void start();
