import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../evaluator.js';
import type { EvaluationDetail, ValueType } from '../model.js';
import { EVENT_LIMITS } from './limits.js';
import { eventBatchSchema } from './schema.js';
import { type CountedEvaluation, contextKindsOf, EventSummarizer, summarize } from './summarizer.js';

const user = { kind: 'user', key: 'u1' };
const ev = (over: Partial<CountedEvaluation>): CountedEvaluation => ({
  key: 'f',
  version: 3,
  variation: 0,
  value: true,
  default: false,
  context: user,
  ...over,
});

describe('summarize', () => {
  describe.each([
    {
      name: 'one counter per (version, variation)',
      input: [ev({}), ev({}), ev({ variation: 1, value: false })],
      features: {
        f: {
          default: false,
          contextKinds: ['user'],
          counters: [
            { variation: 0, version: 3, value: true, count: 2 },
            { variation: 1, version: 3, value: false, count: 1 },
          ],
        },
      },
    },
    {
      name: 'versions counted apart',
      input: [ev({}), ev({ version: 4 })],
      features: {
        f: {
          default: false,
          contextKinds: ['user'],
          counters: [
            { variation: 0, version: 3, value: true, count: 1 },
            { variation: 0, version: 4, value: true, count: 1 },
          ],
        },
      },
    },
    {
      name: 'unknown flag: no version, no variation, unknown: true',
      input: [ev({ key: 'nope', version: undefined, variation: null, value: 'd', default: 'd' })],
      features: {
        nope: { default: 'd', contextKinds: ['user'], counters: [{ unknown: true, value: 'd', count: 1 }] },
      },
    },
    {
      name: 'default served by a known flag keeps the version',
      input: [ev({ variation: null, value: false })],
      features: {
        f: { default: false, contextKinds: ['user'], counters: [{ version: 3, value: false, count: 1 }] },
      },
    },
    {
      name: 'context kinds collected across evaluations',
      input: [
        ev({}),
        ev({ context: { key: 'legacy' } }),
        ev({ context: { kind: 'multi', org: { key: 'o' }, device: { key: 'd' } } }),
      ],
      features: {
        f: {
          default: false,
          contextKinds: ['user', 'org', 'device'],
          counters: [{ variation: 0, version: 3, value: true, count: 3 }],
        },
      },
    },
  ])('$name', ({ input, features }) => {
    it('produces the expected features', () => {
      expect(summarize(input, 1000, 2000)).toEqual({
        kind: 'summary',
        startDate: 1000,
        endDate: 2000,
        features,
      });
    });
  });

  it('returns undefined for no evaluations', () => {
    expect(summarize([], 1, 2)).toBeUndefined();
  });
});

describe('EventSummarizer', () => {
  it('starts the window at the first evaluation and resets on flush', () => {
    const s = new EventSummarizer();
    expect(s.empty).toBe(true);
    s.count(ev({}), 5_000);
    s.count(ev({}), 6_000);
    const first = s.flush(7_000);
    expect(first).toMatchObject({ startDate: 5_000, endDate: 7_000 });
    expect(s.empty).toBe(true);
    expect(s.flush(8_000)).toBeUndefined();
    s.count(ev({}), 9_000);
    expect(s.flush(9_500)).toMatchObject({ startDate: 9_000, features: { f: { counters: [{ count: 1 }] } } });
  });

  it('counts a million evaluations into one line per variation', () => {
    const s = new EventSummarizer();
    for (let i = 0; i < 1_000_000; i++) s.count(ev({ variation: i % 3, value: i % 3 }), 1);
    const counters = s.flush(2)?.features.f?.counters ?? [];
    expect(counters.map((c) => c.count)).toEqual([333_334, 333_333, 333_333]);
  });
});

describe('EventSummarizer.countResult (the SDK hot path)', () => {
  const shared = Object.freeze({ value: 'a', variationIndex: 0 });
  const other = Object.freeze({ value: 'b', variationIndex: 1 });
  const versionOf = () => 7;

  it('counts shared result objects per flag, with the kinds of every context seen', () => {
    const s = new EventSummarizer();
    const contexts = [{ key: 'legacy' }, { kind: 'org', key: 'o' }, { key: 'legacy-2' }, null];
    for (const context of contexts) s.countResult('f', shared, versionOf, 'd', context, 1);
    s.countResult('f', other, versionOf, 'd', { kind: 'user', key: 'u' }, 1);
    // Objects without a counter cell (none of the evaluator's) are counted the long way every time,
    // so even one passed for two flags counts for each.
    s.countResult('g', shared, versionOf, 'd', { kind: 'device', key: 'x' }, 1);
    const features = s.flush(2)?.features;
    expect(features?.f).toEqual({
      default: 'd',
      contextKinds: ['user', 'org'],
      counters: [
        { variation: 0, version: 7, value: 'a', count: 4 },
        { variation: 1, version: 7, value: 'b', count: 1 },
      ],
    });
    expect(features?.g?.counters).toEqual([{ variation: 0, version: 7, value: 'a', count: 1 }]);
  });

  it("keeps the default of the flag's first evaluation in the window", () => {
    const s = new EventSummarizer();
    s.countResult('f', shared, versionOf, 'first', { key: 'u' }, 1);
    s.countResult('f', shared, versionOf, 'second', { key: 'u' }, 1);
    expect(s.flush(2)?.features.f?.default).toBe('first');
  });
});

describe('EventSummarizer.countResult on evaluator results (counter cells)', () => {
  /** Flag shapes whose results reach every kind of outcome: shared variations, defaults, errors. */
  const SHAPES = {
    rollout: {
      on: true,
      variations: ['x', 'y', 'z'],
      offVariation: 0,
      rules: [
        {
          id: 'org',
          clauses: [{ contextKind: 'org', attribute: 'key', op: 'in', values: ['o1'] }],
          variation: 2,
        },
      ],
      fallthrough: {
        rollout: {
          variations: [
            { variation: 0, weight: 40_000 },
            { variation: 1, weight: 30_000 },
            { variation: 2, weight: 30_000 },
          ],
        },
      },
    },
    fixed: { on: true, variations: ['x', 'y'], fallthrough: { variation: 1 } },
    off: { on: false, variations: ['x', 'y'], offVariation: 1, fallthrough: { variation: 0 } },
    // Off without an off variation: the caller's default, counted with the flag's version.
    offNoVariation: { on: false, variations: ['x', 'y'], fallthrough: { variation: 0 } },
    // Numbers: a `string` evaluation gives WRONG_TYPE.
    numbers: { on: true, variations: [1, 2], fallthrough: { variation: 0 } },
    malformed: { on: true, variations: ['x'], fallthrough: { variation: 5 } },
  } as const;
  type Shape = keyof typeof SHAPES;
  const KEYS = ['a', 'b', 'c'];
  const CONTEXTS = [
    { kind: 'user', key: 'u1' },
    { kind: 'user', key: 'u2' },
    { kind: 'org', key: 'o1' },
    { key: 'legacy' },
    { kind: 'multi', user: { key: 'u3' }, device: { key: 'd1' } },
    { kind: 'device', key: '' }, // no key: USER_NOT_SPECIFIED
    null,
  ];

  type Step =
    | {
        op: 'evaluate';
        key: string;
        context: number;
        default: string | null;
        type: ValueType | undefined;
        /** Also counted by a second summariser, whose counts share the results' cells. */
        shared: boolean;
      }
    | { op: 'put'; key: string; shape: Shape }
    | { op: 'remove'; key: string }
    | { op: 'flush' };
  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        op: fc.constant('evaluate' as const),
        key: fc.constantFrom(...KEYS, 'missing'),
        context: fc.nat(CONTEXTS.length - 1),
        default: fc.constantFrom('d1', 'd2', null),
        type: fc.constantFrom(undefined, 'string' as const, 'json' as const),
        shared: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('put' as const),
        key: fc.constantFrom(...KEYS),
        shape: fc.constantFrom(...(Object.keys(SHAPES) as Shape[])),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('remove' as const), key: fc.constantFrom(...KEYS) }),
    },
    { weight: 1, arbitrary: fc.constant({ op: 'flush' as const }) },
  );

  it('counts exactly what count() counts, across versions changing mid-window, errors and flushes', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const evaluator = createEvaluator({
          flags: Object.fromEntries(
            KEYS.map((key) => [key, { key, version: 1, salt: key, ...SHAPES.rollout }]),
          ),
        });
        // The SDK client's rule: an unknown flag has no version; any other result has the stored one.
        const versionOf = (key: string, detail: EvaluationDetail) =>
          detail.reason.kind === 'ERROR' && detail.reason.errorKind === 'FLAG_NOT_FOUND'
            ? undefined
            : evaluator.version('flag', key);
        // Each lane counts the same evaluations the plain way and by result; the second lane only
        // the shared ones, so that the lanes' summarisers take turns over the same cells.
        const lanes = [0, 1].map(() => ({ plain: new EventSummarizer(), byResult: new EventSummarizer() }));
        let now = 1_000;
        const flushAll = () => {
          now += 10;
          for (const { plain, byResult } of lanes) expect(byResult.flush(now)).toEqual(plain.flush(now));
        };
        for (const s of steps) {
          now += 1;
          if (s.op === 'evaluate') {
            const context = CONTEXTS[s.context];
            const detail = evaluator.evaluate(s.key, context, s.default, { type: s.type });
            const evaluation = {
              key: s.key,
              version: versionOf(s.key, detail),
              variation: detail.variationIndex,
              value: detail.value,
              default: s.default,
              context,
            };
            for (const { plain, byResult } of s.shared ? lanes : lanes.slice(0, 1)) {
              plain.count(evaluation, now);
              byResult.countResult(s.key, detail, versionOf, s.default, context, now);
            }
          } else if (s.op === 'put') {
            const version = (evaluator.version('flag', s.key) ?? 0) + 1;
            evaluator.upsert('flag', { key: s.key, version, salt: s.key, ...SHAPES[s.shape] });
          } else if (s.op === 'remove') {
            evaluator.remove('flag', s.key, (evaluator.version('flag', s.key) ?? 0) + 1);
          } else {
            flushAll();
          }
        }
        flushAll();
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the public shape of results alone', () => {
    const evaluator = createEvaluator({ flags: { a: { key: 'a', version: 1, ...SHAPES.fixed } } });
    const detail = evaluator.evaluate('a', { kind: 'user', key: 'u' }, 'd');
    new EventSummarizer().countResult('a', detail, () => 1, 'd', { kind: 'user', key: 'u' }, 1);
    expect(Object.keys(detail)).toEqual(['value', 'variationIndex', 'reason']);
    expect({ ...detail }).toStrictEqual({ value: 'y', variationIndex: 1, reason: { kind: 'FALLTHROUGH' } });
    expect(JSON.stringify(detail)).toBe('{"value":"y","variationIndex":1,"reason":{"kind":"FALLTHROUGH"}}');
    expect(Object.isFrozen(detail)).toBe(true);
  });
});

describe('contextKindsOf', () => {
  it.each([
    [{ kind: 'user', key: 'a' }, ['user']],
    [{ key: 'legacy' }, ['user']],
    [{ kind: 'org', key: 'o' }, ['org']],
    [{ kind: 'multi', user: { key: 'a' }, org: { key: 'b' } }, ['user', 'org']],
    [null, []],
    ['user', []],
    [{ kind: 7 }, []],
    [{ kind: '', key: 'a' }, []],
    [{ kind: 'us er', key: 'a' }, []],
    [{ kind: 'k'.repeat(65), key: 'a' }, []],
    [{ kind: 'multi', user: { key: 'a' }, 'no/kind': { key: 'b' } }, ['user']],
  ])('%j → %j', (context, kinds) => {
    expect(contextKindsOf(context)).toEqual(kinds);
  });
});

describe('a summary of any contexts', () => {
  const contexts = [
    { kind: '', key: 'a' },
    { kind: 'us er', key: 'a' },
    { kind: 'k'.repeat(65), key: 'a' },
    ...Array.from({ length: EVENT_LIMITS.contextKindsPerEvent + 1 }, (_, i) => ({ kind: `k${i}`, key: 'a' })),
  ];

  it('passes ingest: kinds ingest refuses are left out, so one bad context loses no counts', () => {
    const summary = summarize(
      contexts.map((context) => ev({ context })),
      Date.now(),
      Date.now(),
    );
    expect(v.safeParse(eventBatchSchema, [summary]).issues).toBeUndefined();
    expect(summary?.features.f?.counters).toEqual([
      { variation: 0, version: 3, value: true, count: contexts.length },
    ]);
  });
});
