import { describe, expect, it, vi } from 'vitest';
import { Session } from './session.js';

describe('Session', () => {
  it('keeps the token in the storage it is given, and notifies on change', () => {
    const session = new Session(window.sessionStorage);
    const listener = vi.fn();
    session.subscribe(listener);
    session.signIn('sbt_1');
    expect(window.sessionStorage.getItem('switchboard.token')).toBe('sbt_1');
    expect(new Session(window.sessionStorage).token()).toBe('sbt_1');
    session.signOut('rejected');
    expect(session.state).toEqual({ token: undefined, reason: 'rejected' });
    expect(window.sessionStorage.getItem('switchboard.token')).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('adopts a token from the URL fragment once and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/projects/web?x=1#token=sbt_frag&tab=2');
    const session = new Session(window.sessionStorage);
    expect(session.adoptFragmentToken(window.location, window.history)).toBe(true);
    expect(session.token()).toBe('sbt_frag');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe(
      '/projects/web?x=1#tab=2',
    );
    expect(session.adoptFragmentToken(window.location, window.history)).toBe(false);
  });
});
