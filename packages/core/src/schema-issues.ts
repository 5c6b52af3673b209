import type * as v from 'valibot';
import { fieldPath, joinField, type ValidationIssue } from './errors.js';

/**
 * How the schemas' problems read in a {@link ValidationError}: one English message per kind of check,
 * the wording the API's 4xx bodies have always used (`Invalid input: expected string, received
 * number`, `Too small: expected string to have >=1 characters`). Messages given to a schema itself
 * win; `parseWith` passes this as valibot's per-parse `message`, so no global configuration of
 * valibot is touched in a process that also uses it for its own schemas.
 */

type Issue = v.BaseIssue<unknown>;

const OBJECT_TYPES = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);

/** What a value is, as the messages name it. */
export function receivedType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return Number.isNaN(value) ? 'NaN' : typeof value;
}

const isMissingKey = (issue: Issue) =>
  OBJECT_TYPES.has(issue.type) && issue.input === undefined && issue.expected?.startsWith('"') === true;

/** A strict object's issue for a key it does not declare. */
const isUnknownKey = (issue: Issue) => issue.type === 'strict_object' && issue.expected === 'never';

const sized = (issue: Issue) =>
  Array.isArray(issue.input)
    ? ['array', 'items']
    : typeof issue.input === 'string'
      ? ['string', 'characters']
      : [];

function bound(issue: Issue, word: 'Too small' | 'Too big', sign: '>=' | '<='): string {
  const [type, unit] = sized(issue);
  if (type) return `${word}: expected ${type} to have ${sign}${String(issue.requirement)} ${unit}`;
  return `${word}: expected ${receivedType(issue.input)} to be ${sign}${String(issue.requirement)}`;
}

/**
 * The message of one issue.
 *
 * @example
 * ```ts
 * v.safeParse(schema, value, { message: issueMessage });
 * ```
 */
export function issueMessage(issue: Issue): string {
  if (isMissingKey(issue)) return 'Required';
  switch (issue.type) {
    case 'min_length':
    case 'min_value':
      return bound(issue, 'Too small', '>=');
    case 'max_length':
    case 'max_value':
      return bound(issue, 'Too big', '<=');
    case 'integer':
    case 'safe_integer':
      return `Invalid input: expected int, received ${receivedType(issue.input)}`;
    case 'regex':
      return `Invalid string: must match pattern ${String(issue.requirement)}`;
    case 'iso_timestamp':
      return 'Invalid ISO datetime';
    case 'literal':
      return `Invalid input: expected ${issue.expected}`;
    case 'picklist':
      return `Invalid option: expected one of ${issue.expected?.replaceAll(' | ', '|')}`;
    case 'union':
    case 'variant':
    case 'check':
    case 'raw_check':
      return 'Invalid input';
    default:
      if (issue.kind !== 'schema') return 'Invalid input';
      return `Invalid input: expected ${OBJECT_TYPES.has(issue.type) ? 'object' : issue.type}, received ${receivedType(issue.input)}`;
  }
}

/**
 * The issues of a failed parse as {@link ValidationIssue}s, each field placed inside `prefix`. A
 * key a strict object does not declare is reported at that key, as `unknown field "<key>"`.
 *
 * @example
 * ```ts
 * validationIssues(result.issues, 'body'); // → [{ field: 'body.rules[0].op', message: '…' }]
 * ```
 */
export function validationIssues(
  issues: readonly Issue[],
  prefix: string | undefined,
): [ValidationIssue, ...ValidationIssue[]] {
  const out = issues.map((issue): ValidationIssue => {
    const path = (issue.path ?? []).map((item) => item.key as PropertyKey);
    const message = isUnknownKey(issue) ? `unknown field "${String(path.at(-1))}"` : issue.message;
    return { field: joinField(prefix, fieldPath(path)), message };
  });
  const [first = { field: prefix ?? '', message: 'Invalid input' }, ...rest] = out;
  return [first, ...rest];
}
