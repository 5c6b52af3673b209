export type LogLevel = 'quiet' | 'normal' | 'verbose';

/** The runtime's console output: one line per request and per event batch unless quiet. */
export interface Logger {
  /** Start-up banner and warnings: printed at every level but `quiet`'s banner-less mode. */
  info(message: string): void;
  /** One line per request or batch. */
  activity(message: string): void;
  /** Details such as handler errors' stacks. */
  debug(message: string): void;
  warn(message: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = console.log): Logger {
  const time = () => new Date().toISOString().slice(11, 23);
  return {
    info: (message) => level !== 'quiet' && write(message),
    activity: (message) => level !== 'quiet' && write(`${time()} ${message}`),
    debug: (message) => level === 'verbose' && write(`${time()} ${message}`),
    warn: (message) => write(`${time()} WARN ${message}`),
  };
}

/** Milliseconds since `start` (from `performance.now()`), for log lines. */
export const since = (start: number): string => `${Math.round(performance.now() - start)}ms`;
