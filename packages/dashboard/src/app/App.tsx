import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type RouterHistory, RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { useMe } from '../features/auth/api/get-me.js';
import { SignInPage } from '../features/auth/components/SignInPage.js';
import type { Session } from '../features/auth/session.js';
import { SessionProvider, useSession } from '../features/auth/session-context.js';
import type { ApiClient } from '../lib/api-client.js';
import { ApiProvider } from '../lib/api-context.js';
import { createAppRouter } from './router.js';

export interface AppProps {
  readonly session: Session;
  readonly api: ApiClient;
  readonly queryClient: QueryClient;
  /** Memory history in tests; the browser's by default. */
  readonly history?: RouterHistory;
}

/**
 * The whole app: sign-in until the session has a token, then the router.
 *
 * @example
 * createRoot(el).render(<App session={session} api={api} queryClient={queryClient} />);
 */
export function App({ session, api, queryClient, history }: AppProps) {
  return (
    <SessionProvider session={session}>
      <ApiProvider client={api}>
        <QueryClientProvider client={queryClient}>
          <Gate api={api} queryClient={queryClient} history={history} />
        </QueryClientProvider>
      </ApiProvider>
    </SessionProvider>
  );
}

function Gate({ api, queryClient, history }: Omit<AppProps, 'session'>) {
  const { state } = useSession();
  if (!state.token) return <SignInPage />;
  return <SignedIn key={state.token} api={api} queryClient={queryClient} history={history} />;
}

/**
 * The router, rendered at once: pages load their data in parallel with `/me`, and controls that
 * need a role stay disabled until it is known (see `useCan`).
 */
function SignedIn({ api, queryClient, history }: Omit<AppProps, 'session'>) {
  const [router] = useState(() => createAppRouter({ api, queryClient }, history));
  useMe();
  return <RouterProvider router={router} />;
}
