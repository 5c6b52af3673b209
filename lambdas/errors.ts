import { SwitchboardError, ValidationError } from '@switchboard/core';

/**
 * The control plane's typed errors, on the core's one hierarchy: `SwitchboardError` is the base and
 * the core's `ValidationError` (bad input, naming the field) is the API's too. Services throw these;
 * `http/error-mapper.ts` is the one place that turns them into responses, so no handler builds an
 * error body itself.
 */
export { SwitchboardError, ValidationError };

export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

/** An error the API answers with the status of its `code`. */
export class ApiError extends SwitchboardError {
  override readonly name: string = 'ApiError';
  /** The request's field the error is about, if it is about one. */
  readonly field?: string;
  constructor(
    readonly code: Exclude<ErrorCode, 'invalid_request'>,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class PayloadTooLargeError extends ApiError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super('payload_too_large', `Request body exceeds ${limitBytes} bytes`);
  }
}

/** Missing, malformed, unknown, expired or revoked credential. */
export class UnauthorizedError extends ApiError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'A valid credential is required') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** A path that exists, called with a method it does not take; `allow` lists those it takes. */
export class MethodNotAllowedError extends ApiError {
  override readonly name = 'MethodNotAllowedError';
  constructor(readonly allow: readonly string[]) {
    super('method_not_allowed', `This path takes ${allow.join(', ')}`);
  }
}

/** A stale `If-Match`, a concurrent write that won, or a key that already exists. */
export class ConflictError extends ApiError {
  override readonly name: string = 'ConflictError';
  constructor(message: string, options?: ErrorOptions) {
    super('conflict', message, options);
  }
}

/** A create whose key another item of its kind already has. */
export class AlreadyExistsError extends ConflictError {
  override readonly name = 'AlreadyExistsError';
  override readonly field = 'key';
  constructor(what: string, options?: ErrorOptions) {
    super(`${what} already exists`, options);
  }
}

/** A conditional write lost to a concurrent one; without `If-Match` the service may retry. */
export class WriteConflictError extends ConflictError {
  override readonly name = 'WriteConflictError';
}

/** A dependency (e.g. the events stream) refused the work for now; the caller should retry later. */
export class ServiceUnavailableError extends ApiError {
  override readonly name = 'ServiceUnavailableError';
  constructor(message: string, options?: ErrorOptions) {
    super('unavailable', message, options);
  }
}

/**
 * A write the store refuses for what it holds, not for a passing condition (DynamoDB's
 * `ValidationException`, e.g. a number out of its range): retrying the same write can never succeed.
 */
export class UnwritableError extends SwitchboardError {
  override readonly name = 'UnwritableError';
}
