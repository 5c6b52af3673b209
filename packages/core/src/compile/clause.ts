import { parseAttributeReference } from '../attribute-reference.js';
import type { EvalContext } from '../context.js';
import { isObject } from '../nulls.js';
import { compileOperator, type ValueTest } from '../operators.js';
import type { PatternEngine } from '../patterns.js';
import {
  type ClauseTest,
  list,
  MATCH,
  MATCH_ERROR,
  type Match,
  NO_MATCH,
  type SegmentList,
} from './scope.js';

/** A clause whose data is unusable: reaching it makes the evaluation `MALFORMED_FLAG`. */
export const malformedClause: ClauseTest = () => MATCH_ERROR;
const never: ValueTest = () => false;

/** An array attribute matches when any element does. */
function matchValue(value: unknown, test: ValueTest): boolean {
  if (!Array.isArray(value)) return test(value);
  for (const element of value) if (test(element)) return true;
  return false;
}

function negated(matched: boolean, negate: boolean): Match {
  return matched !== negate ? MATCH : NO_MATCH;
}

/**
 * Compiles one clause into a test of a context. The attribute reference and the operator's values
 * are parsed here, once; a bad reference yields a test that always reports malformed data, and so
 * does a `matches` clause without a pattern engine to run it on.
 *
 * @example
 * ```ts
 * const test = compileClause({ contextKind: 'org', attribute: '/address/country', op: 'in', values: ['NZ'] });
 * ```
 */
export function compileClause(raw: unknown, patterns?: PatternEngine): ClauseTest {
  if (!isObject(raw)) return malformedClause;
  const values = list(raw.values);
  const { contextKind } = raw;
  if (values === undefined || (contextKind !== undefined && typeof contextKind !== 'string'))
    return malformedClause;
  const negate = raw.negate === true;

  if (raw.op === 'segmentMatch') {
    const segments: SegmentList = {
      keys: values.filter((value): value is string => typeof value === 'string'),
      generation: -1,
      resolved: [],
    };
    return (context, scope) => {
      const match = scope.segmentMatch(segments, context);
      return match === MATCH_ERROR ? match : negated(match === MATCH, negate);
    };
  }

  const ref = parseAttributeReference(raw.attribute, contextKind === undefined);
  if (!ref.valid) return malformedClause;
  if (raw.op === 'matches' && patterns === undefined) return malformedClause;
  const test = compileOperator(raw.op, values, patterns) ?? never;
  if (ref.isKind) return (context) => negated(matchValue(context.kinds(), test), negate);

  const kind = contextKind ?? 'user';
  const [name] = ref.path;
  if (ref.path.length === 1 && ref.plainRead && name !== 'anonymous' && name !== '_meta' && !negate) {
    // The usual clause, a plain attribute name and no negation, read without the reader's call.
    const attribute = name as string;
    return (context: EvalContext) => {
      const attributes = context.forKind(kind);
      if (attributes === undefined) return NO_MATCH;
      const { legacyCustom } = context;
      const value = legacyCustom === undefined ? attributes[attribute] : ref.read(attributes, legacyCustom);
      if (value === undefined || value === null) return NO_MATCH;
      return matchValue(value, test) ? MATCH : NO_MATCH;
    };
  }
  return (context: EvalContext) => {
    const value = context.read(kind, ref);
    // A missing value never matches, whatever `negate` says.
    if (value === undefined) return NO_MATCH;
    return negated(matchValue(value, test), negate);
  };
}
