import type { Runtime } from '@switchboard/local';
import { init, type SwitchboardClient, silentLogger } from '@switchboard/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RECEIPT_SETTINGS_TTL_MS } from '../../lambdas/services/receipt-ports.js';
import { demoApi } from './demo-api.js';
import { eventually } from './eventually.js';
import { startPlatform } from './platform.js';

interface Delivery {
  version: number;
  committedAt: string | null;
  connected: number;
  acks: number;
  applied: number;
  sampleRate: number | null;
  latencyMs: { p50: number | null; p90: number | null; p99: number | null };
  latencyRangeMs: { p50: { fromMs: number; toMs: number | null } | null };
}

const SDKS = 4;

/**
 * Delivery receipts end to end on the local runtime: SDKs ack a change over the WebSocket →
 * `$default` → Kinesis → aggregator → the deliveries route; the fan-out records the connections it
 * posted the change to. A "stopped" SDK (a socket that is registered but never acks) counts as
 * connected, never as applied.
 */
describe('delivery receipts, end to end', () => {
  let runtime: Runtime;
  let adminToken: string;
  let sdkKey: string;
  const clients: SwitchboardClient[] = [];
  let stopped: WebSocket | undefined;

  const api = demoApi(
    () => runtime.apiUrl,
    () => adminToken,
  );
  const deliveries = async (flag: string) => {
    const response = await api('GET', `/environments/production/flags/${flag}/deliveries`);
    return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
  };
  const flagVersion = async (flag: string) => {
    const response = await api('GET', `/flags/${flag}?env=production`);
    const body = (await response.json()) as { environments: Record<string, { version: number }> };
    return body.environments.production?.version as number;
  };

  beforeAll(async () => {
    runtime = await startPlatform();
    adminToken = runtime.local?.adminToken as string;
    const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
    sdkKey = production?.sdkKey as string;
    for (let i = 0; i < SDKS; i++) {
      const client = init({
        sdkKey,
        baseUrl: runtime.apiUrl,
        streamUrl: runtime.wsUrl,
        logger: silentLogger,
        sendEvents: false,
      });
      clients.push(client);
    }
    await Promise.all(clients.map((client) => client.waitForInitialization({ timeout: 20 })));
    // Connected as an SDK is, then silent: a process that stopped without closing its socket.
    stopped = new WebSocket(`${runtime.wsUrl}?key=${encodeURIComponent(sdkKey)}`);
    await new Promise((resolve, reject) => {
      stopped?.once('open', resolve);
      stopped?.once('error', reject);
    });
  }, 120_000);

  afterAll(async () => {
    stopped?.close();
    await Promise.all(clients.map((client) => client.close()));
    await runtime?.stop();
  });

  it('refuses a sampling rate out of range, naming the field, and changes nothing', async () => {
    const response = await fetch(`${runtime.apiUrl}/api/v1/projects/demo/environments/production`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ op: 'add', path: '/receipts', value: { enabled: true, sampleRate: 2 } }]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'receipts.sampleRate' } });
    const environment = await api('GET', '/environments/production');
    expect(await environment.json()).not.toHaveProperty('receipts');
  });

  /**
   * Turns the flag on or off and waits for its receipt: every live SDK applied, the stopped one only
   * connected. Then the receipt's commit time lies between the PATCH's start and its answer, and its
   * latencies are measured on the server (ack received minus commit): at least 0, and within the wait.
   */
  const changeAndReceipt = async (on: boolean) => {
    const before = await flagVersion('new-checkout');
    const committed = Date.now();
    await api('PATCH', '/flags/new-checkout?env=production', {
      instructions: [{ kind: on ? 'turnFlagOn' : 'turnFlagOff' }],
    });
    const answered = Date.now();
    const receipt = await eventually(async () => {
      const [latest] = await deliveries('new-checkout');
      expect(latest).toMatchObject({ version: before + 1, connected: SDKS + 1, acks: SDKS, applied: SDKS });
      return latest as Delivery;
    }, 30_000);
    expect(Date.parse(receipt.committedAt ?? '')).toBeGreaterThanOrEqual(committed);
    expect(Date.parse(receipt.committedAt ?? '')).toBeLessThanOrEqual(answered);
    const { p50, p99 } = receipt.latencyMs;
    expect(p50).toBeGreaterThanOrEqual(0);
    expect(p99).toBeGreaterThanOrEqual(p50 as number);
    expect(p99).toBeLessThanOrEqual(Date.now() - committed);
    // The bucket the median falls in holds the estimate.
    const bucket = receipt.latencyRangeMs.p50;
    expect(p50).toBeGreaterThanOrEqual(bucket?.fromMs ?? Number.NaN);
    expect(p50).toBeLessThanOrEqual(bucket?.toMs ?? Number.POSITIVE_INFINITY);
    return receipt;
  };

  it('reports every live SDK as applied, the stopped one only as connected, with plausible latencies', async () => {
    await api('PATCH', '/environments/production', [
      { op: 'add', path: '/receipts', value: { enabled: true, sampleRate: 1 } },
    ]);
    // Fan-out reads the setting at most once per this long (the seed's changes were just delivered).
    await new Promise((resolve) => setTimeout(resolve, RECEIPT_SETTINGS_TTL_MS + 500));
    const receipt = await changeAndReceipt(false);
    expect(receipt.sampleRate).toBe(1);
  }, 60_000);

  it('measures latency when the stream alone delivers (the hand-off refused), from the time written on the item', async () => {
    runtime.controls.refuseInvoke('fanout', true);
    try {
      await changeAndReceipt(true);
    } finally {
      runtime.controls.refuseInvoke('fanout', false);
    }
  }, 60_000);

  it('counts an SDK that closed as neither connected nor applied', async () => {
    await clients.pop()?.close();
    const before = await flagVersion('new-checkout');
    await api('PATCH', '/flags/new-checkout?env=production', { instructions: [{ kind: 'turnFlagOff' }] });
    await eventually(async () => {
      const [latest] = await deliveries('new-checkout');
      expect(latest).toMatchObject({
        version: before + 1,
        connected: SDKS,
        acks: SDKS - 1,
        applied: SDKS - 1,
      });
    }, 30_000);
    // The previous change's receipt stays as it was.
    const [, previous] = await deliveries('new-checkout');
    expect(previous).toMatchObject({ version: before, connected: SDKS + 1, applied: SDKS });
  }, 60_000);
});
