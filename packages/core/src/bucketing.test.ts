import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flag, referenceBucket } from '../testing/factories.js';
import { bucketValue, createEvaluator, type Hasher } from './index.js';
import { HashPrefix, prefixedTop60, sha1Top60 } from './sha1.js';

const nodeHasher: Hasher = (input) => createHash('sha1').update(input).digest();

describe('bucketValue', () => {
  it.each([
    ['unseeded string key', { key: 'flag-key', salt: 'salt', value: 'user-key' }, 'flag-key.salt.user-key'],
    ['seeded', { key: 'flag-key', salt: 'salt', seed: 61, value: 'user-key' }, '61.user-key'],
    ['seed 0 is a seed', { key: 'flag-key', salt: 'salt', seed: 0, value: 'user-key' }, '0.user-key'],
    ['integer value as decimal', { key: 'flag-key', salt: 'salt', value: 33 }, 'flag-key.salt.33'],
    ['negative integer', { key: 'k', salt: '', value: -7 }, 'k..-7'],
    ['non-ASCII value', { key: 'k', salt: 's', value: 'ünïcödé 👍' }, 'k.s.ünïcödé 👍'],
    [
      'input longer than one block',
      { key: 'k'.repeat(40), salt: 's'.repeat(20), value: 'v' },
      `${'k'.repeat(40)}.${'s'.repeat(20)}.v`,
    ],
  ])('buckets %s exactly as node:crypto does', (_name, input, hashInput) => {
    expect(bucketValue(input)).toBe(referenceBucket(hashInput));
    expect(bucketValue(input, nodeHasher)).toBe(referenceBucket(hashInput));
  });

  it.each([
    ['a float', 1.5],
    ['a boolean', true],
    ['null', null],
    ['an object', { a: 1 }],
    ['missing', undefined],
  ])('buckets %s to 0', (_name, value) => {
    expect(bucketValue({ key: 'k', salt: 's', value })).toBe(0);
  });

  it('always lies in [0, 1) and agrees with node:crypto', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string(),
        fc.option(fc.integer(), { nil: undefined }),
        (value, key, seed) => {
          const bucket = bucketValue({ key, salt: 'salt', seed, value });
          expect(bucket).toBeGreaterThanOrEqual(0);
          expect(bucket).toBeLessThan(1);
          expect(bucket).toBe(bucketValue({ key, salt: 'salt', seed, value }, nodeHasher));
        },
      ),
    );
  });
});

describe('sha1Top60', () => {
  it('matches node:crypto for any split of any string, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.nat(), (input, cut) => {
        const at = cut % (input.length + 1);
        const expected = parseInt(createHash('sha1').update(input).digest('hex').substring(0, 15), 16);
        expect(sha1Top60(input.slice(0, at), input.slice(at))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('prefixedTop60', () => {
  it('answers from its one-entry cache only for the value it last hashed', () => {
    const prefix = new HashPrefix('flag.salt.');
    const reference = (value: string) =>
      parseInt(createHash('sha1').update(`flag.salt.${value}`).digest('hex').substring(0, 15), 16);
    for (const value of ['a', 'a', 'b', 'a', 'ü', 'ü', 'x'.repeat(60), 'a']) {
      expect(prefixedTop60(prefix, value)).toBe(reference(value));
    }
  });
});

describe('rollouts in the evaluator', () => {
  const threeWay = {
    variations: [
      { variation: 0, weight: 30_000 },
      { variation: 1, weight: 30_000 },
      { variation: 2, weight: 40_000 },
    ],
  };
  const variationFor = (bucket: number) => (bucket < 0.3 ? 0 : bucket < 0.6 ? 1 : 2);
  const evaluate = (rollout: Record<string, unknown>, context: unknown) =>
    createEvaluator({
      flags: { f: flag({ key: 'f', salt: 'nacl', variations: ['a', 'b', 'c'], fallthrough: { rollout } }) },
    }).evaluate('f', context, 'default');

  it.each(['user-1', 'user-2', 'abc', 'zzz', 'Ω'])('buckets user %s by key, flag key and salt', (key) => {
    const result = evaluate(threeWay, { kind: 'user', key });
    expect(result.variationIndex).toBe(variationFor(referenceBucket(`f.nacl.${key}`)));
  });

  it.each(['user-1', 'user-2', 'abc'])('buckets user %s by the seed when one is set', (key) => {
    const result = evaluate({ ...threeWay, seed: 42 }, { kind: 'user', key });
    expect(result.variationIndex).toBe(variationFor(referenceBucket(`42.${key}`)));
  });

  it.each([7, 1234, -5])('buckets an integer bucketBy attribute %s as its decimal string', (score) => {
    const result = evaluate({ ...threeWay, bucketBy: 'score' }, { kind: 'user', key: 'k', score });
    expect(result.variationIndex).toBe(variationFor(referenceBucket(`f.nacl.${score}`)));
  });

  it.each([
    ['a float', 1.5],
    ['a boolean', true],
    ['an array', ['x']],
  ])('puts a context whose bucketBy attribute is %s in bucket 0', (_name, score) => {
    expect(
      evaluate({ ...threeWay, bucketBy: 'score' }, { kind: 'user', key: 'k', score }).variationIndex,
    ).toBe(0);
  });

  it('puts a context without the rollout kind in bucket 0 and out of the experiment', () => {
    const result = evaluate(
      { ...threeWay, kind: 'experiment', contextKind: 'org' },
      { kind: 'user', key: 'k' },
    );
    expect(result).toEqual({ value: 'a', variationIndex: 0, reason: { kind: 'FALLTHROUGH' } });
  });

  it('buckets by a nested path when the rollout has a context kind', () => {
    const rollout = { ...threeWay, contextKind: 'org', bucketBy: '/billing/account' };
    const result = evaluate(rollout, { kind: 'org', key: 'o', billing: { account: 'acct-9' } });
    expect(result.variationIndex).toBe(variationFor(referenceBucket('f.nacl.acct-9')));
  });

  it('uses the injected hasher', () => {
    const calls: string[] = [];
    const hasher: Hasher = (input) => {
      calls.push(input);
      return nodeHasher(input);
    };
    const evaluator = createEvaluator(
      { flags: { f: flag({ key: 'f', salt: 's', fallthrough: { rollout: threeWay } }) } },
      { hasher },
    );
    evaluator.evaluate('f', { kind: 'user', key: 'u' }, null);
    expect(calls).toEqual(['f.s.u']);
  });
});
