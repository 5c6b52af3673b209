import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectProxy } from '../testing/connect-proxy.js';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, patchMessage, user } from '../testing/flags.js';
import { waitFor } from '../testing/wait.js';
import { init, integrations, type LDClient } from './compat.js';
import { silentLogger } from './index.js';

describe('@switchboard/node/compat against the service', () => {
  let service: FakeService;
  let client: LDClient | undefined;
  const start = (options: Parameters<typeof init>[1] = {}, sdkKey = service.sdkKey) => {
    client = init(sdkKey, {
      baseUri: service.baseUrl,
      streamUri: service.streamUrl,
      sendEvents: false,
      logger: silentLogger,
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
      ...options,
    });
    return client;
  };
  beforeEach(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('beta', 1, true));
  });
  afterEach(async () => {
    client?.close();
    await service.stop();
  });

  it('runs LaunchDarkly-style code unchanged: then-chains, callbacks and once("ready")', async () => {
    const ldClient = start();
    const ready = new Promise<void>((resolve) => ldClient.once('ready', resolve));
    const value = await ldClient
      .waitForInitialization({ timeout: 5 })
      .then((initialized) => initialized.variation('beta', user('ada'), false));
    await ready;
    expect(value).toBe(true);
    const viaCallback = await new Promise((resolve, reject) =>
      ldClient.variationDetail('beta', user('ada'), false, (error, detail) =>
        error ? reject(error) : resolve(detail),
      ),
    );
    expect(viaCallback).toEqual({ value: true, variationIndex: 0, reason: { kind: 'FALLTHROUGH' } });
    expect(await ldClient.boolVariation('beta', user('ada'), false)).toBe(true);
    expect(ldClient.sync.boolVariation('beta', user('ada'), false)).toBe(true);
  });

  it('emits update with { key } and update:KEY for flag changes', async () => {
    const ldClient = start();
    await ldClient.waitForInitialization({ timeout: 5 });
    const events: unknown[] = [];
    ldClient.on('update', (change) => events.push(['update', change]));
    ldClient.on('update:beta', (change) => events.push(['update:beta', change]));
    const flag = booleanFlag('beta', 2, false);
    service.putFlag(flag);
    service.push(patchMessage(flag));
    await waitFor(() => events.length === 2);
    expect(events).toEqual([
      ['update', { key: 'beta' }],
      ['update:beta', { key: 'beta' }],
    ]);
  });

  it('emits failed and rejects waitForInitialization for a rejected key; error only when listened to', async () => {
    const ldClient = start({}, 'wrong-key');
    const failed = new Promise((resolve) => ldClient.once('failed', resolve));
    await expect(ldClient.waitForInitialization({ timeout: 5 })).rejects.toThrow(/rejected the SDK key/);
    await expect(failed).resolves.toBeInstanceOf(Error);
    expect(ldClient.initialized()).toBe(false);
  });

  it('maps LaunchDarkly option names: stream: false with pollInterval (s), proxyOptions, timeout (s)', async () => {
    const proxy = await ConnectProxy.start();
    try {
      const { hostname, port } = new URL(proxy.url);
      const ldClient = start({
        stream: false,
        pollInterval: 0.02,
        timeout: 5,
        proxyOptions: { host: hostname, port: Number(port) },
      });
      await ldClient.waitForInitialization({ timeout: 5 });
      await waitFor(() => service.snapshotRequests.length >= 3);
      expect(service.connectionCount).toBe(0);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
    } finally {
      client?.close();
      client = undefined;
      await proxy.stop();
    }
  });

  it('emits failed for an updateProcessor that cannot load, even one failing inside init', async () => {
    const ldClient = init('sdk-key', {
      updateProcessor: integrations.FileDataSource({ paths: ['/nonexistent/flags.json'] }),
      logger: silentLogger,
    });
    const failed = await new Promise((resolve) => ldClient.once('failed', resolve));
    expect(failed).toBeInstanceOf(Error);
    ldClient.close();
  });
});
