import type { Runtime } from '@switchboard/local';
import { init, type SwitchboardClient, silentLogger } from '@switchboard/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { startPlatform } from './platform.js';

/**
 * The analytics pipeline on the local runtime with the platform's real handlers: SDK → POST
 * /sdk/v1/events → ingest → kinesalite → Kinesis poller → aggregator → DynamoDB Local → insights API.
 */
describe('analytics, end to end', () => {
  let runtime: Runtime;
  let adminToken: string;
  let client: SwitchboardClient;

  const api = async (path: string) => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    runtime = await startPlatform();
    adminToken = runtime.local?.adminToken as string;
    const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
    client = init({
      sdkKey: production?.sdkKey as string,
      baseUrl: runtime.apiUrl,
      streamUrl: runtime.wsUrl,
      logger: silentLogger,
      // Flushed explicitly below, so the counts of one flush are what the test checks.
      flushInterval: 3600,
    });
    await client.waitForInitialization({ timeout: 20 });
  });

  afterAll(async () => {
    await client?.close();
    await runtime?.stop();
  });

  it('counts 10,000 evaluations exactly, per variation, in the insights API', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const expected: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const detail = client.stringVariationDetail(
        'search-algorithm',
        { kind: 'user', key: `user-${i}` },
        'none',
      );
      const name = detail.variationIndex === null ? 'default' : String(detail.variationIndex);
      expected[name] = (expected[name] ?? 0) + 1;
    }
    // The 50/25/25 rollout spreads the users over all three variations.
    expect(Object.keys(expected).sort()).toEqual(['0', '1', '2']);

    const flushed = Date.now();
    await client.flush();
    expect(client.eventStats()).toMatchObject({ eventsSent: 1, failedPosts: 0 });

    const path = `/api/v1/projects/demo/environments/production/flags/search-algorithm/insights`;
    const insights = await eventually(async () => {
      const result = await api(`${path}?granularity=minute&from=${encodeURIComponent(from)}`);
      expect(result.status).toBe(200);
      expect(result.json.totals).toEqual(expected);
      return result.json;
    }, 30_000);
    console.log(`flush → counts visible in insights: ${Date.now() - flushed} ms`);
    expect(insights.total).toBe(10_000);

    const hourly = await api(`${path}?granularity=hour&from=${encodeURIComponent(from)}`);
    expect(hourly.json.totals).toEqual(expected);

    const flag = await api('/api/v1/projects/demo/flags/search-algorithm?env=production');
    expect(
      Date.parse((flag.json.lastEvaluated as Record<string, string>).production as string),
    ).toBeGreaterThan(Date.parse(from));
  });

  it('adds a second flush on top of the first, exactly', async () => {
    const path = `/api/v1/projects/demo/environments/production/flags/new-checkout/insights?granularity=hour`;
    for (let i = 0; i < 250; i++) client.boolVariation('new-checkout', { kind: 'user', key: `u${i}` }, false);
    await client.flush();
    for (let i = 0; i < 250; i++) client.boolVariation('new-checkout', { kind: 'user', key: `u${i}` }, false);
    client.track('checkout-completed', { kind: 'user', key: 'u1' }, undefined, 10);
    await client.flush();
    await eventually(async () => {
      const result = await api(path);
      expect(result.json.total).toBe(500);
    }, 30_000);
  });
});
