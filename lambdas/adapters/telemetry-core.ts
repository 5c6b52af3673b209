/**
 * What both telemetry paths share (`telemetry.ts` on Powertools, `telemetry-lite.ts` for `$connect`
 * and `$disconnect`): the redaction every log record passes through and where finished records go.
 * No dependencies, so the lite path stays small.
 */

/** The namespace the stack's alarms and dashboard read. */
export const METRICS_NAMESPACE = 'Switchboard';

/** Every custom metric the handlers write, with its CloudWatch unit (docs/operations.md). */
export const METRIC_UNITS = {
  /** Flag and segment changes the fan-out read from the flags table's stream (one per committed write). */
  FlagChangesWritten: 'Count',
  /** From a change's commit to the fan-out having it, per change (fast path and stream). */
  FanoutDelay: 'Milliseconds',
  PostsSent: 'Count',
  /** Posts answered 410: the connection had gone. */
  PostsGone: 'Count',
  /** 429 answers of `@connections` (each one retried by the client's adaptive retry). */
  PostsThrottled: 'Count',
  /** Posts that failed for good in an invocation (retried by a worker, then by Lambda). */
  PostsFailed: 'Count',
  /** Server connections the stream's fan-out did not post to: the fast path had posted them the change. */
  PostsSkipped: 'Count',
  /** Flag snapshots the SDK function was asked for. */
  SnapshotRequests: 'Count',
  /** Snapshots read from DynamoDB: the cache's misses. */
  SnapshotLoads: 'Count',
  EventsIngested: 'Count',
  /** Event batches refused with a 4xx (bad key, invalid, too large). */
  EventsRejected: 'Count',
  /** Records in one aggregator invocation. */
  AggregatorBatchSize: 'Count',
  /** Counter updates the aggregator wrote. */
  AggregatorWrites: 'Count',
  /** Aggregator invocations that left records to be retried. */
  AggregatorFailures: 'Count',
  /** HTTP answers 400–499, with a `route` dimension. */
  Http4xx: 'Count',
  /** HTTP answers 500–599, with a `route` dimension. */
  Http5xx: 'Count',
} as const;

export type MetricName = keyof typeof METRIC_UNITS;

/** What replaces a value that must not reach the logs. */
export const REDACTED = '[redacted]';

/**
 * Attribute names whose values are never logged, whatever they hold: credentials, and evaluation
 * contexts (their attributes are the end users' personal data).
 */
const SECRET_NAME =
  /^(?:key|sdk_?key|api_?key|token|api_?token|admin_?token|secret|password|authorization|cookie|credentials?|context|contexts|attributes|private_?attributes|secure_?mode_?hash|x-api-key)$/i;

/** Credentials inside a longer string (an error message, a header echo): API tokens, SDK keys, bearer values. */
const SECRET_VALUE = /\b(?:sbt_|sdk-)[A-Za-z0-9_-]{8,}|\bBearer\s+\S+/gi;

/**
 * The `JSON.stringify` replacer every log record is written with: drops the value of a
 * {@link SECRET_NAME secret-named} attribute at any depth and masks credentials found inside strings.
 *
 * @example
 * JSON.stringify({ key: 'sdk-abc', message: 'token sbt_0123456789' }, redact);
 * // {"key":"[redacted]","message":"token [redacted]"}
 */
export function redact(this: unknown, name: string, value: unknown): unknown {
  if (name !== '' && SECRET_NAME.test(name) && value !== undefined && value !== null) return REDACTED;
  if (typeof value === 'string') return value.replace(SECRET_VALUE, REDACTED);
  return value;
}

/**
 * Receives every finished telemetry line (a JSON log record or an EMF metrics document) instead of
 * stdout/stderr. The local runtime installs one to show handler records in its own format; tests
 * install one to read them.
 */
export type TelemetrySink = (line: string, level: 'info' | 'warn' | 'error' | 'debug') => void;

const SINK = Symbol.for('switchboard.telemetry.sink');
type SinkHolder = { [SINK]?: TelemetrySink | undefined };

/**
 * Routes the records of every handler in this process to `sink` (the local runtime runs them all in
 * one process, loaded as separate bundles in some tests: a global, not a module variable, reaches
 * them all); `undefined` restores stdout and stderr.
 *
 * @example
 * const lines: string[] = [];
 * setTelemetrySink((line) => lines.push(line));
 */
export function setTelemetrySink(sink: TelemetrySink | undefined): void {
  (globalThis as SinkHolder)[SINK] = sink;
}

/**
 * The sink in place now, if any.
 *
 * @example
 * const previous = telemetrySink(); // restored later with setTelemetrySink(previous)
 */
export const telemetrySink = (): TelemetrySink | undefined => (globalThis as SinkHolder)[SINK];

/**
 * Writes one finished line: to the installed sink, else straight to the process's streams (Lambda
 * sends both to CloudWatch Logs, unprefixed, so every line stays one JSON document).
 *
 * @example
 * writeLine(JSON.stringify({ level: 'WARN', message: 'slow' }), 'warn');
 */
export function writeLine(line: string, level: 'info' | 'warn' | 'error' | 'debug'): void {
  const sink = telemetrySink();
  if (sink) sink(line, level);
  else (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

/**
 * The API Gateway request id of an HTTP or WebSocket event, the records' `correlation_id`.
 *
 * @example
 * correlationIdOf({ requestContext: { requestId: 'abc' } }); // 'abc'
 */
export function correlationIdOf(event: unknown): string | undefined {
  const id = (event as { requestContext?: { requestId?: unknown } } | null)?.requestContext?.requestId;
  return typeof id === 'string' ? id : undefined;
}

/** A structured log record as both telemetry paths write it. */
export interface LogRecord {
  readonly level: string;
  readonly message: string;
  readonly timestamp?: string;
  readonly [attribute: string]: unknown;
}

/** An embedded-metric-format document: each metric's values, and the dimensions they were written with. */
export interface MetricRecord {
  readonly namespace: string;
  readonly values: Readonly<Record<string, readonly number[]>>;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

export type TelemetryRecord =
  | { readonly kind: 'log'; readonly record: LogRecord }
  | { readonly kind: 'metrics'; readonly record: MetricRecord };

interface EmfDocument {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string }[];
    }[];
  };
  readonly [member: string]: unknown;
}

/**
 * Reads one telemetry line: a log record, an EMF document (as its metrics' values and dimensions),
 * or `undefined` for anything else.
 *
 * @example
 * parseTelemetryLine('{"level":"WARN","message":"fanout"}'); // { kind: 'log', record: { level: 'WARN', … } }
 */
export function parseTelemetryLine(line: string): TelemetryRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const emf = (parsed as Partial<EmfDocument>)._aws?.CloudWatchMetrics?.[0];
  if (emf) {
    const document = parsed as EmfDocument;
    const asNumbers = (value: unknown): number[] => (Array.isArray(value) ? value : [value]).map(Number);
    return {
      kind: 'metrics',
      record: {
        namespace: emf.Namespace,
        timestamp: document._aws.Timestamp,
        values: Object.fromEntries(emf.Metrics.map(({ Name }) => [Name, asNumbers(document[Name])])),
        dimensions: Object.fromEntries(
          (emf.Dimensions[0] ?? []).map((name) => [name, String(document[name])]),
        ),
      },
    };
  }
  const record = parsed as Partial<LogRecord>;
  return typeof record.level === 'string' && typeof record.message === 'string'
    ? { kind: 'log', record: record as LogRecord }
    : undefined;
}

/** Metrics counted by code that must not load Powertools (it is bundled into `$connect` too). */
export type TalliedMetric = 'PostsThrottled';

const tallies = new Map<TalliedMetric, number>();

/**
 * Counts towards `metric` without loading the metrics library; `telemetry.ts` writes the tallies
 * with the invocation's other metrics.
 *
 * @example
 * if (isThrottlingError(error)) tally('PostsThrottled');
 */
export function tally(metric: TalliedMetric, amount = 1): void {
  tallies.set(metric, (tallies.get(metric) ?? 0) + amount);
}

/**
 * The tallies since the last call, emptied.
 *
 * @example
 * for (const [metric, amount] of drainTallies()) count(metric, amount);
 */
export function drainTallies(): [TalliedMetric, number][] {
  const drained = [...tallies];
  tallies.clear();
  return drained;
}
