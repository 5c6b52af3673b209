import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flag, segment, user } from '../testing/factories.js';
import { createEvaluator } from './index.js';

describe('Evaluator store', () => {
  it('applies an upsert only when its version is newer', () => {
    const evaluator = createEvaluator({ flags: { flag: flag({ version: 2 }) } });
    expect(evaluator.upsert('flag', flag({ version: 2, on: false }))).toBe(false);
    expect(evaluator.upsert('flag', flag({ version: 1, on: false }))).toBe(false);
    expect(evaluator.get('flag', 'flag')?.on).toBe(true);
    expect(evaluator.upsert('flag', flag({ version: 3, on: false }))).toBe(true);
    expect(evaluator.evaluate('flag', user(), null).reason).toEqual({ kind: 'OFF' });
  });

  it('sees a changed, removed or re-added prerequisite or segment on the next evaluation', () => {
    const dependent = flag({
      prerequisites: [{ key: 'pre', variation: 0 }],
      rules: [{ id: 'r', variation: 0, clauses: [{ op: 'segmentMatch', values: ['segment'] }] }],
    });
    const evaluator = createEvaluator({
      flags: { flag: dependent, pre: flag({ key: 'pre', fallthrough: { variation: 0 } }) },
      segments: { segment: segment({ included: ['user-key'] }) },
    });
    const reason = () => evaluator.evaluate('flag', user(), null).reason;
    expect(reason()).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r' });
    evaluator.remove('segment', 'segment', 2);
    expect(reason()).toEqual({ kind: 'FALLTHROUGH' });
    evaluator.upsert('segment', segment({ version: 3, included: ['user-key'] }));
    expect(reason()).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r' });
    evaluator.upsert('flag', flag({ key: 'pre', version: 2, fallthrough: { variation: 1 } }));
    expect(reason()).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'pre' });
    evaluator.remove('flag', 'pre', 3);
    expect(reason()).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'pre' });
    evaluator.upsert('flag', flag({ key: 'pre', version: 4, fallthrough: { variation: 0 } }));
    expect(reason()).toEqual({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r' });
  });

  it('leaves a tombstone on remove that blocks older upserts', () => {
    const evaluator = createEvaluator({ flags: { flag: flag({ version: 2 }) } });
    expect(evaluator.remove('flag', 'flag', 1)).toBe(false);
    expect(evaluator.remove('flag', 'flag', 5)).toBe(true);
    expect(evaluator.get('flag', 'flag')).toBeUndefined();
    expect(evaluator.version('flag', 'flag')).toBe(5);
    expect(evaluator.all('flag')).toEqual({});
    expect(evaluator.upsert('flag', flag({ version: 4 }))).toBe(false);
    expect(evaluator.evaluate('flag', user(), 'd').reason).toEqual({
      kind: 'ERROR',
      errorKind: 'FLAG_NOT_FOUND',
    });
    expect(evaluator.upsert('flag', flag({ version: 6 }))).toBe(true);
    expect(evaluator.get('flag', 'flag')?.version).toBe(6);
  });

  it('treats an upsert with `deleted: true` as a tombstone', () => {
    const evaluator = createEvaluator({ segments: { segment: segment() } });
    expect(evaluator.upsert('segment', { key: 'segment', version: 2, deleted: true })).toBe(true);
    expect(evaluator.get('segment', 'segment')).toBeUndefined();
    expect(evaluator.version('segment', 'segment')).toBe(2);
  });

  it('ignores items that are not objects or have no key', () => {
    const evaluator = createEvaluator();
    expect(evaluator.upsert('flag', 'nonsense')).toBe(false);
    expect(evaluator.upsert('flag', { version: 1 })).toBe(false);
    expect(evaluator.all('flag')).toEqual({});
  });

  it('stores a frozen copy, so later changes to the caller’s object have no effect', () => {
    const source = flag({ variations: [{ nested: true }, false], fallthrough: { variation: 0 } });
    const evaluator = createEvaluator({ flags: { flag: source } });
    (source.variations as unknown[])[0] = 'changed';
    const { value } = evaluator.evaluate('flag', user(), null);
    expect(value).toEqual({ nested: true });
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(evaluator.get('flag', 'flag'))).toBe(true);
  });

  it('sees a segment upsert from flags compiled before it', () => {
    const f = flag({
      rules: [
        { id: 'r', variation: 0, clauses: [{ attribute: '', op: 'segmentMatch', values: ['segment'] }] },
      ],
    });
    const evaluator = createEvaluator({ flags: { flag: f } });
    expect(evaluator.evaluate('flag', user('u'), null).value).toBe(false);
    evaluator.upsert('segment', segment({ included: ['u'] }));
    expect(evaluator.evaluate('flag', user('u'), null).value).toBe(true);
  });

  it('ends in the same state whatever order versioned patches arrive in', () => {
    const patch = fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      version: fc.integer({ min: 1, max: 20 }),
      deleted: fc.boolean(),
      on: fc.boolean(),
    });
    // Versions are unique per key, as they are in a real stream.
    const patches = fc.uniqueArray(patch, { selector: (p) => `${p.key}:${p.version}`, maxLength: 12 });
    fc.assert(
      fc.property(patches, fc.func(fc.integer()), (list, order) => {
        const apply = (items: typeof list) => {
          const evaluator = createEvaluator();
          for (const p of items) {
            if (p.deleted) evaluator.remove('flag', p.key, p.version);
            else evaluator.upsert('flag', flag({ key: p.key, version: p.version, on: p.on }));
          }
          return ['a', 'b', 'c'].map((key) => [evaluator.version('flag', key), evaluator.get('flag', key)]);
        };
        const shuffled = [...list].sort((x, y) => order(x) - order(y));
        const sorted = [...list].sort((x, y) => x.version - y.version);
        expect(apply(shuffled)).toEqual(apply(sorted));
      }),
    );
  });
});
