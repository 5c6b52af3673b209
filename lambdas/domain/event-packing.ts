import type { AnalyticsEvent, FeatureSummary, SummaryEvent } from '@switchboard/core/events';

/** What every record of one posted batch shares. */
export interface EnvelopeStamp {
  readonly project: string;
  readonly env: string;
  readonly receivedAt: number;
  /** The post's payload id, when the SDK named one; records then carry it and their part index. */
  readonly payloadId?: string | undefined;
}

/**
 * Target size of one Kinesis record. Many events share a record, so a shard's 1,000 records/s is
 * never the first limit hit; small enough that a batch of records stays well under Lambda's 6 MB
 * invocation payload. One event larger than this (a custom event with big `data`) gets a record of
 * its own; the 256 KB body limit keeps it far below Kinesis's 1 MB.
 */
export const RECORD_TARGET_BYTES = 64 * 1024;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Splits a summary whose JSON exceeds `budget` into summaries of the same window with fewer flags. */
function splitSummary(event: SummaryEvent, budget: number): string[] {
  const head = { kind: 'summary', startDate: event.startDate, endDate: event.endDate };
  const skeleton = utf8Length(JSON.stringify({ ...head, features: {} }));
  const parts: string[] = [];
  let features: [string, string][] = [];
  let size = skeleton;
  const emit = () => {
    if (features.length === 0) return;
    const body = features.map(([key, json]) => `${JSON.stringify(key)}:${json}`).join(',');
    parts.push(`${JSON.stringify(head).slice(0, -1)},"features":{${body}}}`);
    features = [];
    size = skeleton;
  };
  for (const [key, feature] of Object.entries(event.features) as [string, FeatureSummary][]) {
    const json = JSON.stringify(feature);
    const added = utf8Length(JSON.stringify(key)) + 1 + utf8Length(json) + 1;
    if (features.length > 0 && size + added > budget) emit();
    features.push([key, json]);
    size += added;
  }
  emit();
  return parts;
}

/**
 * Packs validated events into as few record payloads (JSON `EventEnvelope`s) as fit `targetBytes`
 * each, in order; a summary too large for one record is split by flag. Pure: the same input always
 * gives the same records.
 *
 * @example
 * ```ts
 * packEvents({ project: 'demo', env: 'production', receivedAt: Date.now() }, events); // ['{"v":1,…}']
 * ```
 */
export function packEvents(
  stamp: EnvelopeStamp,
  events: readonly AnalyticsEvent[],
  targetBytes = RECORD_TARGET_BYTES,
): string[] {
  const head = `{"v":1,"project":${JSON.stringify(stamp.project)},"env":${JSON.stringify(stamp.env)},"receivedAt":${stamp.receivedAt}`;
  const named = stamp.payloadId === undefined ? undefined : `,"payloadId":${JSON.stringify(stamp.payloadId)}`;
  // Part numbers are written as the records are cut, so the budget leaves room for the longest.
  const prefix = (part: number) =>
    `${head}${named === undefined ? '' : `${named},"part":${part}`},"events":[`;
  const suffix = ']}';
  const overhead = utf8Length(prefix(1e6)) + utf8Length(suffix);
  const budget = Math.max(1, targetBytes - overhead);

  const pieces: string[] = [];
  for (const event of events) {
    const json = JSON.stringify(event);
    if (event.kind === 'summary' && utf8Length(json) > budget) pieces.push(...splitSummary(event, budget));
    else pieces.push(json);
  }

  const records: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    const added = utf8Length(piece) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + added > budget) {
      records.push(prefix(records.length) + current.join(',') + suffix);
      current = [];
      size = 0;
    }
    size += utf8Length(piece) + (current.length > 0 ? 1 : 0);
    current.push(piece);
  }
  if (current.length > 0) records.push(prefix(records.length) + current.join(',') + suffix);
  return records;
}
