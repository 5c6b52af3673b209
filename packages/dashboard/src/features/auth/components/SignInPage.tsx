import { type FormEvent, useId, useState } from 'react';
import { useSession } from '../session-context.js';

/** Sign-in with an API token; also where a wrong or revoked token lands, with the reason. */
export function SignInPage() {
  const { session, state } = useSession();
  const [token, setToken] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed) session.signIn(trimmed);
  };
  return (
    <main className="sign-in">
      <h1>Sign in to Switchboard</h1>
      {state.reason === 'rejected' && (
        <div role="alert" className="notice notice-error">
          <h2>Your API token was not accepted</h2>
          <p>
            {state.message ? `${state.message}.` : 'It is wrong or has been revoked.'} Ask an admin for a new
            token, then sign in again.
          </p>
        </div>
      )}
      {state.reason === 'signedOut' && (
        <p role="status" className="notice">
          You are signed out.
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor={id}>API token</label>
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sbt_…"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <p className="hint">
          The token stays in this browser tab (session storage) and is sent only to the API.
        </p>
        <button type="submit" className="button button-primary" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
