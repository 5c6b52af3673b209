import { describe, expect, it } from 'vitest';
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
    // One result object may not be shared by two flags; if it is, each flag still counts its own.
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

describe('contextKindsOf', () => {
  it.each([
    [{ kind: 'user', key: 'a' }, ['user']],
    [{ key: 'legacy' }, ['user']],
    [{ kind: 'org', key: 'o' }, ['org']],
    [{ kind: 'multi', user: { key: 'a' }, org: { key: 'b' } }, ['user', 'org']],
    [null, []],
    ['user', []],
    [{ kind: 7 }, []],
  ])('%j → %j', (context, kinds) => {
    expect(contextKindsOf(context)).toEqual(kinds);
  });
});
