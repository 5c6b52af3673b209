/**
 * What an under-privileged token sees instead of a page its role cannot read, with the API's
 * reason, which names the role the page needs ("This route needs the admin role; the token has
 * writer").
 */
export function ForbiddenPage({ reason }: { reason?: string }) {
  return (
    <section className="page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not allowed</h1>
      <p>Your API token’s role cannot open this page. Sign in with another token, or ask an admin for one.</p>
      {reason && <p className="muted">{reason}</p>}
    </section>
  );
}
