import type { Role } from '../use-can.js';

/** What an under-privileged token sees instead of a page its role cannot read. */
export function ForbiddenPage({ need }: { need?: Role }) {
  return (
    <section className="page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not allowed</h1>
      <p>
        Your API token’s role cannot open this page
        {need ? (
          <>
            ; it needs the <strong>{need}</strong> role
          </>
        ) : null}
        . Sign in with another token, or ask an admin for one.
      </p>
    </section>
  );
}
