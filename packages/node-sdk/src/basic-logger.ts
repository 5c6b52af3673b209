import { format } from 'node:util';
import type { Logger } from './logger.js';

const LEVELS = ['debug', 'info', 'warn', 'error', 'none'] as const;

/** LaunchDarkly's log levels; `none` silences the logger. */
export type LogLevel = (typeof LEVELS)[number];

type Line = (line: string) => void;

/** Options of {@link basicLogger}, as LaunchDarkly's `BasicLoggerOptions`. */
export interface BasicLoggerOptions {
  /** The lowest level written. @default 'info' */
  readonly level?: LogLevel;
  /** Shown in each line's prefix. @default 'Switchboard' */
  readonly name?: string;
  /** Where lines go: one function, or one per level. @default console.error */
  readonly destination?: Line | Readonly<Record<Exclude<LogLevel, 'none'>, Line>>;
  /** Turns a call's arguments into the message. @default util.format */
  readonly formatter?: (...args: unknown[]) => string;
}

/**
 * LaunchDarkly's `basicLogger`: lines `level: [name] message` at or above `level`, so migrated
 * logging setups keep working.
 *
 * @example
 * ```ts
 * const client = init(sdkKey, { baseUri, streamUri, logger: basicLogger({ level: 'warn' }) });
 * ```
 */
export function basicLogger(options: BasicLoggerOptions = {}): Logger {
  const threshold = LEVELS.indexOf(options.level ?? 'info');
  const name = options.name ?? 'Switchboard';
  const { destination, formatter = format } = options;
  const writer =
    (level: Exclude<LogLevel, 'none'>) =>
    (...args: unknown[]) => {
      if (LEVELS.indexOf(level) < threshold) return;
      const write = typeof destination === 'function' ? destination : destination?.[level];
      if (!write) {
        console.error(...args);
        return;
      }
      let message: string;
      try {
        message = formatter(...args);
      } catch {
        message = format(...args);
      }
      write(`${level}: [${name}] ${message}`);
    };
  return { debug: writer('debug'), info: writer('info'), warn: writer('warn'), error: writer('error') };
}
