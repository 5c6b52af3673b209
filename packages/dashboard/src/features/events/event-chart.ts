import type { AuditEntry } from '../history/api/list-audit.js';
import { bucketStarts } from '../insights/chart-series.js';
import type { EventSeries, EventsRange } from './api/get-events.js';

/** What the events chart plots per bucket: how many events, or the sum of their metric values. */
export type EventMeasure = 'count' | 'metricSum';

export interface EventChartSeries {
  /** Bucket starts in seconds (uPlot's x scale): every bucket of the range, as the insights chart. */
  readonly x: number[];
  /** The keys, in the order asked for. */
  readonly keys: string[];
  /** The measure per key per bucket, zero where the key had no events. */
  readonly values: number[][];
}

/**
 * Lines of the chosen keys over the range's buckets, empty buckets filled in.
 *
 * @example
 * const chart = eventChartSeries(insightsRange, [checkoutSeries], 'metricSum');
 * new uPlot(options, [chart.x, ...chart.values], element);
 */
export function eventChartSeries(
  range: EventsRange,
  series: readonly Pick<EventSeries, 'key' | 'buckets'>[],
  measure: EventMeasure,
): EventChartSeries {
  const starts = bucketStarts(range);
  return {
    x: starts.map((t) => t / 1000),
    keys: series.map((s) => s.key),
    values: series.map((s) => {
      const byStart = new Map(s.buckets.map((b) => [Date.parse(b.start), b[measure]]));
      return starts.map((t) => byStart.get(t) ?? 0);
    }),
  };
}

/** A change of the flag, placed on the time axis. */
export interface ChangeMark {
  /** Seconds, as the chart's x scale. */
  readonly x: number;
  readonly time: string;
  /** "Created", "Deleted", "Turned on", "Turned off" or "Changed", with who and the comment. */
  readonly label: string;
}

const isOn = (value: unknown): boolean | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { on?: unknown }).on === 'boolean'
    ? (value as { on: boolean }).on
    : undefined;

/**
 * Marks for the flag's changes in the environment, oldest first: what changed (switching on or off
 * is named as such) and who changed it.
 *
 * @example
 * changeMarks(changes); // [{ x: 1764120000, time: '2026-…', label: 'Turned on (Ada): Launch' }]
 */
export function changeMarks(changes: readonly AuditEntry[]): ChangeMark[] {
  return changes.map((entry) => ({
    x: Date.parse(entry.time) / 1000,
    time: entry.time,
    label: `${whatChanged(entry)} (${entry.actor.name})${entry.comment ? `: ${entry.comment}` : ''}`,
  }));
}

/** A creation or deletion is named as such: a flag is created off, which is no "Turned off". */
function whatChanged(entry: AuditEntry): string {
  if (entry.action === 'create') return 'Created';
  if (entry.action === 'delete') return 'Deleted';
  const before = isOn(entry.before);
  const after = isOn(entry.after);
  return after !== undefined && after !== before ? (after ? 'Turned on' : 'Turned off') : 'Changed';
}
