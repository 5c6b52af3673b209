import { init, type SwitchboardClient, type SwitchboardOptions, silentLogger } from '../src/index.js';
import type { FakeService } from './fake-service.js';

/** A client of `service` with reconnect delays short enough for tests. */
export function testClient(
  service: FakeService,
  options: Partial<SwitchboardOptions> = {},
): SwitchboardClient {
  return init({
    sdkKey: service.sdkKey,
    baseUrl: service.baseUrl,
    streamUrl: service.streamUrl,
    logger: silentLogger,
    reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
    // The sync suites test syncing; client.events.test.ts turns events on.
    sendEvents: false,
    ...options,
  });
}
