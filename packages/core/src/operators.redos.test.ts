import { describe, expect, it } from 'vitest';
import { engines } from '../testing/patterns.js';
import { adversarialInputs, catastrophicPatterns } from '../testing/redos-corpus.js';
import { createEvaluator, type Flag } from './index.js';

const flagMatching = (pattern: string): Flag => ({
  key: 'guarded',
  version: 1,
  on: true,
  variations: [false, true],
  offVariation: 0,
  fallthrough: { variation: 0 },
  rules: [
    {
      id: 'r',
      variation: 1,
      clauses: [{ contextKind: 'user', attribute: 'name', op: 'matches', values: [pattern], negate: false }],
    },
  ],
  salt: 's',
  targets: [],
  contextTargets: [],
  prerequisites: [],
});

describe.each(engines)('matches on hostile patterns and inputs (%s)', (_engine, patterns) => {
  describe.each(catastrophicPatterns)('pattern %s', (pattern) => {
    const evaluator = createEvaluator({ flags: { guarded: flagMatching(pattern) } }, { patterns });

    it.each(adversarialInputs.map((input) => [input.length, input]))(
      'evaluates a %i-character adversarial input without backtracking',
      (_length, input) => {
        const started = performance.now();
        const detail = evaluator.evaluate('guarded', { kind: 'user', key: 'k', name: input }, false);
        expect(performance.now() - started).toBeLessThan(250);
        expect(detail.reason.kind).not.toBe('ERROR');
      },
    );
  });

  it('keeps the usual semantics: an unanchored search over the whole value', () => {
    const evaluator = createEvaluator(
      { flags: { guarded: flagMatching('^(Ann|Bob)[a-z]*$') } },
      { patterns },
    );
    const value = (name: string) =>
      evaluator.evaluate('guarded', { kind: 'user', key: 'k', name }, false).value;
    expect(value('Annabel')).toBe(true);
    expect(value('Bobby')).toBe(true);
    expect(value('xAnnabel')).toBe(false);
    expect(value('Ann3')).toBe(false);
  });

  it('never matches with a pattern the linear engine cannot run (lookaround, backreferences)', () => {
    for (const pattern of ['(?=a)a', '(a)\\1']) {
      const evaluator = createEvaluator({ flags: { guarded: flagMatching(pattern) } }, { patterns });
      expect(evaluator.evaluate('guarded', { kind: 'user', key: 'k', name: 'aa' }, false).value).toBe(false);
    }
  });
});
