/**
 * Where the SDK reports what happens to it. `console` works, as does any object with these four
 * methods.
 */
export interface Logger {
  debug(message: string, ...meta: unknown[]): void;
  info(message: string, ...meta: unknown[]): void;
  warn(message: string, ...meta: unknown[]): void;
  error(message: string, ...meta: unknown[]): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A level of {@link basicLogger}; `none` silences it. */
export type LogLevel = (typeof LEVELS)[number] | 'none';

/**
 * A console logger that drops messages below `level` and prefixes the rest with `[switchboard]`.
 * The default logger is `basicLogger()`: warnings and errors only, since a healthy client has
 * nothing to say.
 *
 * @example
 * ```ts
 * initialize(clientSideId, context, { url, logger: basicLogger({ level: 'debug' }) });
 * ```
 */
export function basicLogger(options: { level?: LogLevel; destination?: Logger } = {}): Logger {
  const threshold = LEVELS.indexOf((options.level ?? 'warn') as (typeof LEVELS)[number]);
  const destination = options.destination ?? console;
  const at =
    (index: number) =>
    (message: string, ...meta: unknown[]) => {
      if (threshold >= 0 && index >= threshold)
        destination[LEVELS[index] as 'warn'](`[switchboard] ${message}`, ...meta);
    };
  return { debug: at(0), info: at(1), warn: at(2), error: at(3) };
}
