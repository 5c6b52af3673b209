import { ForbiddenPage } from '../features/auth/components/ForbiddenPage.js';
import { ApiError } from '../lib/api-client.js';

/** What a page shows while its data loads or when the request failed. */
export function QueryState({ error, label }: { error: unknown; label: string }) {
  if (!error)
    return (
      <p role="status" className="muted">
        Loading {label}…
      </p>
    );
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage reason={error.message} />;
  return (
    <div role="alert" className="notice notice-error">
      Could not load {label}: {error instanceof Error ? error.message : String(error)}
    </div>
  );
}
