import type { AnalyticsEvent, EventEnvelope, SummaryEvent } from '@switchboard/core/events';
import { describe, expect, it } from 'vitest';
import { packEvents } from './event-packing.js';

const stamp = { project: 'demo', env: 'production', receivedAt: 1_795_000_000_000 };
const custom = (i: number): AnalyticsEvent => ({
  kind: 'custom',
  key: `k${i}`,
  contextKeys: { user: `u${i}` },
  creationDate: 1_795_000_000_000,
});
const summary = (flags: number): SummaryEvent => ({
  kind: 'summary',
  startDate: 1,
  endDate: 2,
  features: Object.fromEntries(
    Array.from({ length: flags }, (_, i) => [
      `flag-${i}`,
      { counters: [{ variation: 0, value: true, count: i }] },
    ]),
  ),
});
const parse = (records: string[]) => records.map((r) => JSON.parse(r) as EventEnvelope);

describe('packEvents', () => {
  it('puts a small batch into one record stamped with the environment', () => {
    const records = packEvents(stamp, [custom(1), custom(2)]);
    expect(parse(records)).toEqual([{ v: 1, ...stamp, events: [custom(1), custom(2)] }]);
  });

  it.each([
    [100, 1_000],
    [1_000, 4_096],
    [5_000, 65_536],
  ])('packs %i events into records of at most %i bytes, all kept in order', (count, target) => {
    const events = Array.from({ length: count }, (_, i) => custom(i));
    const records = packEvents(stamp, events, target);
    for (const record of records) expect(Buffer.byteLength(record)).toBeLessThanOrEqual(target);
    expect(parse(records).flatMap((e) => e.events)).toEqual(events);
    expect(records.length).toBeLessThan(count);
  });

  it('splits a summary too large for one record by flag, keeping its window', () => {
    const big = summary(500);
    const records = packEvents(stamp, [big], 4_096);
    expect(records.length).toBeGreaterThan(1);
    const parts = parse(records).flatMap((e) => e.events) as SummaryEvent[];
    expect(parts.every((p) => p.startDate === 1 && p.endDate === 2)).toBe(true);
    expect(Object.assign({}, ...parts.map((p) => p.features))).toEqual(big.features);
  });

  it('gives one event larger than the target a record of its own', () => {
    const large: AnalyticsEvent = { ...custom(0), data: 'x'.repeat(5_000) } as AnalyticsEvent;
    const records = packEvents(stamp, [custom(1), large, custom(2)], 1_000);
    expect(parse(records).map((e) => e.events.length)).toEqual([1, 1, 1]);
  });
});
