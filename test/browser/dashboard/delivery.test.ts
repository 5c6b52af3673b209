import { join } from 'node:path';
import { init, type SwitchboardClient, silentLogger } from '@switchboard/node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEIPT_SETTINGS_TTL_MS } from '../../../lambdas/services/receipt-ports.js';
import { launchChromium } from '../../helpers/chromium.js';
import { type DashboardRuntime, screenshotDir, startDashboardRuntime } from './harness.js';

/**
 * The flag page's Delivery tab in Chromium, against the local runtime: the tab says receipts are
 * off and links to the setting, where they are turned on; two Node SDKs apply a change and
 * acknowledge it; the tab shows "2 of 2 connected SDKs" with latencies.
 */
describe('the Delivery tab in Chromium', () => {
  let local: DashboardRuntime;
  let browser: Browser;
  const clients: SwitchboardClient[] = [];

  beforeAll(async () => {
    local = await startDashboardRuntime({ seed: true });
    const { runtime } = local;
    const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
    for (let i = 0; i < 2; i++) {
      clients.push(
        init({
          sdkKey: production?.sdkKey as string,
          baseUrl: runtime.apiUrl,
          streamUrl: runtime.wsUrl,
          logger: silentLogger,
          sendEvents: false,
        }),
      );
    }
    await Promise.all(clients.map((client) => client.waitForInitialization({ timeout: 30 })));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(clients.map((client) => client.close()));
    await local?.stop();
  });

  it('shows how many connected SDKs applied the latest change, and how fast', async () => {
    const deliveryTab = `${local.runtime.apiUrl}/projects/demo/environments/production/flags/new-checkout?tab=delivery`;
    const page = await browser.newPage();
    await page.goto(local.dashboardUrl);
    await page.goto(deliveryTab);
    await page.getByText('Delivery receipts are off in Production').waitFor();
    await page.getByRole('link', { name: 'Environments and keys' }).click();
    await page.getByRole('switch', { name: 'Delivery receipts in Production' }).click();
    await page.getByLabel('Sampled SDKs (%) in Production').fill('100');
    await page.getByRole('button', { name: 'Save delivery receipts of Production' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-receipts-setting.png') });
    expect(
      await local.api<{ receipts?: unknown }>('GET', '/api/v1/projects/demo/environments/production'),
    ).toMatchObject({ receipts: { enabled: true, sampleRate: 1 } });

    // Fan-out reads the setting at most once per this long.
    await new Promise((resolve) => setTimeout(resolve, RECEIPT_SETTINGS_TTL_MS + 500));
    // The SDKs apply the fast path's frames, which carry the exact commit time their acks' latency
    // needs: on a busy machine the stream could otherwise get there first, with a time it only
    // knows to the second (no latency). The stream then records how many SDKs were connected.
    local.runtime.controls.pauseEventSource('fanout', true);
    try {
      await local.api('PATCH', '/api/v1/projects/demo/flags/new-checkout?env=production', {
        instructions: [{ kind: 'turnFlagOff' }],
      });
      const user = { kind: 'user', key: 'receipts' };
      await expect
        .poll(() => clients.map((client) => client.boolVariation('new-checkout', user, true)), {
          timeout: 30_000,
        })
        .toEqual([false, false]);
    } finally {
      local.runtime.controls.pauseEventSource('fanout', false);
    }
    await page.goto(deliveryTab);
    const table = page.getByRole('table', { name: /SDKs that applied each one/ });
    await table.getByText('2 of 2 connected SDKs').waitFor({ timeout: 45_000 });
    const row = table.getByRole('row').nth(1);
    expect(await row.textContent()).toMatch(/\d+ ms/);
    await page.screenshot({ path: join(screenshotDir, 'flag-delivery-tab.png') });
    await page.close();
  }, 90_000);
});
