import { logError } from '../adapters/telemetry.js';
import { type ErrorCode, SwitchboardError } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}

export interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Record<string, string>;
}

/**
 * The one place errors become responses. Typed errors keep their code, message and field; anything
 * else is logged in full and answered with a generic 500, so no stack or internal detail leaks.
 */
export function mapError(
  error: unknown,
  log: (message: string, error: unknown) => void = logError,
): MappedError {
  if (error instanceof SwitchboardError) {
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
    };
    const headers: Record<string, string> =
      error.code === 'unauthorized' ? { 'www-authenticate': 'Bearer' } : {};
    return { status: STATUS[error.code], body, headers };
  }
  log('Unhandled error', error);
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error' } }, headers: {} };
}
