import { describe, expect, it } from 'vitest';
import { canonicalKey } from './index.js';

describe('canonicalKey', () => {
  it.each([
    ['a user context', { kind: 'user', key: 'ada' }, 'ada'],
    ['a legacy user', { key: 'ada' }, 'ada'],
    ['a user key with separators, unescaped', { kind: 'user', key: 'a:b%c' }, 'a:b%c'],
    ['another kind', { kind: 'org', key: 'acme' }, 'org:acme'],
    ['another kind, escaped', { kind: 'org', key: 'a:b%c' }, 'org:a%3Ab%25c'],
    [
      'a multi-kind context, in kind order',
      { kind: 'multi', user: { key: 'ada' }, org: { key: 'a:b' }, device: { key: 'd1' } },
      'device:d1:org:a%3Ab:user:ada',
    ],
  ])('gives %s', (_name, context, expected) => {
    expect(canonicalKey(context)).toBe(expected);
  });

  it.each([
    ['no context', undefined],
    ['a context without a key', { kind: 'user' }],
    ['an empty key', { kind: 'org', key: '' }],
    ['a multi-kind context with a keyless kind', { kind: 'multi', user: { key: 'a' }, org: {} }],
    ['an empty multi-kind context', { kind: 'multi' }],
  ])('is undefined for %s', (_name, context) => {
    expect(canonicalKey(context)).toBeUndefined();
  });
});
