import {
  type LogRecord,
  type MetricRecord,
  parseTelemetryLine,
  setTelemetrySink,
  type TelemetrySink,
  telemetrySink,
} from './telemetry-core.js';

/** What handlers logged and measured while a {@link captureTelemetry} was in place. */
export interface CapturedTelemetry {
  readonly lines: string[];
  readonly logs: LogRecord[];
  readonly metrics: MetricRecord[];
  /** Every value written for `metric`, in order. */
  values(metric: string): number[];
  /** Puts back the sink that was in place before. */
  restore(): void;
}

/**
 * Collects every telemetry record of this process (instead of printing it), for tests.
 *
 * @example
 * const telemetry = captureTelemetry();
 * try {
 *   await handler(event);
 *   expect(telemetry.values('PostsSent')).toEqual([2]);
 * } finally {
 *   telemetry.restore();
 * }
 */
export function captureTelemetry(): CapturedTelemetry {
  const previous: TelemetrySink | undefined = telemetrySink();
  const captured: CapturedTelemetry = {
    lines: [],
    logs: [],
    metrics: [],
    values: (metric) => captured.metrics.flatMap((record) => record.values[metric] ?? []),
    restore: () => setTelemetrySink(previous),
  };
  setTelemetrySink((line) => {
    captured.lines.push(line);
    const parsed = parseTelemetryLine(line);
    if (parsed?.kind === 'log') captured.logs.push(parsed.record);
    if (parsed?.kind === 'metrics') captured.metrics.push(parsed.record);
  });
  return captured;
}
