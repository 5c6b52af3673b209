import { EVENT_LIMITS } from './limits.js';
import type { AnalyticsEvent, SummaryEvent } from './model.js';

/**
 * The header naming one post of events, repeated on its retry: ingest packs a retried post into the
 * same parts and the aggregator counts each part once, so a post whose first attempt was partly
 * written never counts twice.
 */
export const PAYLOAD_ID_HEADER = 'x-switchboard-payload-id';

const utf8 = new TextEncoder();
const sizeOf = (value: unknown): number => utf8.encode(JSON.stringify(value)).length;

/** Room kept under the ingest body limit for what a serialiser may add (escapes, whitespace). */
const BODY_BUDGET = EVENT_LIMITS.bodyBytes - 8 * 1024;

/** A summary with more flags than ingest takes in one event, split by flag into several. */
function splitSummary(summary: SummaryEvent): SummaryEvent[] {
  const entries = Object.entries(summary.features);
  if (entries.length <= EVENT_LIMITS.featuresPerSummary && sizeOf(summary) <= BODY_BUDGET) return [summary];
  const parts: SummaryEvent[] = [];
  let features: typeof entries = [];
  let size = 0;
  const emit = () => {
    if (features.length > 0) parts.push({ ...summary, features: Object.fromEntries(features) });
    features = [];
    size = 0;
  };
  for (const entry of entries) {
    const added = sizeOf(entry);
    if (
      features.length >= EVENT_LIMITS.featuresPerSummary ||
      (features.length > 0 && size + added > BODY_BUDGET)
    )
      emit();
    features.push(entry);
    size += added;
  }
  emit();
  return parts;
}

/** Consecutive events in groups that each fit ingest's event count and body size. */
function chunk(events: readonly AnalyticsEvent[]): AnalyticsEvent[][] {
  const chunks: AnalyticsEvent[][] = [];
  let current: AnalyticsEvent[] = [];
  let size = 2;
  for (const event of events) {
    const added = sizeOf(event) + 1;
    if (current.length >= EVENT_LIMITS.eventsPerBatch || (current.length > 0 && size + added > BODY_BUDGET)) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(event);
    size += added;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * One flush's events as the posts that carry them: summaries apart from custom events (a refused
 * custom event must never take evaluation counts down with it), and every post within ingest's
 * limits (events per batch, flags per summary, body bytes). An event too large for any post still
 * gets one of its own, for ingest to refuse alone.
 *
 * @example
 * ingestPayloads([summary, ...twoThousandCustomEvents]); // → [[summary], [1,000 custom], [1,000 custom]]
 */
export function ingestPayloads(events: readonly AnalyticsEvent[]): AnalyticsEvent[][] {
  const summaries = events
    .filter((event): event is SummaryEvent => event.kind === 'summary')
    .flatMap(splitSummary);
  const customs = events.filter((event) => event.kind !== 'summary');
  return [...chunk(summaries), ...chunk(customs)];
}
