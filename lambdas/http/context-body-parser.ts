import { receivedType } from '@switchboard/core/schema';
import { fitsContextLimit, MAX_CONTEXT_BYTES } from '../domain/context-limits.js';
import { ValidationError } from '../errors.js';
import type { Parser } from './route-table.js';

/**
 * The body of an evaluate route (the SDK's and the management API's), read without a schema library
 * so that their functions load none: any JSON object within the context size limit, answered as
 * `contextSchema` (`domain/context-body.ts`, which documents it) would. The handler then checks it
 * as a context with the core's own rules (`parseRequestContext`).
 *
 * @example
 * ```ts
 * on('POST /sdk/v1/evaluate/{clientSideId}', { body: contextBody, handle: … });
 * ```
 */
export const contextBody: Parser<Record<string, unknown>> = {
  parse: (json) => {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new ValidationError(`Invalid input: expected record, received ${receivedType(json)}`);
    }
    if (!fitsContextLimit(json))
      throw new ValidationError(`must be at most ${MAX_CONTEXT_BYTES} bytes of JSON`);
    return json as Record<string, unknown>;
  },
};
