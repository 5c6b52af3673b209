import { describe, expect, it } from 'vitest';
import type { CustomCount } from '../../domain/aggregate.js';
import { counterKey, eventIndexKey, parseBucketSk, parseEventIndexSk } from './analytics-keys.js';

const count: CustomCount = {
  kind: 'custom',
  project: 'shop',
  env: 'production',
  key: 'page view:home',
  granularity: 'minute',
  bucket: Date.parse('2026-11-26T01:30:00Z'),
  count: 1,
  metricSum: 0,
  sources: [0],
  counts: [1],
  metricSums: [0],
};

describe('custom-event counter keys', () => {
  it('keeps one partition per key and indexes the counter under its environment, by time then key', () => {
    expect(counterKey(count)).toEqual({
      pk: 'ENV#shop#production#EVENT#page view:home',
      sk: 'minute#2026-11-26T01:30:00.000Z',
    });
    expect(eventIndexKey(count)).toEqual({
      envPk: 'ENV#shop#production#EVENTS',
      envSk: 'minute#2026-11-26T01:30:00.000Z#page view:home',
    });
  });

  it('reads bucket and key back from the index sort key, and the bucket from the counter’s', () => {
    const { envSk } = eventIndexKey(count);
    expect(parseEventIndexSk(envSk)).toEqual({ bucket: count.bucket, key: 'page view:home' });
    expect(parseBucketSk(counterKey(count).sk)).toBe(count.bucket);
  });

  it.each(['minute#not-a-time#k', 'minute#2026-11-26T01:30:00.000Z'])('refuses %s', (sk) => {
    expect(parseEventIndexSk(sk)).toBeUndefined();
  });
});
