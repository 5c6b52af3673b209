import {
  type Context,
  contextIssue,
  contextWithoutNulls,
  joinField,
  ValidationError,
} from '@switchboard/core';

/**
 * The context of an evaluation request, checked by the core's own context rules (`contextIssue`:
 * the same fields and messages as its schema's, without loading a schema library), its field
 * placed under `context`; `null` attributes read as absent. Kept out of `EvaluationService`, which
 * the delivery functions load too.
 *
 * @example
 * ```ts
 * evaluation.evaluateAll(environment, parseRequestContext(body), {}); // or a 400 naming `context.key`
 * ```
 */
export function parseRequestContext(json: unknown): Context {
  const issue = contextIssue(json);
  if (issue) {
    const field = joinField('context', issue.field);
    throw new ValidationError(`${field}: ${issue.message}`, field);
  }
  return contextWithoutNulls(json) as Context;
}
