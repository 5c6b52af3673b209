/**
 * Lambda event filtering (the EventBridge pattern dialect Lambda accepts): a record passes when any
 * pattern matches. In a pattern, an object descends into the record, an array lists the accepted
 * values of a leaf (any one suffices; an array in the record matches when any element does), and
 * `$or` takes alternative sub-patterns. Leaf matchers: exact values (including `null` and `""`),
 * `prefix`, `suffix`, `equals-ignore-case`, `anything-but` (a value, a list, or `{ prefix }`),
 * `exists`, and `numeric` comparisons.
 */
export type FilterPattern = Readonly<Record<string, unknown>>;

export function matchesAnyPattern(record: unknown, patterns: readonly FilterPattern[] | undefined): boolean {
  return !patterns || patterns.length === 0 || patterns.some((pattern) => matchesPattern(record, pattern));
}

export function matchesPattern(value: unknown, pattern: FilterPattern): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      return (
        Array.isArray(expected) &&
        expected.some((alternative) => matchesPattern(value, alternative as FilterPattern))
      );
    }
    const actual = isObject(value) ? value[key] : undefined;
    if (Array.isArray(expected)) return matchesLeaf(actual, expected);
    if (isObject(expected)) return isObject(actual) && matchesPattern(actual, expected);
    throw new InvalidFilterPatternError(`"${key}" must be an array of values or a nested pattern`);
  });
}

/** Thrown for a pattern Lambda would refuse when the event source mapping is created. */
export class InvalidFilterPatternError extends Error {
  override readonly name = 'InvalidFilterPatternError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function matchesLeaf(actual: unknown, accepted: readonly unknown[]): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  return accepted.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return matcher.exists === (actual !== undefined);
    if (actual === undefined) return false;
    return values.some((value) => matchesValue(value, matcher));
  });
}

function matchesValue(value: unknown, matcher: unknown): boolean {
  if (!isObject(matcher)) return value === matcher;
  if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(String(matcher.prefix));
  if ('suffix' in matcher) return typeof value === 'string' && value.endsWith(String(matcher.suffix));
  if ('equals-ignore-case' in matcher) {
    return (
      typeof value === 'string' && value.toLowerCase() === String(matcher['equals-ignore-case']).toLowerCase()
    );
  }
  if ('anything-but' in matcher) return !matchesAnythingBut(value, matcher['anything-but']);
  if ('numeric' in matcher) return matchesNumeric(value, matcher.numeric);
  throw new InvalidFilterPatternError(`Unsupported filter matcher ${JSON.stringify(matcher)}`);
}

/** True when `value` is among the excluded ones. */
function matchesAnythingBut(value: unknown, excluded: unknown): boolean {
  if (Array.isArray(excluded)) return excluded.includes(value);
  if (isObject(excluded) && 'prefix' in excluded) {
    return typeof value === 'string' && value.startsWith(String(excluded.prefix));
  }
  return value === excluded;
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function matchesNumeric(value: unknown, conditions: unknown): boolean {
  // DynamoDB numbers arrive as strings ({ "N": "42" }); Lambda compares them as numbers.
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  if (Number.isNaN(number) || !Array.isArray(conditions) || conditions.length % 2 !== 0) return false;
  for (let i = 0; i < conditions.length; i += 2) {
    const compare = COMPARE[String(conditions[i])];
    if (!compare)
      throw new InvalidFilterPatternError(`Unsupported numeric operator ${String(conditions[i])}`);
    if (!compare(number, Number(conditions[i + 1]))) return false;
  }
  return true;
}
