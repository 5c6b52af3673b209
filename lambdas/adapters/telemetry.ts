import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import {
  correlationIdOf,
  drainTallies,
  METRIC_UNITS,
  METRICS_NAMESPACE,
  type MetricName,
  redact,
  writeLine,
} from './telemetry-core.js';

/**
 * The handlers' telemetry: one Powertools Logger (structured JSON with the request id, the cold start
 * and a correlation id; level from `POWERTOOLS_LOG_LEVEL`, or Lambda's own log level setting) and one
 * Powertools Metrics (CloudWatch embedded metric format on stdout: no AWS call). Every record passes
 * {@link redact}; in the local runtime and tests records go to the installed sink (`telemetry-core.ts`).
 * The metrics are listed in docs/operations.md.
 */

export { METRIC_UNITS, METRICS_NAMESPACE, type MetricName } from './telemetry-core.js';

type Output = { log: (line: string) => void } & Record<
  'info' | 'warn' | 'error' | 'debug' | 'trace',
  (line: string) => void
>;

/**
 * Powertools prints through a private `Console` of its own; this one writes each line whole to the
 * sink or the process's streams instead. Tests read records through the sink, so a Powertools
 * release that renamed the field would fail them rather than go unnoticed.
 */
const output: Output = {
  log: (line) => writeLine(line, 'info'),
  info: (line) => writeLine(line, 'info'),
  debug: (line) => writeLine(line, 'debug'),
  trace: (line) => writeLine(line, 'debug'),
  warn: (line) => writeLine(line, 'warn'),
  error: (line) => writeLine(line, 'error'),
};
const routed = <T>(instance: T): T => Object.assign(instance as object, { console: output }) as T;

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'switchboard';

/**
 * The handlers' logger. Log a message and flat attributes; never a credential or an evaluation
 * context (they are redacted anyway).
 *
 * @example
 * logger.warn('fanout: skipping a record that is not a flag or segment change', { eventId });
 */
export const logger: Logger = routed(new Logger({ serviceName, jsonReplacerFn: redact }));

/**
 * The handlers' metrics, flushed after every invocation by {@link instrumented}.
 *
 * @example
 * metrics.addMetric('PostsSent', METRIC_UNITS.PostsSent, 3);
 */
export const metrics: Metrics = routed(
  new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
    serviceName,
    logger,
  }),
);

/**
 * Adds `value` to a metric of this invocation (a value of 0 is recorded only for timings).
 *
 * @example
 * count('AggregatorWrites', result.writes);
 */
export function count(name: MetricName, value = 1): void {
  if (value > 0 || METRIC_UNITS[name] === 'Milliseconds') metrics.addMetric(name, METRIC_UNITS[name], value);
}

/**
 * Records what one delivery did: posts sent, gone and failed, and posts the fast path's marks saved.
 *
 * @example
 * countPosts(result.counts);
 */
export function countPosts(counts: {
  readonly sent: number;
  readonly gone: number;
  readonly failed: number;
  readonly skipped: number;
}): void {
  count('PostsSent', counts.sent);
  count('PostsGone', counts.gone);
  count('PostsFailed', counts.failed);
  count('PostsSkipped', counts.skipped);
}

/**
 * Records the changes a fan-out received: each one's delay since its commit and, for the stream path,
 * the changes written.
 *
 * @example
 * countChanges(changes, true);
 */
export function countChanges(
  changes: readonly { readonly changedAt?: number | undefined }[],
  fromStream: boolean,
): void {
  const now = Date.now();
  for (const change of changes)
    if (change.changedAt !== undefined) count('FanoutDelay', Math.max(0, now - change.changedAt));
  if (fromStream) count('FlagChangesWritten', changes.length);
}

/**
 * `error` as attributes fit for a log record: its name and message, never the objects it holds.
 *
 * @example
 * logger.error('identify failed', errorAttributes(error));
 */
export const errorAttributes = (error: unknown): { error: string } => ({
  error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
});

/**
 * A `(message, detail)` logging callback for services that take one, logging a warning: an error as
 * its name and message, a plain object as attributes, anything else as `detail`.
 *
 * @example
 * new AggregatorService(writer, { log: logWarning });
 */
export const logWarning = (message: string, detail?: unknown): void =>
  logger.warn(
    message,
    detail instanceof Error
      ? errorAttributes(detail)
      : typeof detail === 'object' && detail !== null
        ? (detail as Record<string, unknown>)
        : { detail },
  );

/**
 * A `(message, error)` logging callback for services that take one, logging an error with its stack.
 *
 * @example
 * mapError(error, logError);
 */
export const logError = (message: string, error: unknown): void => logger.error(message, error as Error);

/**
 * `fn`, counting each call under `metric`.
 *
 * @example
 * new SnapshotCache(countCalls('SnapshotLoads', (at) => store.environmentContents(at)), clock);
 */
export function countCalls<A extends unknown[], R>(
  metric: MetricName,
  fn: (...args: A) => R,
): (...args: A) => R {
  return (...args) => {
    count(metric);
    return fn(...args);
  };
}

/**
 * `target` with its `method` counted under `metric`: each call, or with `amountOf` the number it
 * reads from each resolved result.
 *
 * @example
 * const ingest = metered(new IngestService(sink, clock), 'ingest', 'EventsIngested', (r) => r.accepted);
 */
export function metered<T extends object, K extends keyof T>(
  target: T,
  method: K,
  metric: MetricName,
  amountOf?: (result: Awaited<T[K] extends (...args: never[]) => infer R ? R : never>) => number,
): T {
  const original = target[method] as (...args: unknown[]) => unknown;
  const wrapped = amountOf
    ? async (...args: unknown[]) => {
        const result = await original.apply(target, args);
        count(metric, amountOf(result as never));
        return result;
      }
    : countCalls(metric, (...args: unknown[]) => original.apply(target, args));
  // Other methods run on the target itself, so classes with `#private` members keep working.
  return new Proxy(target, {
    get: (held, name) => {
      if (name === method) return wrapped;
      const value: unknown = Reflect.get(held, name, held);
      return typeof value === 'function' ? value.bind(held) : value;
    },
  });
}

/**
 * Wraps a Lambda handler: each invocation's records carry its request id, the function's name and
 * cold start, and the correlation id of an API Gateway event; its metrics are flushed when it ends,
 * thrown or not. Handler entries wrap their export: `export const handler = instrumented(create…())`.
 *
 * @example
 * export const handler = instrumented(createKeyExpiryHandler());
 */
export function instrumented<E, R>(
  handler: (event: E, context?: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  return async (event, context) => {
    begin(event, context);
    try {
      return await handler(event, context);
    } finally {
      for (const [name, amount] of drainTallies()) count(name, amount);
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

function begin(event: unknown, context: Context | undefined): void {
  logger.resetKeys();
  if (context) logger.addContext(context);
  const correlationId = correlationIdOf(event);
  if (correlationId) logger.appendKeys({ correlation_id: correlationId });
}

/** A metric alone, with its own dimensions, written at once. */
function single(name: MetricName, dimensions: Record<string, string>): void {
  const one = routed(metrics.singleMetric());
  for (const [dimension, value] of Object.entries(dimensions)) one.addDimension(dimension, value);
  one.addMetric(name, METRIC_UNITS[name], 1);
}

type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<{ readonly statusCode?: number | undefined }>;

/**
 * {@link instrumented} for an HTTP API function: also counts its 4xx and 5xx answers per route (the
 * event's `routeKey`), and an answer thrown as an error as a 5xx; `rejections` counts 4xx answers
 * under a metric of the function's own as well.
 *
 * @example
 * export const handler = instrumentedHttp(createIngestHandler(), 'EventsRejected');
 */
export function instrumentedHttp<H extends HttpHandler>(handler: H, rejections?: MetricName): H {
  const answer = (event: APIGatewayProxyEventV2, status: number) => {
    if (status < 400) return;
    single(status < 500 ? 'Http4xx' : 'Http5xx', { route: event.routeKey ?? 'unknown' });
    if (status < 500 && rejections) count(rejections);
  };
  return instrumented(async (event: APIGatewayProxyEventV2, context?: Context) => {
    try {
      const result = await handler(event, context);
      answer(event, result.statusCode ?? 200);
      return result;
    } catch (error) {
      answer(event, 500);
      throw error;
    }
  }) as H;
}
