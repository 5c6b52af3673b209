import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_LIMITS } from './limits.js';
import type { AnalyticsEvent, CustomEvent, SummaryEvent } from './model.js';
import { ingestPayloads } from './payloads.js';

const T = 1_780_000_000_000;

const custom = fc.record({
  kind: fc.constant('custom' as const),
  key: fc.constantFrom('clicked', 'bought'),
  contextKeys: fc.record({ user: fc.string({ minLength: 1, maxLength: 8 }) }),
  data: fc.option(fc.string({ maxLength: 40_000 }), { nil: undefined }),
  creationDate: fc.constant(T),
}) as fc.Arbitrary<CustomEvent>;

const summary = (flags: number): SummaryEvent => ({
  kind: 'summary',
  startDate: T - 10_000,
  endDate: T,
  features: Object.fromEntries(
    Array.from({ length: flags }, (_, i) => [
      `flag-${i}`,
      { counters: [{ variation: 0, value: true, count: i + 1 }] },
    ]),
  ),
});

const bytes = (events: readonly AnalyticsEvent[]) => new TextEncoder().encode(JSON.stringify(events)).length;

describe('ingestPayloads', () => {
  it('keeps every event, in order, in posts that fit ingest’s limits, summaries apart', () => {
    fc.assert(
      fc.property(
        fc.array(custom, { maxLength: 2_500 }),
        fc.integer({ min: 0, max: 12_000 }),
        (customs, flags) => {
          const events: AnalyticsEvent[] = flags > 0 ? [summary(flags), ...customs] : customs;
          const payloads = ingestPayloads(events);
          for (const payload of payloads) {
            expect(payload.length).toBeLessThanOrEqual(EVENT_LIMITS.eventsPerBatch);
            if (payload.length > 1) expect(bytes(payload)).toBeLessThanOrEqual(EVENT_LIMITS.bodyBytes);
            expect(new Set(payload.map((e) => e.kind)).size).toBe(1);
          }
          const all = payloads.flat();
          expect(all.filter((e) => e.kind === 'custom')).toEqual(customs);
          const summaries = all.filter((e): e is SummaryEvent => e.kind === 'summary');
          for (const part of summaries) {
            expect(Object.keys(part.features).length).toBeLessThanOrEqual(EVENT_LIMITS.featuresPerSummary);
          }
          const features = summaries.flatMap((part) => Object.keys(part.features));
          expect(features).toEqual(flags > 0 ? Object.keys(summary(flags).features) : []);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives an event too large for any post a post of its own', () => {
    const huge: CustomEvent = {
      kind: 'custom',
      key: 'huge',
      contextKeys: { user: 'u' },
      data: 'x'.repeat(EVENT_LIMITS.bodyBytes),
      creationDate: T,
    };
    const small: CustomEvent = { ...huge, key: 'small', data: 'y' };
    expect(ingestPayloads([small, huge, small]).map((p) => p.map((e) => (e as CustomEvent).key))).toEqual([
      ['small'],
      ['huge'],
      ['small'],
    ]);
  });
});
