import type { EventEnvelope, SummaryEvent } from '@switchboard/core/events';
import { describe, expect, it } from 'vitest';
import { aggregate, bucketStart, EventAggregator } from './aggregate.js';

const T = Date.UTC(2026, 10, 26, 1, 30, 15); // 01:30:15
const MINUTE = Date.UTC(2026, 10, 26, 1, 30);
const HOUR = Date.UTC(2026, 10, 26, 1);

const summary = (features: SummaryEvent['features'], endDate = T): SummaryEvent => ({
  kind: 'summary',
  startDate: endDate - 10_000,
  endDate,
  features,
});
const envelope = (
  events: EventEnvelope['events'],
  env = 'production',
  receivedAt = T + 1_000,
): EventEnvelope => ({
  v: 1,
  project: 'demo',
  env,
  receivedAt,
  events,
});
const counter = (variation: number | undefined, count: number) => ({
  ...(variation === undefined ? {} : { variation }),
  version: 1,
  value: variation,
  count,
});

/** count → "env flag variation granularity bucket" → total, for compact expectations. */
function totals(envelopes: EventEnvelope[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of aggregate(envelopes).counts) {
    const key =
      c.kind === 'evaluation'
        ? `${c.env} ${c.flag} ${c.variation} ${c.granularity} ${new Date(c.bucket).toISOString()}`
        : `${c.env} custom:${c.key} ${c.granularity} ${new Date(c.bucket).toISOString()}`;
    out[key] = c.count;
  }
  return out;
}

const m = new Date(MINUTE).toISOString();
const h = new Date(HOUR).toISOString();

describe('bucketStart', () => {
  it.each([
    ['minute', T, MINUTE],
    ['hour', T, HOUR],
    ['minute', MINUTE, MINUTE],
  ] as const)('%s of %d', (granularity, time, expected) => {
    expect(bucketStart(time, granularity)).toBe(expected);
  });
});

describe('aggregate', () => {
  describe.each([
    {
      name: 'adds the same (flag, variation, bucket) across events and envelopes',
      input: [
        envelope([summary({ a: { counters: [counter(0, 5), counter(1, 2)] } })]),
        envelope([summary({ a: { counters: [counter(0, 7)] } })]),
      ],
      expected: {
        [`production a 0 minute ${m}`]: 12,
        [`production a 0 hour ${h}`]: 12,
        [`production a 1 minute ${m}`]: 2,
        [`production a 1 hour ${h}`]: 2,
      },
    },
    {
      name: 'keeps environments apart',
      input: [
        envelope([summary({ a: { counters: [counter(0, 1)] } })], 'production'),
        envelope([summary({ a: { counters: [counter(0, 1)] } })], 'staging'),
      ],
      expected: {
        [`production a 0 minute ${m}`]: 1,
        [`production a 0 hour ${h}`]: 1,
        [`staging a 0 minute ${m}`]: 1,
        [`staging a 0 hour ${h}`]: 1,
      },
    },
    {
      name: 'merges versions of one variation and counts the default as null',
      input: [
        envelope([
          summary({ a: { counters: [counter(0, 1), { variation: 0, version: 2, value: 0, count: 4 }] } }),
          summary({ a: { counters: [counter(undefined, 3)] } }),
        ]),
      ],
      expected: {
        [`production a 0 minute ${m}`]: 5,
        [`production a 0 hour ${h}`]: 5,
        [`production a null minute ${m}`]: 3,
        [`production a null hour ${h}`]: 3,
      },
    },
    {
      name: 'skips zero counts',
      input: [envelope([summary({ a: { counters: [counter(0, 0)] } })])],
      expected: {},
    },
    {
      name: 'puts events into the bucket of their end time, capped at receipt',
      input: [
        envelope([summary({ a: { counters: [counter(0, 1)] } }, MINUTE - 1)]),
        envelope([summary({ a: { counters: [counter(0, 1)] } }, T + 3_600_000)], 'production', T),
      ],
      expected: {
        [`production a 0 minute ${new Date(MINUTE - 60_000).toISOString()}`]: 1,
        [`production a 0 hour ${new Date(HOUR).toISOString()}`]: 2,
        [`production a 0 minute ${m}`]: 1,
      },
    },
    {
      name: 'counts custom events per key',
      input: [
        envelope([
          { kind: 'custom', key: 'checkout', contextKeys: { user: 'u' }, creationDate: T, metricValue: 2.5 },
          { kind: 'custom', key: 'checkout', contextKeys: { user: 'v' }, creationDate: T },
        ]),
      ],
      expected: {
        [`production custom:checkout minute ${m}`]: 2,
        [`production custom:checkout hour ${h}`]: 2,
      },
    },
  ])('$name', ({ input, expected }) => {
    it('gives the expected totals', () => {
      expect(totals(input)).toEqual(expected);
    });
  });

  it('records per-source contributions in source order', () => {
    const aggregator = new EventAggregator();
    aggregator.add(envelope([summary({ a: { counters: [counter(0, 2)] } })]), 0);
    aggregator.add(envelope([summary({ a: { counters: [counter(0, 3)] } })]), 1);
    aggregator.add(envelope([summary({ a: { counters: [counter(0, 4)] } })]), 1);
    const minute = aggregator.counts().find((c) => c.granularity === 'minute');
    expect(minute).toMatchObject({ count: 9, sources: [0, 1], counts: [2, 7] });
  });

  it('sums metric values of custom events per source', () => {
    const { counts } = aggregate([
      envelope([{ kind: 'custom', key: 'k', contextKeys: { user: 'u' }, creationDate: T, metricValue: 1.5 }]),
      envelope([{ kind: 'custom', key: 'k', contextKeys: { user: 'u' }, creationDate: T, metricValue: 2 }]),
    ]);
    expect(counts[0]).toMatchObject({ kind: 'custom', count: 2, metricSum: 3.5, metricSums: [1.5, 2] });
  });

  it('keeps the latest evaluation time per flag and the first source that evaluated it', () => {
    const { lastEvaluated } = aggregate([
      envelope([summary({ a: { counters: [counter(0, 1)] } }, T - 5_000)]),
      envelope([summary({ a: { counters: [counter(0, 1)] }, b: { counters: [counter(1, 1)] } }, T)]),
    ]);
    expect(lastEvaluated).toEqual([
      { project: 'demo', env: 'production', flag: 'a', at: T, firstSource: 0 },
      { project: 'demo', env: 'production', flag: 'b', at: T, firstSource: 1 },
    ]);
  });

  it('counts events, including zero lines', () => {
    const aggregator = new EventAggregator();
    aggregator.add(envelope([summary({ a: { counters: [counter(0, 0), counter(1, 9)] } })]));
    expect(aggregator.eventCount).toBe(2);
  });
});
