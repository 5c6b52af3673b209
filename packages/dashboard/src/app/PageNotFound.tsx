import { Link, useLocation } from '@tanstack/react-router';

/**
 * What a path the dashboard has no page for opens (a mistyped or outdated link): says so, names the
 * path, and links to the landing page rather than leaving the router's bare "Not Found".
 */
export function PageNotFound() {
  const { pathname } = useLocation();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Page not found</h1>
      <p>
        The dashboard has no page at <code>{pathname}</code>; the link may be mistyped or out of date.
      </p>
      <p>
        <Link to="/">Open the flag list</Link>
      </p>
    </section>
  );
}
