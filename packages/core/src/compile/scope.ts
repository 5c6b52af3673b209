import type { BucketFunction } from '../bucketing.js';
import type { EvalContext } from '../context.js';

/** Result of matching a clause, rule or segment: no, yes, or malformed data (→ `MALFORMED_FLAG`). */
export type Match = 0 | 1 | 2;
export const NO_MATCH = 0;
export const MATCH = 1;
export const MATCH_ERROR = 2;

/** What compiled code needs from the evaluator running it. */
export interface Scope {
  readonly bucket: BucketFunction;
  /** Whether the context is in any of the segments (`segmentMatch`), with cycle detection. */
  segmentMatch(segments: SegmentList, context: EvalContext): Match;
}

/** The segment keys of one `segmentMatch` clause, with the segments they resolved to at a store generation. */
export interface SegmentList {
  readonly keys: readonly string[];
  generation: number;
  resolved: readonly unknown[];
}

export type ClauseTest = (context: EvalContext, scope: Scope) => Match;

/** Clauses are AND'ed and stop at the first that does not match or errs; `[]` matches everything. */
export function matchAll(clauses: readonly ClauseTest[], context: EvalContext, scope: Scope): Match {
  for (let i = 0; i < clauses.length; i += 1) {
    const match = (clauses[i] as ClauseTest)(context, scope);
    if (match !== MATCH) return match;
  }
  return MATCH;
}

/** A list field: absent is empty, anything but an array is `undefined` (malformed). */
export function list(value: unknown): readonly unknown[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : undefined;
}
