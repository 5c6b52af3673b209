/**
 * The rules of keys and ids in paths, as plain checks: `schemas.ts` builds `resourceKey` from them,
 * and the HTTP functions check path parameters with them without loading a schema.
 */

/** A project, environment, flag, segment or token key or id. */
export const RESOURCE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const RESOURCE_KEY_RULE = 'must be 1-128 letters, digits, ".", "_" or "-"';

/**
 * An event key as SDKs track it (the ingest rule), `{eventKey}` in a path: named by the application,
 * so looser than a resource key.
 */
export const EVENT_KEY_MAX_LENGTH = 256;
export const EVENT_KEY_FORBIDDEN = /[#\p{Cc}]/u;
export const EVENT_KEY_RULE = 'must be 1-256 characters without "#" or control characters';

/**
 * Why `value` is not a valid `{name}` path parameter (in zod's words where zod's check would have
 * answered), or undefined when it is.
 *
 * @example
 * pathParamProblem('flag', 'a/b'); // 'must be 1-128 letters, digits, ".", "_" or "-"'
 */
export function pathParamProblem(name: string, value: string): string | undefined {
  if (name !== 'eventKey') return RESOURCE_KEY.test(value) ? undefined : RESOURCE_KEY_RULE;
  if (value.length < 1) return 'Too small: expected string to have >=1 characters';
  if (value.length > EVENT_KEY_MAX_LENGTH) {
    return `Too big: expected string to have <=${EVENT_KEY_MAX_LENGTH} characters`;
  }
  return EVENT_KEY_FORBIDDEN.test(value) ? EVENT_KEY_RULE : undefined;
}
