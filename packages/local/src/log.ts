import {
  type LogRecord,
  type MetricRecord,
  parseTelemetryLine,
} from '../../../lambdas/adapters/telemetry-core.js';

export type LogLevel = 'quiet' | 'normal' | 'verbose';

/** `text`: lines for a person; `json`: one JSON record per line, the handlers' own as they write them. */
export type LogFormat = 'text' | 'json';

/** The runtime's console output: one line per request and per event batch unless quiet. */
export interface Logger {
  /** Start-up banner and warnings: printed at every level but `quiet`'s banner-less mode. */
  info(message: string): void;
  /** One line per request or batch. */
  activity(message: string): void;
  /** Details such as handler errors' stacks. */
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /**
   * A line of a handler's telemetry (a Powertools log record or an EMF metrics document): as it is in
   * `json`; in `text`, its warnings and errors as lines of their own, the rest with `verbose` only.
   */
  telemetry(line: string): void;
}

/** Attributes every handler record carries; the text lines leave them out. */
const STANDARD = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'correlation_id',
  'sampling_rate',
  'xray_trace_id',
]);

const attributeText = (record: LogRecord): string =>
  Object.entries(record)
    .filter(([name]) => !STANDARD.has(name))
    .map(([name, value]) => ` ${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('');

const metricsText = (record: MetricRecord): string =>
  Object.entries(record.values)
    .map(([name, values]) => `${name}=${values.join(',')}`)
    .join(' ');

/**
 * The runtime's logger. In `text`, lines start with the time of day; in `json`, every line is a
 * record (`timestamp`, `level`, `service: "switchboard-local"`, `message`) and handler records pass
 * through unchanged.
 *
 * @example
 * const logger = createLogger('normal', console.log, 'json');
 * logger.activity('GET /health 200 1ms'); // {"timestamp":"…","level":"INFO","service":"switchboard-local","message":"GET /health 200 1ms"}
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = console.log,
  format: LogFormat = 'text',
): Logger {
  if (format === 'json') {
    const record = (recordLevel: string, message: string) =>
      write(
        JSON.stringify({
          timestamp: new Date().toISOString(),
          level: recordLevel,
          service: 'switchboard-local',
          message,
        }),
      );
    return {
      info: (message) => level !== 'quiet' && record('INFO', message),
      activity: (message) => level !== 'quiet' && record('INFO', message),
      debug: (message) => level === 'verbose' && record('DEBUG', message),
      warn: (message) => record('WARN', message),
      error: (message) => record('ERROR', message),
      telemetry: (line) => write(line),
    };
  }
  const time = () => new Date().toISOString().slice(11, 23);
  const logger: Logger = {
    info: (message) => level !== 'quiet' && write(message),
    activity: (message) => level !== 'quiet' && write(`${time()} ${message}`),
    debug: (message) => level === 'verbose' && write(`${time()} ${message}`),
    warn: (message) => write(`${time()} WARN ${message}`),
    error: (message) => write(`${time()} ERROR ${message}`),
    telemetry: (line) => {
      const parsed = parseTelemetryLine(line);
      if (parsed?.kind === 'metrics') return logger.debug(`metrics ${metricsText(parsed.record)}`);
      if (!parsed) return logger.debug(line);
      const { record } = parsed;
      const source = typeof record.function_name === 'string' ? `${record.function_name}: ` : '';
      const text = `${source}${record.message}${attributeText(record)}`;
      if (record.level === 'WARN') logger.warn(text);
      else if (record.level === 'ERROR' || record.level === 'CRITICAL') logger.error(text);
      else if (record.level === 'INFO') logger.activity(text);
      else logger.debug(text);
    },
  };
  return logger;
}

/** Milliseconds since `start` (from `performance.now()`), for log lines. */
export const since = (start: number): string => `${Math.round(performance.now() - start)}ms`;
