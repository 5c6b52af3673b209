import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.js';
import {
  type DashboardRuntime,
  screenshotDir,
  seriousViolations,
  signedInContext,
  startDashboardRuntime,
} from './harness.js';

const FLAG_API = '/api/v1/projects/demo/flags/new-checkout';
const EVENTS_API = '/api/v1/projects/demo/environments/production/events';

describe('custom events beside a flag’s insights, in Chromium against the local runtime', () => {
  let local: DashboardRuntime;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    local = await startDashboardRuntime({ seed: true });
    browser = await launchChromium();
    context = await signedInContext(browser, local.adminToken, { width: 1280, height: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    await local?.stop();
  });

  it('shows the picked keys’ counts and metric sums over the evaluations’ time axis, with the flag’s change marked', async () => {
    const { runtime } = local;
    const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
    const now = Date.now();
    // Purchases over the last half hour (a metric value each), and sign-ups without a metric.
    const purchases = Array.from({ length: 12 }, (_, i) => ({
      kind: 'custom',
      key: 'purchase-completed',
      contextKeys: { user: `u${i}` },
      metricValue: 10 + i,
      creationDate: now - (30 - i * 2) * 60_000,
    }));
    const signups = Array.from({ length: 5 }, (_, i) => ({
      kind: 'custom',
      key: 'signed-up',
      contextKeys: { user: `s${i}` },
      creationDate: now - (20 - i) * 60_000,
    }));
    // Evaluations of the flag too, so the insights chart the events chart lines up with is drawn.
    const evaluations = {
      kind: 'summary',
      startDate: now - 25 * 60_000,
      endDate: now - 25 * 60_000 + 10_000,
      features: { 'new-checkout': { counters: [{ variation: 0, version: 1, value: true, count: 50 }] } },
    };
    const posted = await fetch(`${runtime.apiUrl}/sdk/v1/events`, {
      method: 'POST',
      headers: { authorization: production?.sdkKey as string, 'content-type': 'application/json' },
      body: JSON.stringify([...purchases, ...signups, evaluations]),
    });
    expect(posted.status).toBe(202);
    const purchaseSum = purchases.reduce((sum, e) => sum + e.metricValue, 0);
    // Counted asynchronously (the event stream's consumer): wait until the API has all of them.
    await expect
      .poll(
        async () => {
          const series = await local.api<{ count: number; metricSum: number }>(
            'GET',
            `${EVENTS_API}/purchase-completed?granularity=minute`,
          );
          return [series.count, series.metricSum];
        },
        { timeout: 30_000, interval: 200 },
      )
      .toEqual([purchases.length, purchaseSum]);

    // A change of the flag inside the range, to be marked on the chart.
    const flag = await local.api<{ environments: Record<string, { on: boolean }> }>(
      'GET',
      `${FLAG_API}?env=production`,
    );
    const on = flag.environments.production?.on ?? false;
    await local.api('PATCH', `${FLAG_API}?env=production`, {
      comment: 'Checkout experiment',
      instructions: [{ kind: on ? 'turnFlagOff' : 'turnFlagOn' }],
    });

    const page = await context.newPage();
    await page.goto(
      `${runtime.apiUrl}/projects/demo/environments/production/flags/new-checkout?tab=insights`,
    );
    const panel = page.getByRole('region', { name: 'Custom events' });
    await panel.getByRole('checkbox', { name: 'purchase-completed' }).check();
    await panel.getByRole('checkbox', { name: 'signed-up' }).check();

    const totals = panel.getByRole('table', { name: 'Custom events in this range' });
    const row = (key: string) => totals.getByRole('row', { name: new RegExp(`^${key}`) });
    await expect
      .poll(async () => (await row('purchase-completed').getByRole('cell').allTextContents()).map(digits))
      .toEqual([purchases.length, purchaseSum]);
    expect((await row('signed-up').getByRole('cell').allTextContents()).map(digits)).toEqual([
      signups.length,
      0,
    ]);

    const chart = panel.getByRole('img');
    await panel.locator('.events-chart canvas').first().waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(/with \d+ change\(s\) of new-checkout$/);
    // The events chart spans exactly the evaluations chart's width and buckets.
    const insightsBox = await page.locator('.insights-chart:not(.events-chart) canvas').first().boundingBox();
    const eventsBox = await panel.locator('.events-chart canvas').first().boundingBox();
    expect(eventsBox?.x).toBe(insightsBox?.x);
    expect(eventsBox?.width).toBe(insightsBox?.width);
    // The seed's own changes fall in the range too; the last one is this test's.
    await expect
      .poll(async () => (await panel.getByRole('listitem').allTextContents()).at(-1))
      .toMatch(new RegExp(`Turned ${on ? 'off' : 'on'} \\(.+\\): Checkout experiment$`));

    await panel.getByRole('radio', { name: 'Metric sum' }).check();
    await expect
      .poll(() => chart.getAttribute('aria-label'))
      .toContain(`Metric sum per minute of purchase-completed (${purchaseSum}), signed-up (0)`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'flag-events-panel.png'), fullPage: true });
    await page.close();
  });
});

const digits = (text: string) => Number(text.replace(/[^\d.]/g, ''));
