import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../testing/fake-api.js';
import type { AuditEntry } from '../history/api/list-audit.js';
import { flagChangesIn } from './api/flag-changes.js';
import { listEventKeys } from './api/get-events.js';
import { changeMarks, eventChartSeries } from './event-chart.js';

const range = {
  from: '2026-11-26T10:00:00.000Z',
  to: '2026-11-26T10:04:00.000Z',
  granularity: 'minute',
} as const;
const at = { project: 'web', env: 'production' };

const entry = (
  time: string,
  before: unknown,
  after: unknown,
  comment?: string,
  action: AuditEntry['action'] = 'update',
): AuditEntry => ({
  id: time,
  project: 'web',
  time,
  actor: { id: 't1', name: 'Ada' },
  action,
  resource: 'flag',
  key: 'checkout',
  env: 'production',
  before,
  after,
  ...(comment ? { comment } : {}),
});

describe('eventChartSeries', () => {
  it('puts each key on every bucket of the range, zero where it had no events', () => {
    const chart = eventChartSeries(
      range,
      [
        {
          key: 'purchase',
          buckets: [
            { start: '2026-11-26T10:01:00.000Z', count: 2, metricSum: 25.5 },
            { start: '2026-11-26T10:03:00.000Z', count: 1, metricSum: 10 },
          ],
        },
        { key: 'signup', buckets: [{ start: '2026-11-26T10:00:00.000Z', count: 4, metricSum: 0 }] },
      ],
      'metricSum',
    );
    const t0 = Date.parse(range.from) / 1000;
    expect(chart).toEqual({
      x: [t0, t0 + 60, t0 + 120, t0 + 180],
      keys: ['purchase', 'signup'],
      values: [
        [0, 25.5, 0, 10],
        [0, 0, 0, 0],
      ],
    });
    expect(eventChartSeries(range, [{ key: 'signup', buckets: [] }], 'count').values).toEqual([[0, 0, 0, 0]]);
  });
});

describe('changeMarks', () => {
  it('names a creation and a deletion as such, not as switching off', () => {
    const marks = changeMarks([
      entry('2026-11-26T10:00:00.000Z', undefined, { on: false }, undefined, 'create'),
      entry('2026-11-26T10:05:00.000Z', { on: true }, undefined, 'cleanup', 'delete'),
    ]);
    expect(marks.map((m) => m.label)).toEqual(['Created (Ada)', 'Deleted (Ada): cleanup']);
  });

  it('names switching on and off, else the comment, with who changed the flag', () => {
    const marks = changeMarks([
      entry('2026-11-26T10:01:30.000Z', { on: false }, { on: true }, 'Launch'),
      entry('2026-11-26T10:02:00.000Z', { on: true, rules: [] }, { on: true, rules: [{}] }),
      entry('2026-11-26T10:03:00.000Z', { on: true }, { on: false }),
    ]);
    expect(marks).toEqual([
      {
        x: Date.parse('2026-11-26T10:01:30Z') / 1000,
        time: '2026-11-26T10:01:30.000Z',
        label: 'Turned on (Ada): Launch',
      },
      {
        x: Date.parse('2026-11-26T10:02:00Z') / 1000,
        time: '2026-11-26T10:02:00.000Z',
        label: 'Changed (Ada)',
      },
      {
        x: Date.parse('2026-11-26T10:03:00Z') / 1000,
        time: '2026-11-26T10:03:00.000Z',
        label: 'Turned off (Ada)',
      },
    ]);
  });
});

describe('listEventKeys', () => {
  it('reads every page in hour buckets and lists each key once, sorted', async () => {
    const fake = fakeApp({
      'GET /api/v1/projects/web/environments/production/events': (_request, url) =>
        url.searchParams.get('cursor')
          ? {
              ...range,
              environment: 'production',
              items: [{ key: 'purchase', start: range.from, count: 1, metricSum: 0 }],
            }
          : {
              ...range,
              environment: 'production',
              items: [
                { key: 'signup', start: range.from, count: 1, metricSum: 0 },
                { key: 'purchase', start: range.from, count: 1, metricSum: 0 },
              ],
              cursor: 'next',
            },
    });
    expect(await listEventKeys(fake.api, at, range)).toEqual(['purchase', 'signup']);
    const queries = fake.requests.map((r) => Object.fromEntries(new URL(r.url).searchParams));
    expect(queries).toEqual([
      { from: range.from, to: range.to, granularity: 'hour', limit: '200' },
      { from: range.from, to: range.to, granularity: 'hour', limit: '200', cursor: 'next' },
    ]);
  });
});

describe('flagChangesIn', () => {
  it('keeps the changes in the range, oldest first, and stops paging once before it', async () => {
    const pages: Record<string, { items: AuditEntry[]; cursor?: string }> = {
      first: {
        items: [entry('2026-11-26T10:05:00.000Z', {}, {}), entry('2026-11-26T10:03:00.000Z', {}, {})],
        cursor: 'second',
      },
      second: {
        items: [entry('2026-11-26T10:01:00.000Z', {}, {}), entry('2026-11-26T09:59:00.000Z', {}, {})],
        cursor: 'third',
      },
    };
    const fake = fakeApp({
      'GET /api/v1/projects/web/audit': (_request, url) => pages[url.searchParams.get('cursor') ?? 'first'],
    });
    const changes = await flagChangesIn(fake.api, { ...at, flag: 'checkout' }, range);
    expect(changes.map((c) => c.time)).toEqual(['2026-11-26T10:01:00.000Z', '2026-11-26T10:03:00.000Z']);
    expect(fake.requests).toHaveLength(2);
    expect(Object.fromEntries(new URL(fake.requests[0]?.url ?? '').searchParams)).toMatchObject({
      flag: 'checkout',
      env: 'production',
    });
  });
});
