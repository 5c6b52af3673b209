import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import type { EventCountQuery, EventCountReader, StoredEventCount } from './analytics-ports.js';
import { EventsService } from './events-service.js';
import type { ControlStore } from './ports.js';

const NOW = Date.parse('2026-11-26T03:30:00Z');
const NOW_ISO = new Date(NOW).toISOString();
const clock = { now: () => new Date(NOW) };
const at = { project: 'shop', env: 'production' };
const stored = (key: string, iso: string, count: number, metricSum = 0): StoredEventCount => ({
  key,
  bucket: Date.parse(iso),
  count,
  metricSum,
});

function service(counts: StoredEventCount[], environments = ['production']) {
  const queries: EventCountQuery[] = [];
  const reader: EventCountReader = {
    eventCounts: async (query, page) => {
      queries.push(query);
      return {
        items: counts.slice(0, page.limit),
        ...(page.limit < counts.length ? { cursor: 'next' } : {}),
      };
    },
    eventSeries: async (query) => {
      queries.push(query);
      return counts.filter((c) => c.key === query.key);
    },
  };
  const store: Pick<ControlStore, 'get'> = {
    get: async (ref) =>
      ref.kind === 'project' || ('env' in ref && environments.includes(ref.env)) ? ({} as never) : undefined,
  };
  return { events: new EventsService(store, reader, clock), queries };
}

describe('EventsService.list', () => {
  it('reads the insights range: hour buckets over the last day, `from` rounded down', async () => {
    const { events, queries } = service([]);
    const page = await events.list(at, { limit: 50 });
    expect(queries).toEqual([
      { ...at, granularity: 'hour', from: Date.parse('2026-11-25T03:00:00Z'), to: NOW },
    ]);
    expect(page).toEqual({
      environment: 'production',
      granularity: 'hour',
      from: '2026-11-25T03:00:00.000Z',
      to: '2026-11-26T03:30:00.000Z',
      items: [],
    });
  });

  it('shows each stored counter as a bucket of its key, and passes the cursor on', async () => {
    const { events } = service([
      stored('checkout', '2026-11-26T01:00:00Z', 2, 25.5),
      stored('signup', '2026-11-26T01:00:00Z', 1),
    ]);
    const page = await events.list(at, { granularity: 'hour', limit: 1 });
    expect(page.items).toEqual([
      { key: 'checkout', start: '2026-11-26T01:00:00.000Z', count: 2, metricSum: 25.5 },
    ]);
    expect(page.cursor).toBe('next');
  });

  it.each([
    ['from after to', { from: '2026-11-26T02:00:00Z', to: '2026-11-26T01:00:00Z' }, 'from must be before to'],
    [
      'more than a day of minutes',
      { granularity: 'minute' as const, from: '2026-11-24T00:00:00Z' },
      'a minute range may span at most 24 hours',
    ],
    ['more than 90 days of hours', { from: '2026-08-01T00:00:00Z' }, 'a hour range may span at most 90 days'],
  ])('refuses %s, naming from, before reading anything', async (_name, query, message) => {
    const { events, queries } = service([]);
    const error = await events.list(at, { ...query, limit: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'from', message });
    expect(queries).toEqual([]);
  });

  it('answers not found for an unknown environment', async () => {
    const { events } = service([], ['staging']);
    await expect(events.list(at, { limit: 50 })).rejects.toThrow('Environment "shop/production"');
  });
});

describe('EventsService.series', () => {
  it('returns the key’s buckets in the range, oldest first, with totals', async () => {
    const { events } = service([
      stored('checkout', '2026-11-26T02:00:00Z', 1, 10),
      stored('checkout', '2026-11-26T01:00:00Z', 2, 25.5),
      stored('signup', '2026-11-26T01:00:00Z', 7),
    ]);
    const series = await events.series(at, 'checkout', { from: '2026-11-26T00:00:00Z', to: NOW_ISO });
    expect(series).toEqual({
      environment: 'production',
      granularity: 'hour',
      from: '2026-11-26T00:00:00.000Z',
      to: '2026-11-26T03:30:00.000Z',
      key: 'checkout',
      buckets: [
        { start: '2026-11-26T01:00:00.000Z', count: 2, metricSum: 25.5 },
        { start: '2026-11-26T02:00:00.000Z', count: 1, metricSum: 10 },
      ],
      count: 3,
      metricSum: 35.5,
    });
  });

  it('leaves out buckets outside the range and empty ones', async () => {
    const { events } = service([
      stored('checkout', '2026-11-25T23:00:00Z', 4),
      stored('checkout', '2026-11-26T01:00:00Z', 0),
      stored('checkout', '2026-11-26T02:00:00Z', 1, 3),
      stored('checkout', '2026-11-26T03:00:00Z', 5),
    ]);
    const series = await events.series(at, 'checkout', {
      from: '2026-11-26T00:30:00Z',
      to: '2026-11-26T03:00:00Z',
    });
    expect(series.from).toBe('2026-11-26T00:00:00.000Z');
    expect(series.buckets).toEqual([{ start: '2026-11-26T02:00:00.000Z', count: 1, metricSum: 3 }]);
    expect(series).toMatchObject({ count: 1, metricSum: 3 });
  });
});
