import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../testing/client.js';
import { ConnectProxy } from '../testing/connect-proxy.js';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, user } from '../testing/flags.js';
import { nextEvent, waitFor } from '../testing/wait.js';
import { type ItemChange, SwitchboardAuthError, type SwitchboardClient } from './index.js';

const alice = user('alice');

describe('polling mode (stream: false)', () => {
  let service: FakeService;
  let client: SwitchboardClient;
  beforeEach(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('beta', 1, false));
  });
  afterEach(async () => {
    await client?.close();
    await service.stop();
  });

  it('syncs over GET /sdk/v1/flags alone, with the ETag, and announces changes', async () => {
    client = testClient(service, { stream: false, pollIntervalMs: 20 });
    await client.waitForInitialization({ timeout: 5 });
    expect(service.connectionCount).toBe(0);
    const updates: ItemChange[] = [];
    client.on('update:beta', (change) => updates.push(change));
    await waitFor(() => service.snapshotRequests.some((request) => request.status === 304));
    expect(service.snapshotRequests[1]?.headers['if-none-match']).toBe('"rev-1"');
    service.putFlag(booleanFlag('beta', 2, true));
    await waitFor(() => client.boolVariation('beta', alice, false));
    expect(updates).toEqual([{ kind: 'flag', key: 'beta' }]);
  });

  it('keeps polling through failures, and stops for good on a rejected key with failed', async () => {
    service.snapshotFailure = 500;
    client = testClient(service, { stream: false, pollIntervalMs: 20 });
    await waitFor(() => service.snapshotRequests.length >= 2);
    service.snapshotFailure = undefined;
    await client.waitForInitialization({ timeout: 5 });

    const rejected = testClient(service, { stream: false, pollIntervalMs: 20, sdkKey: 'wrong' });
    const [error] = await nextEvent(rejected, 'failed');
    expect(error).toBeInstanceOf(SwitchboardAuthError);
    await expect(rejected.waitForInitialization({ timeout: 1 })).rejects.toBeInstanceOf(SwitchboardAuthError);
    expect(rejected.getStatus()).toBe('offline');
    await rejected.close();
  });
});

describe('proxy option', () => {
  it('tunnels the snapshot request and the WebSocket through the proxy', async () => {
    const [service, proxy] = await Promise.all([FakeService.start(), ConnectProxy.start()]);
    service.putFlag(booleanFlag('beta', 1, true));
    const client = testClient(service, { proxy: proxy.url });
    try {
      await client.waitForInitialization({ timeout: 5 });
      expect(client.boolVariation('beta', alice, false)).toBe(true);
      const target = new URL(service.baseUrl).host;
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(proxy.tunnels)).toEqual(new Set([target]));
      expect(service.connectionCount).toBe(1);
    } finally {
      await client.close();
      await Promise.all([service.stop(), proxy.stop()]);
    }
  });
});
