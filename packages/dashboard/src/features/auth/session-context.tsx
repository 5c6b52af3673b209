import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { Session, SessionState } from './session.js';

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/**
 * The tab's session and its current state; re-renders when the user signs in or out.
 *
 * @example
 * const { session, state } = useSession();
 * if (!state.token) return <SignInPage />;
 */
export function useSession(): { session: Session; state: SessionState } {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionProvider>');
  const state = useSyncExternalStore(session.subscribe, () => session.state);
  return { session, state };
}
