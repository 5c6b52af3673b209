import { describe, expect, it } from 'vitest';
import { EvalContext } from '../src/context.js';

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
  it('moves legacy custom attributes to the top level, built-ins winning', () => {
    const context = EvalContext.from({ key: 'u', name: 'Ann', custom: { plan: 'pro', name: 'ignored' } });
    expect(context?.forKind('user')).toMatchObject({ kind: 'user', key: 'u', name: 'Ann', plan: 'pro' });
  });

  it('keeps a legacy custom attribute named __proto__ as data, not as the prototype', () => {
    const custom = JSON.parse('{"__proto__": {"polluted": true}, "plan": "pro"}');
    const attributes = EvalContext.from({ key: 'u', custom })?.forKind('user');
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(attributes ?? {}, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(attributes ?? {}, '__proto__')?.value).toEqual({ polluted: true });
    expect(attributes?.plan).toBe('pro');
  });

  it('leaves out legacy top-level fields that are not built-ins, and null built-ins', () => {
    const user = { key: 'u', name: null, plan: 'top-level', custom: { name: 'Custom' } };
    expect(EvalContext.from(user)?.forKind('user')).toEqual({ kind: 'user', key: 'u', name: 'Custom' });
  });

  it('answers the attributes of one kind of a multi-kind context', () => {
    const context = EvalContext.from({ kind: 'multi', user: { key: 'u' }, org: { key: 'o', plan: 'pro' } });
    expect(context?.forKind('org')).toEqual({ key: 'o', plan: 'pro' });
    expect(context?.keyOf('user')).toBe('u');
    expect(context?.forKind('kind')).toBeUndefined();
    expect(context?.forKind('device')).toBeUndefined();
  });
});
