import { describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnwritableError,
  ValidationError,
  WriteConflictError,
} from '../errors.js';
import { mapError } from './error-mapper.js';

describe('mapError', () => {
  it.each([
    [new ValidationError('bad', 'a.b'), 400, { code: 'invalid_request', message: 'bad', field: 'a.b' }],
    [
      new ValidationError([{ field: 'rules[0].op', message: 'unknown operator "x"' }]),
      400,
      { code: 'invalid_request', message: 'rules[0].op: unknown operator "x"', field: 'rules[0].op' },
    ],
    [new UnauthorizedError(), 401, { code: 'unauthorized', message: 'A valid credential is required' }],
    [new ForbiddenError('no'), 403, { code: 'forbidden', message: 'no' }],
    [new NotFoundError('Flag "x"'), 404, { code: 'not_found', message: 'Flag "x" not found' }],
    [new ConflictError('stale'), 409, { code: 'conflict', message: 'stale' }],
    [new WriteConflictError('raced'), 409, { code: 'conflict', message: 'raced' }],
    [
      new PayloadTooLargeError(10),
      413,
      { code: 'payload_too_large', message: 'Request body exceeds 10 bytes' },
    ],
  ])('maps %s', (error, status, body) => {
    expect(mapError(error)).toMatchObject({ status, body: { error: body } });
  });

  it('answers 500 for an error of the hierarchy that names no status', () => {
    expect(mapError(new UnwritableError('number out of range'), () => {}).status).toBe(500);
  });

  it('hides unknown errors behind a generic 500 and logs them', () => {
    const log = vi.fn();
    const secret = new Error('connect ECONNREFUSED 10.0.0.1 table=prod-flags');
    const mapped = mapError(secret, log);
    expect(mapped).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'Internal error' } },
      headers: {},
    });
    expect(log).toHaveBeenCalledWith('Unhandled error', secret);
  });
});
