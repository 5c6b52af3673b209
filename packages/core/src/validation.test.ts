import { toJsonSchema } from '@valibot/to-json-schema';
import { describe, expect, it } from 'vitest';
import { flag, segment } from '../testing/factories.js';
import {
  contextSchema,
  flagSchema,
  parseContext,
  parseFlag,
  parseSegment,
  segmentSchema,
  ValidationError,
} from './schema/index.js';

function fieldOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error('expected a ValidationError');
}

const rule = (clause: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'r',
  variation: 0,
  clauses: [clause],
  ...extra,
});
const clause = { attribute: 'email', op: 'endsWith', values: ['@example.com'] };

describe('parseFlag', () => {
  it('accepts a valid flag and drops null properties', () => {
    const parsed = parseFlag(flag({ offVariation: null, rules: [rule(clause)] }));
    expect(parsed.offVariation).toBeUndefined();
    expect(parsed.rules?.[0]?.clauses[0]?.op).toBe('endsWith');
  });

  it('keeps nulls inside variation values', () => {
    expect(parseFlag(flag({ variations: [{ a: null }, [null]] })).variations).toEqual([{ a: null }, [null]]);
  });

  it('keeps fields it does not know (LaunchDarkly extras)', () => {
    expect(parseFlag(flag({ debugEventsUntilDate: 5 }))).toMatchObject({ debugEventsUntilDate: 5 });
  });

  it.each([
    ['a missing key', { key: undefined }, 'key'],
    ['a missing fallthrough', { fallthrough: undefined }, 'fallthrough'],
    ['a negative version', { version: -1 }, 'version'],
    [
      'an unknown operator',
      { rules: [rule(clause), rule(clause), rule({ ...clause, op: 'like' })] },
      'rules[2].clauses[0].op',
    ],
    [
      'a bad attribute reference',
      { rules: [rule({ ...clause, contextKind: 'user', attribute: '/a~b' })] },
      'rules[0].clauses[0].attribute',
    ],
    ['an empty attribute', { rules: [rule({ ...clause, attribute: '' })] }, 'rules[0].clauses[0].attribute'],
    [
      'a non-string segment key',
      { rules: [rule({ attribute: '', op: 'segmentMatch', values: ['s', 3] })] },
      'rules[0].clauses[0].values[1]',
    ],
    [
      'an invalid clause context kind',
      { rules: [rule({ ...clause, contextKind: 'kind' })] },
      'rules[0].clauses[0].contextKind',
    ],
    ['an out-of-range off variation', { offVariation: 2 }, 'offVariation'],
    [
      'an out-of-range target variation',
      { targets: [{ values: ['u'], variation: 5 }] },
      'targets[0].variation',
    ],
    [
      'a rule with both variation and rollout',
      { rules: [rule(clause, { rollout: { variations: [{ variation: 0, weight: 1 }] } })] },
      'rules[0]',
    ],
    ['a fallthrough with neither', { fallthrough: {} }, 'fallthrough'],
    [
      'a rollout with no variations',
      { fallthrough: { rollout: { variations: [] } } },
      'fallthrough.rollout.variations',
    ],
    [
      'an out-of-range rollout variation',
      { fallthrough: { rollout: { variations: [{ variation: 9, weight: 100000 }] } } },
      'fallthrough.rollout.variations[0].variation',
    ],
    [
      'a weight above 100000',
      { fallthrough: { rollout: { variations: [{ variation: 0, weight: 100001 }] } } },
      'fallthrough.rollout.variations[0].weight',
    ],
    [
      'a non-integer seed',
      { fallthrough: { rollout: { seed: 1.5, variations: [{ variation: 0, weight: 1 }] } } },
      'fallthrough.rollout.seed',
    ],
    ['a prerequisite without key', { prerequisites: [{ variation: 0 }] }, 'prerequisites[0].key'],
  ])('rejects %s, naming the field', (_name, overrides, field) => {
    expect(fieldOf(() => parseFlag(flag(overrides)))).toBe(field);
  });

  it('puts the field in the message', () => {
    expect(() => parseFlag(flag({ on: 'yes' }))).toThrow(/^on: /);
  });
});

describe('parseSegment', () => {
  it('accepts a valid segment', () => {
    expect(parseSegment(segment({ included: ['a'], rules: [{ clauses: [clause], weight: 5000 }] })).key).toBe(
      'segment',
    );
  });

  it.each([
    ['a weight above 100000', { rules: [{ clauses: [], weight: 100001 }] }, 'rules[0].weight'],
    ['a non-string included key', { included: ['a', 1] }, 'included[1]'],
    [
      'an includedContexts entry without kind',
      { includedContexts: [{ values: ['a'] }] },
      'includedContexts[0].contextKind',
    ],
    [
      'a bad bucketBy',
      { rules: [{ clauses: [], rolloutContextKind: 'org', bucketBy: '//' }] },
      'rules[0].bucketBy',
    ],
    ['a bad clause', { rules: [{ clauses: [{ attribute: 'a', op: 'in' }] }] }, 'rules[0].clauses[0].values'],
  ])('rejects %s, naming the field', (_name, overrides, field) => {
    expect(fieldOf(() => parseSegment(segment(overrides)))).toBe(field);
  });
});

describe('parseContext', () => {
  it.each([
    { kind: 'user', key: 'u', name: null, plan: 'pro' },
    { kind: 'multi', user: { key: 'u' }, org: { key: 'o', address: { city: 'x' } } },
    { key: 'legacy', custom: { plan: 'pro' } },
  ])('accepts %j', (context) => {
    expect(() => parseContext(context)).not.toThrow();
  });

  it.each([
    ['a missing key', { kind: 'user' }, 'key'],
    ['an empty key', { kind: 'user', key: '' }, 'key'],
    ['kind "kind"', { kind: 'kind', key: 'k' }, 'kind'],
    ['an invalid kind', { kind: 'us er', key: 'k' }, 'kind'],
    ['a non-boolean anonymous', { kind: 'user', key: 'k', anonymous: 'yes' }, 'anonymous'],
    [
      'a multi context with a bad nested key',
      { kind: 'multi', user: { key: 'u' }, org: { key: 3 } },
      'org.key',
    ],
    ['a multi context with an invalid kind', { kind: 'multi', 'o rg': { key: 'o' } }, 'o rg'],
    ['an empty multi context', { kind: 'multi' }, ''],
    ['a legacy user without key', { name: 'x' }, 'key'],
    ['a non-object', 'user-key', ''],
  ])('rejects %s, naming the field', (_name, context, field) => {
    expect(fieldOf(() => parseContext(context))).toBe(field);
  });
});

describe('schemas', () => {
  it.each([
    ['flagSchema', flagSchema],
    ['segmentSchema', segmentSchema],
    ['contextSchema', contextSchema],
  ])('%s converts to JSON Schema', (_name, schema) => {
    expect(toJsonSchema(schema, { errorMode: 'ignore' })).toMatchObject({ $schema: expect.any(String) });
  });
});
