import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { issueMessage } from '../schema-issues.js';
import { checkEventTimes, eventBatchSchema } from './schema.js';

const NOW = Date.UTC(2026, 10, 26, 2);
const summary = { kind: 'summary', startDate: NOW - 10_000, endDate: NOW, features: {} };
const custom = { kind: 'custom', key: 'checkout', contextKeys: { user: 'u1' }, creationDate: NOW };
const withCounters = (counters: unknown[]) => ({ ...summary, features: { f: { counters } } });

const firstIssue = (value: unknown) => {
  const result = v.safeParse(eventBatchSchema, value, { message: issueMessage });
  if (result.success) return undefined;
  const issue = result.issues[0];
  return { path: (issue.path ?? []).map((item) => item.key).join('.'), message: issue.message };
};

describe('eventBatchSchema', () => {
  it('accepts summary and custom events', () => {
    expect(
      v.safeParse(eventBatchSchema, [
        withCounters([
          { variation: 0, version: 1, value: true, count: 3 },
          { value: 'x', count: 0, unknown: true },
        ]),
        { ...custom, data: { cart: 3 }, metricValue: 9.5 },
      ]).success,
    ).toBe(true);
  });

  it.each([
    ['not an array', { kind: 'summary' }, ''],
    ['an empty batch', [], ''],
    ['an unknown kind', [{ kind: 'feature', key: 'f' }], '0.kind'],
    [
      'a negative count',
      [withCounters([{ variation: 0, value: 1, count: -1 }])],
      '0.features.f.counters.0.count',
    ],
    [
      'a fractional count',
      [withCounters([{ variation: 0, value: 1, count: 1.5 }])],
      '0.features.f.counters.0.count',
    ],
    [
      'a string count',
      [withCounters([{ variation: 0, value: 1, count: '3' }])],
      '0.features.f.counters.0.count',
    ],
    [
      'a negative variation',
      [withCounters([{ variation: -1, value: 1, count: 1 }])],
      '0.features.f.counters.0.variation',
    ],
    ['seconds instead of milliseconds', [{ ...summary, startDate: 1_700_000_000 }], '0.startDate'],
    ['an end before the start', [{ ...summary, startDate: NOW, endDate: NOW - 1 }], '0.endDate'],
    ['a flag key with #', [{ ...summary, features: { 'a#b': { counters: [] } } }], '0.features.a#b'],
    ['a custom event without a key', [{ ...custom, key: undefined }], '0.key'],
    ['a custom event without contexts', [{ ...custom, contextKeys: {} }], '0.contextKeys'],
    ['a non-numeric metric', [{ ...custom, metricValue: 'high' }], '0.metricValue'],
    ['too many events', Array.from({ length: 1_001 }, () => custom), ''],
  ])('rejects %s', (_name, value, path) => {
    expect(firstIssue(value)?.path).toBe(path);
  });

  it('names the supported kinds for an unknown one', () => {
    expect(firstIssue([{ kind: 'identify' }])?.message).toMatch(/"summary", "custom"/);
  });
});

describe('checkEventTimes', () => {
  it.each([
    ['a fresh summary', [summary], undefined],
    ['a summary ending in the future', [{ ...summary, endDate: NOW + 2 * 3_600_000 }], '[0].endDate'],
    ['an old custom event', [{ ...custom, creationDate: NOW - 25 * 3_600_000 }], '[0].creationDate'],
    ['an old start with a fresh end', [{ ...summary, startDate: NOW - 30 * 3_600_000 }], undefined],
  ])('%s', (_name, events, field) => {
    // biome-ignore lint/suspicious/noExplicitAny: table rows are parsed events
    expect(checkEventTimes(events as any, NOW)?.field).toBe(field);
  });
});
