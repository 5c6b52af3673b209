import { describe, expect, it } from 'vitest';
import { flag, referenceBucket, user } from '../testing/factories.js';
import { createEvaluator } from './index.js';

/** Each quirk of the JavaScript reference SDK that evaluation.md says Switchboard does not copy. */
describe('quirks of the reference SDK that Switchboard does not copy', () => {
  it('keeps the error of an earlier clause even when a later clause of the rule matches', () => {
    const f = flag({
      rules: [
        {
          id: 'r',
          variation: 0,
          clauses: [
            { contextKind: 'user', attribute: '/a~b', op: 'in', values: ['x'] },
            { attribute: 'key', op: 'in', values: ['user-key'] },
          ],
        },
      ],
    });
    expect(createEvaluator({ flags: { flag: f } }).evaluate('flag', user(), 'default')).toEqual({
      value: 'default',
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'MALFORMED_FLAG' },
    });
  });

  it('treats `seed: 0` as a seed', () => {
    const rollout = {
      seed: 0,
      variations: [
        { variation: 0, weight: 50_000 },
        { variation: 1, weight: 50_000 },
      ],
    };
    const evaluator = createEvaluator({ flags: { flag: flag({ fallthrough: { rollout } }) } });
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const expected = referenceBucket(`0.${key}`) < 0.5 ? 0 : 1;
      expect(evaluator.evaluate('flag', user(key), null).variationIndex).toBe(expected);
    }
  });

  it('reads "/~1a" as the attribute "/a", not the literal "~1a"', () => {
    const f = flag({
      rules: [
        {
          id: 'r',
          variation: 0,
          clauses: [{ contextKind: 'user', attribute: '/~1a', op: 'in', values: ['yes'] }],
        },
      ],
    });
    const evaluator = createEvaluator({ flags: { flag: f } });
    expect(evaluator.evaluate('flag', user('k', { '/a': 'yes' }), null).value).toBe(true);
    expect(evaluator.evaluate('flag', user('k', { '~1a': 'yes' }), null).value).toBe(false);
  });

  it('answers MALFORMED_FLAG for a flag without variations instead of throwing', () => {
    const f = flag({ variations: undefined });
    expect(createEvaluator({ flags: { flag: f } }).evaluate('flag', user(), 'default')).toEqual({
      value: 'default',
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'MALFORMED_FLAG' },
    });
  });
});
