import { type OperatorValues, operators, operatorValues, parseDate, parseSemVer } from '@switchboard/core';
import type { paths } from '../../lib/api-client.js';

type FlagRule =
  paths['/api/v1/projects/{project}/flags/{flag}']['get']['responses'][200]['content']['application/json']['environments'][string]['rules'][number];
/** A condition, the same in a flag's rules and a segment's rules. */
export type Clause = FlagRule['clauses'][number];
/** A clause value (JSON). */
export type Json = Clause['values'][number];
/** What a `segmentMatch` clause can pick from. */
export interface SegmentChoice {
  readonly key: string;
  readonly name: string;
}

/** Attribute names suggested in every clause's attribute field (`<datalist id="attributes">`). */
export const COMMON_ATTRIBUTES = ['key', 'name', 'email', 'country', 'anonymous', 'kind'] as const;

export type Operator = (typeof operators)[number];

/** Which value input an operator takes: the kind of value the core's authoring checks accept. */
export type ValueKind = OperatorValues;

const LABELS: Record<Operator, string> = {
  in: 'is one of',
  startsWith: 'starts with',
  endsWith: 'ends with',
  contains: 'contains',
  matches: 'matches regex',
  lessThan: '<',
  lessThanOrEqual: '≤',
  greaterThan: '>',
  greaterThanOrEqual: '≥',
  before: 'is before',
  after: 'is after',
  semVerEqual: 'semver =',
  semVerLessThan: 'semver <',
  semVerGreaterThan: 'semver >',
  segmentMatch: 'is in segment',
};

/** The core's operators, in its order, with the label and value input of each. */
export const OPERATORS: readonly { op: Operator; label: string; kind: ValueKind }[] = operators.map((op) => ({
  op,
  label: LABELS[op],
  kind: operatorValues[op],
}));

export const valueKindOf = (op: string): ValueKind => operatorValues[op as Operator] ?? 'text';

/** The values carried over when a clause switches operator: kept only when they suit the new input. */
export function valuesForOperator(op: string, values: readonly Json[]): Json[] {
  return values.filter((v) => valueError(valueKindOf(op), v) === undefined);
}

/** Why one clause value does not suit its operator's input, or `undefined`. */
export function valueError(kind: ValueKind, value: Json): string | undefined {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'date':
      return parseDate(value) === undefined
        ? 'must be epoch milliseconds or an RFC 3339 date-time'
        : undefined;
    case 'semver':
      return typeof value === 'string' && parseSemVer(value)
        ? undefined
        : 'must be a semantic version such as 1.2.3';
    case 'regex':
      if (typeof value !== 'string') return 'must be a regular expression';
      try {
        new RegExp(value);
        return undefined;
      } catch (error) {
        return `is not a valid regular expression (${(error as Error).message})`;
      }
    case 'segment':
      return typeof value === 'string' && value ? undefined : 'must be a segment key';
    case 'text':
      return value === null || typeof value === 'object' ? 'must be a string, number or boolean' : undefined;
  }
}

/** Problems of one clause, worded for the person editing it. */
export function clauseErrors(clause: Clause): string[] {
  const errors: string[] = [];
  const kind = valueKindOf(clause.op);
  if (kind !== 'segment' && !clause.attribute.trim()) errors.push('Choose an attribute.');
  if (clause.values.length === 0)
    errors.push(kind === 'segment' ? 'Choose at least one segment.' : 'Enter at least one value.');
  clause.values.forEach((value, i) => {
    const problem = valueError(kind, value);
    if (problem) errors.push(`Value ${i + 1} ${problem}.`);
  });
  return errors;
}

/**
 * A new condition for the editor to fill in: `key` is one of…
 *
 * @example
 * const rule = { id: crypto.randomUUID(), clauses: [newClause()] };
 */
export const newClause = (): Clause => ({ attribute: 'key', op: 'in', values: [] });
