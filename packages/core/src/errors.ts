/** Base class of every error the core throws, so callers can catch the package's errors in one place. */
export class SwitchboardError extends Error {
  override readonly name: string = 'SwitchboardError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One problem found while validating a flag, segment or context. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `rules[2].clauses[0].op`; `''` for the value as a whole. */
  readonly field: string;
  readonly message: string;
}

/**
 * Thrown by `parseFlag`, `parseSegment` and `parseContext` when the input does not match the schema.
 *
 * @example
 * ```ts
 * try {
 *   parseFlag(json);
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.field); // 'rules[2].clauses[0].op'
 * }
 * ```
 */
export class ValidationError extends SwitchboardError {
  override readonly name = 'ValidationError';
  /** The first offending field. */
  readonly field: string;
  /** Every problem found, the first of which is `field`. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly [ValidationIssue, ...ValidationIssue[]], options?: { cause?: unknown }) {
    const [first] = issues;
    super(first.field === '' ? first.message : `${first.field}: ${first.message}`, options);
    this.field = first.field;
    this.issues = issues;
  }
}
