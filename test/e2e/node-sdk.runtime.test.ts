import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, freePort, platformTopology, type Runtime, startRuntime } from '@switchboard/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { init as initCompat } from '../../packages/node-sdk/src/compat.js';
import { type ItemChange, init, silentLogger } from '../../packages/node-sdk/src/index.js';
import { ConnectProxy } from '../../packages/node-sdk/testing/connect-proxy.js';
import { eventually } from './eventually.js';

/**
 * The LaunchDarkly-parity transports against the real service on the local runtime: polling
 * (`stream: false`) through a proxy, and the compat client with LaunchDarkly's option names.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-sdk-parity-'));
const alice = { kind: 'user', key: 'alice' };

describe('SDK transports on the local runtime', () => {
  let runtime: Runtime;
  let proxy: ConnectProxy;
  let adminToken: string;
  let sdkKey: string;

  const patchFlag = async (flag: string, instructions: unknown[]) => {
    const response = await fetch(`${runtime.apiUrl}/api/v1/projects/demo/flags/${flag}?env=production`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ instructions }),
    });
    expect(response.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    const [http, ws, dynamodb, kinesis] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    runtime = await startRuntime({
      ports: { http, ws, dynamodb, kinesis },
      dataDir,
      topology: platformTopology,
      logger: createLogger('quiet', () => {}),
      pollIntervalMs: 50,
      retryDelayMs: 20,
    });
    proxy = await ConnectProxy.start();
    adminToken = runtime.local?.adminToken as string;
    const environments = runtime.local?.projects.find((p) => p.key === 'demo')?.environments ?? [];
    sdkKey = environments.find((e) => e.key === 'production')?.sdkKey as string;
  });

  afterAll(async () => {
    await proxy?.stop();
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('polls GET /sdk/v1/flags through a proxy and sees a change', async () => {
    const client = init({
      sdkKey,
      baseUrl: runtime.apiUrl,
      stream: false,
      pollIntervalMs: 100,
      proxy: proxy.url,
      sendEvents: false,
      logger: silentLogger,
    });
    try {
      await client.waitForInitialization({ timeout: 20 });
      expect(client.boolVariation('new-checkout', alice, false)).toBe(true);
      const updates: ItemChange[] = [];
      client.on('update:new-checkout', (change) => updates.push(change));
      await patchFlag('new-checkout', [{ kind: 'turnFlagOff' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, true)).toBe(false));
      expect(updates).toContainEqual({ kind: 'flag', key: 'new-checkout' });
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      // Restored, and seen restored, so the next test starts from the seeded state.
      await patchFlag('new-checkout', [{ kind: 'turnFlagOn' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, false)).toBe(true));
    } finally {
      await client.close();
    }
  });

  it('runs LaunchDarkly-style code through the compat client, bootstrap JSON included', async () => {
    const client = initCompat(sdkKey, {
      baseUri: runtime.apiUrl,
      streamUri: runtime.wsUrl,
      sendEvents: false,
      logger: silentLogger,
    });
    try {
      const value = await client
        .waitForInitialization({ timeout: 20 })
        .then((ready) => ready.boolVariation('new-checkout', alice, false));
      expect(value).toBe(true);
      const state = await client.allFlagsState(alice, { withReasons: true });
      const json = state.toJSON();
      expect(json.$valid).toBe(true);
      expect(json['new-checkout']).toBe(true);
      expect(json.$flagsState['new-checkout']).toMatchObject({
        variation: expect.any(Number),
        version: expect.any(Number),
      });
      const changed = new Promise((resolve) => client.once('update:new-checkout', resolve));
      await patchFlag('new-checkout', [{ kind: 'turnFlagOff' }]);
      await expect(changed).resolves.toEqual({ key: 'new-checkout' });
    } finally {
      client.close();
    }
  });
});
