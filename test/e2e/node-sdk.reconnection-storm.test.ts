import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  init,
  nodePlatform,
  type SwitchboardClient,
  silentLogger,
} from '../../packages/node-sdk/src/index.js';
import { FakeService } from '../../packages/node-sdk/testing/fake-service.js';
import { booleanFlag } from '../../packages/node-sdk/testing/flags.js';
import { seededRandom } from '../../packages/node-sdk/testing/random.js';
import { waitFor } from '../../packages/node-sdk/testing/wait.js';

const CLIENTS = 1_000;

/**
 * A reconnection storm on real sockets: 1,000 clients of one service lose their connections at the
 * same moment (a gateway deploy, a network blip). Full jitter must spread their reconnects over the
 * first backoff window (1 s) instead of sending them back in one burst — API Gateway accepts 500
 * new connections per second per account. The spread is read from the delay each client chose (its
 * log line), not from when its timer fired: on a loaded machine 1,000 timers in one process fire
 * late and bunched, which says nothing about the SDK.
 */
describe('a reconnection storm', () => {
  let service: FakeService;
  const clients: SwitchboardClient[] = [];
  /** Each client's first reconnect delay after the drop, in milliseconds, as it logged it. */
  const delays = new Map<number, number>();
  /** Clients that opened a new socket after the drop. */
  const reconnected = new Set<number>();
  let dropped = false;

  beforeAll(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('beta', 1, true));
    const platform = nodePlatform();
    for (let i = 0; i < CLIENTS; i++) {
      const client = init({
        sdkKey: service.sdkKey,
        baseUrl: service.baseUrl,
        streamUrl: service.streamUrl,
        logger: {
          ...silentLogger,
          warn: (message) => {
            const delay = /reconnecting in (\d+) ms/.exec(message)?.[1];
            if (dropped && delay !== undefined && !delays.has(i)) delays.set(i, Number(delay));
          },
        },
        platform: {
          random: seededRandom(i + 1),
          openWebSocket: (url, handlers) => {
            if (dropped) reconnected.add(i);
            return platform.openWebSocket(url, handlers);
          },
        },
      });
      clients.push(client);
    }
    await Promise.all(clients.map((client) => client.waitForInitialization({ timeout: 60 })));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await service?.stop();
  });

  it('spreads the reconnects of 1,000 clients dropped at once over the backoff window', async () => {
    dropped = true;
    service.dropConnections();
    await waitFor(() => reconnected.size === CLIENTS, 60_000);
    await waitFor(() => clients.every((client) => client.getStatus() === 'valid'), 60_000);

    // Ten windows of 100 ms across the first backoff ceiling: jitter fills each with about a tenth.
    const windows = new Array(10).fill(0);
    expect(delays.size).toBe(CLIENTS);
    // Full jitter over the first ceiling (`reconnect.initialDelayMs`, 1 s): nobody waits past it.
    expect(Math.max(...delays.values())).toBeLessThanOrEqual(1_000);
    for (const delay of delays.values()) windows[Math.min(9, Math.floor(delay / 100))] += 1;
    const share = windows.map((count) => count / CLIENTS);
    expect(Math.max(...share), `reconnects per 100 ms window: ${windows}`).toBeLessThan(0.25);
    expect(
      share.filter((s) => s >= 0.03).length,
      `reconnects per 100 ms window: ${windows}`,
    ).toBeGreaterThanOrEqual(8);
    // Every client reconnected and resynced: nobody is stuck.
    expect(clients.every((client) => client.boolVariation('beta', { key: 'u' }, false))).toBe(true);
  });
});
