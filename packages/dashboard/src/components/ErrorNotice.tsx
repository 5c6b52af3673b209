import { ApiError } from '../lib/api-client.js';

/**
 * A failed request's message, naming the field the API rejected when it said which.
 *
 * @example
 * {create.error && <ErrorNotice error={create.error} />}
 */
export function ErrorNotice({ error }: { error: unknown }) {
  const field = error instanceof ApiError ? error.body?.error.field : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="notice notice-error">
      {field && !message.includes(field) ? `${field}: ${message}` : message}
    </p>
  );
}
