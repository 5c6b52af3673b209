import type { Context } from 'aws-lambda';
import { correlationIdOf, redact, writeLine } from './telemetry-core.js';

/**
 * The log path of `$connect` and `$disconnect`: every WebSocket handshake waits for `$connect`, and
 * Powertools Logger and Metrics would add about 34 KB to a bundle of 31 KB (docs/operations.md). It
 * writes records of Powertools' shape (`level`, `message`, `timestamp`, `service`, `cold_start`,
 * `function_name`, `function_request_id`, `correlation_id`), through the same redaction and sink, and
 * emits no metrics: Lambda's and API Gateway's own cover these two routes.
 */

const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20 } as const;
type Level = keyof typeof LEVELS;

const configured = (
  process.env.POWERTOOLS_LOG_LEVEL ??
  process.env.AWS_LAMBDA_LOG_LEVEL ??
  'INFO'
).toUpperCase();
const threshold = LEVELS[configured as Level] ?? LEVELS.INFO;
const service = process.env.POWERTOOLS_SERVICE_NAME || 'switchboard';

let coldStart = true;
let invocation: Record<string, unknown> = {};

function write(level: Level, message: string, attributes: Record<string, unknown>): void {
  if (LEVELS[level] < threshold) return;
  const record = {
    level,
    message,
    timestamp: new Date().toISOString(),
    service,
    ...invocation,
    ...attributes,
  };
  writeLine(JSON.stringify(record, redact), level.toLowerCase() as 'info' | 'warn' | 'error' | 'debug');
}

const withError = (attributes: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    ]),
  );

/**
 * The lite logger: `logger.error('$connect failed', { error })`.
 *
 * @example
 * liteLogger.warn('$disconnect: connection unknown', { connectionId });
 */
export const liteLogger = {
  debug: (message: string, attributes: Record<string, unknown> = {}) => write('DEBUG', message, attributes),
  info: (message: string, attributes: Record<string, unknown> = {}) => write('INFO', message, attributes),
  warn: (message: string, attributes: Record<string, unknown> = {}) =>
    write('WARN', message, withError(attributes)),
  error: (message: string, attributes: Record<string, unknown> = {}) =>
    write('ERROR', message, withError(attributes)),
};

/**
 * Wraps a handler so its records carry the invocation's request id, function name, cold start and the
 * API Gateway request id as correlation id.
 *
 * @example
 * export const connect = instrumentedLite(handlers.connect);
 */
export function instrumentedLite<E, R>(
  handler: (event: E, context?: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  return (event, context) => {
    const correlationId = correlationIdOf(event);
    invocation = {
      ...(context
        ? {
            cold_start: coldStart,
            function_name: context.functionName,
            function_request_id: context.awsRequestId,
          }
        : {}),
      ...(correlationId ? { correlation_id: correlationId } : {}),
    };
    if (context) coldStart = false;
    return handler(event, context);
  };
}
