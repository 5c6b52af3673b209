import { logError } from '../adapters/telemetry.js';
import { ApiError, type ErrorCode, MethodNotAllowedError, ValidationError } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
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

/** The code and field a typed error answers with, or undefined for an error that is not ours to show. */
function describe(error: unknown): { code: ErrorCode; message: string; field?: string } | undefined {
  if (error instanceof ValidationError)
    return { code: 'invalid_request', message: error.message, field: error.field };
  if (error instanceof ApiError) return { code: error.code, message: error.message, field: error.field };
  return undefined;
}

/**
 * The one place errors become responses. Typed errors keep their code, message and field; anything
 * else is logged in full and answered with a generic 500, so no stack or internal detail leaks.
 */
export function mapError(
  error: unknown,
  log: (message: string, error: unknown) => void = logError,
): MappedError {
  const typed = describe(error);
  if (typed) {
    const { code, message, field } = typed;
    const body: ErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
    const headers: Record<string, string> =
      code === 'unauthorized'
        ? { 'www-authenticate': 'Bearer' }
        : error instanceof MethodNotAllowedError
          ? { allow: error.allow.join(', ') }
          : {};
    return { status: STATUS[code], body, headers };
  }
  log('Unhandled error', error);
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error' } }, headers: {} };
}
