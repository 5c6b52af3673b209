import { parseArgs } from 'node:util';
import type { RuntimeOptions } from './runtime.js';

export const usage = `Usage: npm start -- [options]

  --http-port <n>            HTTP API, @connections and dashboard   (SWITCHBOARD_HTTP_PORT, default 4000)
  --ws-port <n>              WebSocket API                         (SWITCHBOARD_WS_PORT, default 4001)
  --host <address>           address to listen on                  (SWITCHBOARD_HOST, default 127.0.0.1;
                             other hosts can then push flag values into your apps)
  --data-dir <path>          where data persists                   (SWITCHBOARD_DATA_DIR, default .switchboard)
  --in-memory                keep nothing on disk
  --reset                    delete the persisted data first
  --ws-idle-timeout <s>      close idle WebSockets after s seconds  (default 600)
  --ws-max-connection <s>    close any WebSocket after s seconds    (default 7200)
  --throttle                 throttle HTTP routes by the per-route limits of the topology, as API
                             Gateway does (429; default off)
  --quiet | --verbose        less or more output
  --json                     print JSON records, one per line: the runtime's and the functions' own
                             logs and metrics (the banner goes to stderr)
  --help`;

/** Thrown for arguments the CLI cannot use; the message is meant for the terminal. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function port(value: string | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535)
    throw new UsageError(`${label} must be a port number`);
  return number;
}

function seconds(value: string | undefined, label: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number > 0)) throw new UsageError(`${label} must be a positive number of seconds`);
  return number * 1000;
}

/** Whether `host` is reachable only from this machine. */
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Reads the CLI's flags and `SWITCHBOARD_*` variables (flags win) into runtime options. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): RuntimeOptions | 'help' {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose exclude each other');
  const idle = seconds(values['ws-idle-timeout'], '--ws-idle-timeout');
  const max = seconds(values['ws-max-connection'], '--ws-max-connection');
  const dataDir = values['data-dir'] ?? env.SWITCHBOARD_DATA_DIR;
  return {
    ports: {
      http: port(values['http-port'] ?? env.SWITCHBOARD_HTTP_PORT, 4000, '--http-port'),
      ws: port(values['ws-port'] ?? env.SWITCHBOARD_WS_PORT, 4001, '--ws-port'),
    },
    host: values.host ?? env.SWITCHBOARD_HOST ?? '127.0.0.1',
    inMemory: values['in-memory'] ?? false,
    reset: values.reset ?? false,
    ...(dataDir ? { dataDir } : {}),
    logLevel: values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal',
    webSocketLimits: { ...(idle ? { idleTimeoutMs: idle } : {}), ...(max ? { maxConnectionMs: max } : {}) },
    ...(values.throttle ? { throttle: true } : {}),
    ...(values.json ? { logFormat: 'json' as const } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'http-port': { type: 'string' },
      'ws-port': { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      reset: { type: 'boolean' },
      'ws-idle-timeout': { type: 'string' },
      'ws-max-connection': { type: 'string' },
      throttle: { type: 'boolean' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}
