import { parseDate } from './dates.js';
import { memoizeParse } from './memo.js';
import { compilePattern, type PatternEngine, type PatternTest, portableInput } from './patterns.js';
import { compareSemVer, parseSemVer, type SemVer } from './semver.js';

/** Whether one context value satisfies a clause's operator against any of the clause's values. */
export type ValueTest = (value: unknown) => boolean;

const never: ValueTest = () => false;

function strings(values: readonly unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string');
}

function defined<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

/** JSON primitives, `null` included (it can meet a `null` element of an array attribute). */
function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** `in`: strict equality on primitives; objects and arrays never match, so they are left out. */
function compileIn(values: readonly unknown[]): ValueTest {
  const primitives = values.filter(isPrimitive);
  if (primitives.length === 1) {
    const only = primitives[0];
    return (value) => value === only;
  }
  const set = new Set(primitives);
  return (value) => isPrimitive(value) && set.has(value);
}

function compileString(
  values: readonly unknown[],
  test: (value: string, operand: string) => boolean,
): ValueTest {
  const operands = strings(values);
  if (operands.length === 1) {
    // The usual case, without the loop.
    const operand = operands[0] as string;
    return (value) => typeof value === 'string' && test(value, operand);
  }
  return (value) => {
    if (typeof value !== 'string') return false;
    for (const operand of operands) if (test(value, operand)) return true;
    return false;
  };
}

const startsWith = (value: string, operand: string): boolean => value.startsWith(operand);
const endsWith = (value: string, operand: string): boolean => value.endsWith(operand);
const contains = (value: string, operand: string): boolean => value.includes(operand);

/**
 * A compiled pattern shared by every clause with the same source, remembering its last answer: one
 * context evaluated against many flags (`evaluateAll`) tests the same value against the same
 * pattern once per flag that uses it, and this turns the repeats into one string comparison.
 */
interface SharedPattern {
  readonly test: PatternTest;
  lastValue: string | undefined;
  lastResult: boolean;
}

/** Patterns by engine, then by source; bounded, as flags come and go. */
const sharedPatterns = new WeakMap<PatternEngine, Map<string, SharedPattern | undefined>>();

function compileWith(engine: PatternEngine, source: string): PatternTest | undefined {
  const portable = compilePattern(source);
  if (portable === undefined) return undefined;
  try {
    return engine.compile(portable);
  } catch {
    return undefined;
  }
}

function sharedPattern(engine: PatternEngine, source: string): SharedPattern | undefined {
  let patterns = sharedPatterns.get(engine);
  if (patterns === undefined) {
    patterns = new Map();
    sharedPatterns.set(engine, patterns);
  }
  if (patterns.has(source)) return patterns.get(source);
  if (patterns.size >= 10_000) patterns.clear();
  const test = compileWith(engine, source);
  const shared = test === undefined ? undefined : { test, lastValue: undefined, lastResult: false };
  patterns.set(source, shared);
  return shared;
}

function search(shared: SharedPattern, value: string): boolean {
  if (value === shared.lastValue) return shared.lastResult;
  const result = shared.test(portableInput(value));
  shared.lastValue = value;
  shared.lastResult = result;
  return result;
}

/** An unanchored search; a pattern outside the accepted syntax never matches. */
function compileMatches(values: readonly unknown[], engine: PatternEngine): ValueTest {
  const patterns = defined(strings(values).map((source) => sharedPattern(engine, source)));
  if (patterns.length === 1) {
    const pattern = patterns[0] as SharedPattern;
    return (value) => typeof value === 'string' && search(pattern, value);
  }
  return (value) => {
    if (typeof value !== 'string') return false;
    for (const pattern of patterns) if (search(pattern, value)) return true;
    return false;
  };
}

/**
 * "Less than any operand" is "less than the largest", so ordered comparisons reduce to one bound
 * computed here rather than a loop per evaluation.
 */
function compileOrdered(
  operands: readonly number[],
  read: (value: unknown) => number | undefined,
  compare: 'lt' | 'lte' | 'gt' | 'gte',
): ValueTest {
  if (operands.length === 0) return never;
  const upper = operands.reduce((a, b) => Math.max(a, b));
  const lower = operands.reduce((a, b) => Math.min(a, b));
  switch (compare) {
    case 'lt':
      return (value) => (read(value) ?? Number.NaN) < upper;
    case 'lte':
      return (value) => (read(value) ?? Number.NaN) <= upper;
    case 'gt':
      return (value) => (read(value) ?? Number.NaN) > lower;
    case 'gte':
      return (value) => (read(value) ?? Number.NaN) >= lower;
  }
}

const readNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

const parseDateString = memoizeParse(parseDate);
const readDate = (value: unknown): number | undefined =>
  typeof value === 'string' ? parseDateString(value) : parseDate(value);

/** Operators that compare numbers: how to read an operand or context value, and the comparison. */
const ORDERED: Record<
  string,
  [read: (value: unknown) => number | undefined, compare: 'lt' | 'lte' | 'gt' | 'gte']
> = {
  lessThan: [readNumber, 'lt'],
  lessThanOrEqual: [readNumber, 'lte'],
  greaterThan: [readNumber, 'gt'],
  greaterThanOrEqual: [readNumber, 'gte'],
  before: [readDate, 'lt'],
  after: [readDate, 'gt'],
};

const parseSemVerString = memoizeParse(parseSemVer);
const readSemVer = (value: unknown): SemVer | undefined =>
  typeof value === 'string' ? parseSemVerString(value) : undefined;

function compileSemVer(values: readonly unknown[], accept: (order: number) => boolean): ValueTest {
  const operands: SemVer[] = defined(values.map(parseSemVer));
  if (operands.length === 0) return never;
  if (operands.length === 1) {
    const operand = operands[0] as SemVer;
    return (value) => {
      const version = readSemVer(value);
      return version !== undefined && accept(compareSemVer(version, operand));
    };
  }
  return (value) => {
    const version = readSemVer(value);
    if (version === undefined) return false;
    for (const operand of operands) if (accept(compareSemVer(version, operand))) return true;
    return false;
  };
}

/**
 * Compiles a clause operator with its values into a test of one context value, parsing operands
 * (regexes, dates, versions) once. `undefined` for an unknown operator, which never matches, and
 * for `matches` without a pattern engine (see `EvaluatorOptions.patterns`).
 *
 * @example
 * ```ts
 * compileOperator('semVerLessThan', ['2.0.0'])?.('1.9'); // true
 * ```
 */
export function compileOperator(
  op: unknown,
  values: readonly unknown[],
  patterns?: PatternEngine,
): ValueTest | undefined {
  switch (op) {
    case 'in':
      return compileIn(values);
    case 'startsWith':
      return compileString(values, startsWith);
    case 'endsWith':
      return compileString(values, endsWith);
    case 'contains':
      return compileString(values, contains);
    case 'matches':
      return patterns === undefined ? undefined : compileMatches(values, patterns);
    case 'semVerEqual':
      return compileSemVer(values, (order) => order === 0);
    case 'semVerLessThan':
      return compileSemVer(values, (order) => order < 0);
    case 'semVerGreaterThan':
      return compileSemVer(values, (order) => order > 0);
    default: {
      const ordered = typeof op === 'string' && Object.hasOwn(ORDERED, op) ? ORDERED[op] : undefined;
      if (ordered === undefined) return undefined;
      const [read, compare] = ordered;
      return compileOrdered(defined(values.map(read)), read, compare);
    }
  }
}
