/**
 * The control plane's typed errors. Services throw these; `http/error-mapper.ts` is the one place
 * that turns them into responses, so no handler builds an error body itself.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

export class SwitchboardError extends Error {
  override readonly name: string = 'SwitchboardError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The request is well-formed HTTP but its content is not acceptable; `field` names the culprit. */
export class ValidationError extends SwitchboardError {
  override readonly name = 'ValidationError';
  constructor(message: string, field?: string, options?: ErrorOptions) {
    super('invalid_request', message, field, options);
  }
}

export class PayloadTooLargeError extends SwitchboardError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super('payload_too_large', `Request body exceeds ${limitBytes} bytes`);
  }
}

/** Missing, malformed, unknown, expired or revoked credential. */
export class UnauthorizedError extends SwitchboardError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'A valid credential is required') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends SwitchboardError {
  override readonly name = 'ForbiddenError';
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NotFoundError extends SwitchboardError {
  override readonly name = 'NotFoundError';
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** A stale `If-Match`, a concurrent write that won, or a key that already exists. */
export class ConflictError extends SwitchboardError {
  override readonly name: string = 'ConflictError';
  constructor(message: string, options?: ErrorOptions) {
    super('conflict', message, undefined, options);
  }
}

/** A conditional write lost to a concurrent one; without `If-Match` the service may retry. */
export class WriteConflictError extends ConflictError {
  override readonly name = 'WriteConflictError';
}

/** A dependency (e.g. the events stream) refused the work for now; the caller should retry later. */
export class ServiceUnavailableError extends SwitchboardError {
  override readonly name = 'ServiceUnavailableError';
  constructor(message: string, options?: ErrorOptions) {
    super('unavailable', message, undefined, options);
  }
}

/**
 * A write the store refuses for what it holds, not for a passing condition (DynamoDB's
 * `ValidationException`, e.g. a number out of its range): retrying the same write can never succeed.
 */
export class UnwritableError extends Error {
  override readonly name = 'UnwritableError';
}
