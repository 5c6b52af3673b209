const KEY = 'switchboard.token';

/** Why the session ended: the user signed out, or the API refused the token (wrong or revoked). */
export type SignOutReason = 'signedOut' | 'rejected';

export interface SessionState {
  readonly token: string | undefined;
  readonly reason: SignOutReason | undefined;
  /** The API's reason for refusing the token, when it gave one. */
  readonly message?: string | undefined;
}

/**
 * The API token of this tab, kept in `sessionStorage` only (never a cookie, never a URL that reaches
 * a server), with listeners for React's `useSyncExternalStore`.
 *
 * @example
 * const session = new Session(sessionStorage);
 * session.signIn('sbt_…');
 * session.state.token; // 'sbt_…'
 */
export class Session {
  private current: SessionState;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
    this.current = { token: storage.getItem(KEY) ?? undefined, reason: undefined };
  }

  get state(): SessionState {
    return this.current;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly token = (): string | undefined => this.current.token;

  signIn(token: string): void {
    this.storage.setItem(KEY, token);
    this.set({ token, reason: undefined });
  }

  signOut(reason: SignOutReason = 'signedOut', message?: string): void {
    this.storage.removeItem(KEY);
    this.set({ token: undefined, reason, ...(message === undefined ? {} : { message }) });
  }

  /**
   * Signs in with a token handed over in the URL fragment (`#token=sbt_…`, the local runtime's
   * `dashboardUrl`), then removes it from the address bar and history. The fragment is never sent to
   * a server, so the token reaches no log.
   */
  adoptFragmentToken(
    location: Pick<Location, 'hash' | 'pathname' | 'search'>,
    history: Pick<History, 'replaceState' | 'state'>,
  ): boolean {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const token = params.get('token');
    if (!token) return false;
    params.delete('token');
    const rest = params.toString();
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
    this.signIn(token);
    return true;
  }

  private set(state: SessionState): void {
    this.current = state;
    for (const listener of this.listeners) listener();
  }
}
