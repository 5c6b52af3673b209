/**
 * Base class of every error Switchboard's server and core throw, so callers catch them in one place;
 * the API extends it with the errors it answers with a status (`lambdas/errors.ts`).
 */
export class SwitchboardError extends Error {
  override readonly name: string = 'SwitchboardError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Where a problem is inside a value: property names and array indexes, outermost first. */
export type FieldPath = readonly PropertyKey[];

/**
 * Formats a path the way every Switchboard error names a field: `environments.production.rules[1].rollout`.
 *
 * @example
 * ```ts
 * fieldPath(['rules', 2, 'clauses', 0, 'op']); // → 'rules[2].clauses[0].op'
 * ```
 */
export function fieldPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Places `field` inside `prefix`, for a value checked as part of a larger document.
 *
 * @example
 * ```ts
 * joinField('patch', '[0].op'); // → 'patch[0].op'
 * joinField('context', 'key'); // → 'context.key'
 * ```
 */
export function joinField(prefix: string | undefined, field: string): string {
  if (!prefix) return field;
  if (!field) return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

/** One problem found while validating a value. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `rules[2].clauses[0].op`; `''` for the value as a whole. */
  readonly field: string;
  readonly message: string;
}

/**
 * The value does not match its schema or breaks an authoring rule; `field` names the first culprit.
 * Thrown by `parseFlag`, `parseSegment`, `parseContext` and `parseWith`, and by the API for any bad
 * input (it answers 400 `invalid_request` with the field).
 *
 * @example
 * ```ts
 * try {
 *   parseFlag(json);
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.field); // 'rules[2].clauses[0].op'
 * }
 * throw new ValidationError('from must be before to', 'from');
 * ```
 */
export class ValidationError extends SwitchboardError {
  override readonly name = 'ValidationError';
  /** The first offending field; `''` for the value as a whole. */
  readonly field: string;
  /** Every problem found, the first of which is `field`. */
  readonly issues: readonly ValidationIssue[];

  /** Every issue found; the message names the first as `field: message`. */
  constructor(issues: readonly [ValidationIssue, ...ValidationIssue[]], options?: { cause?: unknown });
  /** One problem, with the message as given. */
  constructor(message: string, field?: string, options?: { cause?: unknown });
  constructor(
    issuesOrMessage: string | readonly [ValidationIssue, ...ValidationIssue[]],
    fieldOrOptions?: string | { cause?: unknown },
    maybeOptions?: { cause?: unknown },
  ) {
    const single = typeof issuesOrMessage === 'string';
    const issues = single
      ? ([
          { field: typeof fieldOrOptions === 'string' ? fieldOrOptions : '', message: issuesOrMessage },
        ] as const)
      : issuesOrMessage;
    const [first] = issues;
    const message = single || first.field === '' ? first.message : `${first.field}: ${first.message}`;
    super(message, single ? maybeOptions : (fieldOrOptions as { cause?: unknown } | undefined));
    this.field = first.field;
    this.issues = issues;
  }
}
