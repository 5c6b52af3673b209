/**
 * Where the SDK reports what happens to it. Any object with these four methods works, including
 * `console`, pino and winston loggers.
 */
export interface Logger {
  debug(message: string, ...meta: unknown[]): void;
  info(message: string, ...meta: unknown[]): void;
  warn(message: string, ...meta: unknown[]): void;
  error(message: string, ...meta: unknown[]): void;
}

const ignore = () => {};

/**
 * The default logger: warnings and errors to the console, prefixed so they are recognisable in an
 * application's output; debug and info are dropped because a healthy client has nothing to say.
 *
 * @example
 * ```ts
 * init({ sdkKey, baseUrl, streamUrl, logger: consoleLogger() });
 * ```
 */
export function consoleLogger(): Logger {
  return {
    debug: ignore,
    info: ignore,
    warn: (message, ...meta) => console.warn(`[switchboard] ${message}`, ...meta),
    error: (message, ...meta) => console.error(`[switchboard] ${message}`, ...meta),
  };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
