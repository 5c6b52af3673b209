import {
  freePort,
  platformTopology,
  type Runtime,
  type RuntimeOptions,
  startRuntime,
} from '@switchboard/local';

/**
 * The local runtime with the platform's real handlers, in memory, on free ports, quiet, polling its
 * streams fast; `options` adds to or overrides that.
 *
 * @example
 * const runtime = await startPlatform({ dashboardOrigins: ['https://dashboard.example.com'] });
 */
export async function startPlatform(options: RuntimeOptions = {}): Promise<Runtime> {
  const [dynamodb, kinesis] = await Promise.all([freePort(), freePort()]);
  return startRuntime({
    ports: { http: 0, ws: 0, dynamodb, kinesis },
    inMemory: true,
    topology: platformTopology,
    logLevel: 'quiet',
    pollIntervalMs: 50,
    retryDelayMs: 20,
    ...options,
  });
}
