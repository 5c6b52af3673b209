import { describe, expect, it } from 'vitest';
import { parseAttributeReference } from './attribute-reference.js';
import { EvalContext } from './context.js';

describe.each([
  ['a single-kind context', { kind: 'org', key: 'o' }, ['org']],
  ['a kind with dots, dashes and underscores', { kind: 'my.org-kind_1', key: 'o' }, ['my.org-kind_1']],
  ['a multi-kind context', { kind: 'multi', user: { key: 'u' }, org: { key: 'o' } }, ['user', 'org']],
  [
    'a multi-kind context with a null kind dropped',
    { kind: 'multi', user: null, org: { key: 'o' } },
    ['org'],
  ],
  ['a legacy user', { key: 'u', custom: { plan: 'pro' } }, ['user']],
  ['a legacy user with kind null', { kind: null, key: 'u' }, ['user']],
])('EvalContext.from(%s)', (_name, raw, kinds) => {
  it(`is valid with kinds ${kinds.join(', ')}`, () => {
    expect(EvalContext.from(raw)?.kinds()).toEqual(kinds);
  });
});

describe.each([
  ['undefined', undefined],
  ['a string', 'user-key'],
  ['an array', [{ kind: 'user', key: 'u' }]],
  ['a missing key', { kind: 'user' }],
  ['an empty key', { kind: 'user', key: '' }],
  ['a numeric key', { kind: 'user', key: 5 }],
  ['kind "kind"', { kind: 'kind', key: 'k' }],
  ['an empty kind', { kind: '', key: 'k' }],
  ['a kind with a space', { kind: 'a b', key: 'k' }],
  ['a non-string kind', { kind: 5, key: 'k' }],
  ['an empty multi-kind context', { kind: 'multi' }],
  ['a multi-kind context with an invalid nested key', { kind: 'multi', user: { key: '' } }],
  ['a multi-kind context with a non-object entry', { kind: 'multi', user: 'u' }],
  ['a multi-kind context with an invalid kind', { kind: 'multi', 'a b': { key: 'k' } }],
  ['a legacy user with an empty key', { key: '' }],
])('EvalContext.from(%s)', (_name, raw) => {
  it('is invalid', () => {
    expect(EvalContext.from(raw)).toBeUndefined();
  });
});

describe('EvalContext', () => {
  const attribute = (raw: unknown, reference: string, kind = 'user') =>
    EvalContext.from(raw)?.read(kind, parseAttributeReference(reference, false));

  it('reads legacy custom attributes as top-level ones, non-null built-ins winning', () => {
    const legacy = {
      key: 'u',
      name: 'Ann',
      email: null,
      custom: { plan: 'pro', name: 'ignored', email: 'e' },
    };
    expect(attribute(legacy, 'plan')).toBe('pro');
    expect(attribute(legacy, 'name')).toBe('Ann');
    expect(attribute(legacy, 'email')).toBe('e');
    expect(attribute(legacy, 'key')).toBe('u');
    expect(attribute(legacy, 'key', 'org')).toBeUndefined();
  });

  it('leaves out legacy top-level fields that are not built-ins, and reads the kind as user', () => {
    const legacy = { key: 'u', plan: 'top-level', custom: { kind: { x: 1 }, _meta: { y: 1 } } };
    expect(attribute(legacy, 'plan')).toBeUndefined();
    expect(attribute(legacy, '/kind/x')).toBeUndefined();
    expect(attribute(legacy, '_meta')).toBeUndefined();
    expect(attribute({ key: 'u' }, 'plan')).toBeUndefined();
  });

  it('reads a legacy anonymous from the top level, else from custom, else false', () => {
    expect(attribute({ key: 'u', anonymous: true, custom: { anonymous: false } }, 'anonymous')).toBe(true);
    expect(attribute({ key: 'u', anonymous: null, custom: { anonymous: true } }, 'anonymous')).toBe(true);
    expect(attribute({ key: 'u' }, 'anonymous')).toBe(false);
  });

  it('reads nested and prototype-named legacy custom attributes as own data only', () => {
    const custom = JSON.parse('{"__proto__": {"polluted": true}, "address": {"city": "Oslo"}}');
    expect(attribute({ key: 'u', custom }, '/__proto__/polluted')).toBe(true);
    expect(attribute({ key: 'u', custom }, '/address/city')).toBe('Oslo');
    expect(attribute({ key: 'u', custom: {} }, 'toString')).toBeUndefined();
    expect(attribute({ key: 'u', custom: {} }, '/constructor/name')).toBeUndefined();
  });

  it('answers the attributes of one kind of a multi-kind context', () => {
    const context = EvalContext.from({ kind: 'multi', user: { key: 'u' }, org: { key: 'o', plan: 'pro' } });
    expect(context?.forKind('org')).toEqual({ key: 'o', plan: 'pro' });
    expect(context?.keyOf('user')).toBe('u');
    expect(context?.forKind('kind')).toBeUndefined();
    expect(context?.forKind('device')).toBeUndefined();
  });
});
