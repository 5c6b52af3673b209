import type { Context } from '@switchboard/core';
import { joinField, parseContext } from '@switchboard/core/schema';
import { ValidationError } from '../errors.js';

/**
 * The context of an evaluation request, checked by core's schema; its error re-thrown with the
 * field placed under `context`. Kept out of `EvaluationService`, which the delivery functions
 * load without any schema library.
 *
 * @example
 * ```ts
 * evaluation.evaluateAll(environment, parseRequestContext(body), {}); // or a 400 naming `context.key`
 * ```
 */
export function parseRequestContext(json: unknown): Context {
  try {
    return parseContext(json);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const field = joinField('context', error.field);
    throw new ValidationError(`${field}: ${error.issues[0]?.message ?? error.message}`, field, {
      cause: error,
    });
  }
}
