import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '@switchboard/local';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../e2e/platform.js';
import { launchChromium } from '../helpers/chromium.js';

/**
 * Chromium enforces CORS, so this checks what a browser really lets a page do against the local
 * runtime: one page server, reached as two origins (`127.0.0.1` is the dashboard's, `localhost` a
 * customer's site).
 */
describe('CORS per route, in Chromium', () => {
  let runtime: Runtime;
  let pages: Server;
  let browser: Browser;
  let dashboard: string;
  let customerSite: string;

  /** Runs `fetch` in a page of `origin`: the status, or `blocked` when the browser refused. */
  const fetchFrom = async (origin: string, path: string, init: RequestInit): Promise<number | 'blocked'> => {
    const page: Page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, init }) => {
          try {
            return (await fetch(url, init)).status;
          } catch {
            return 'blocked' as const;
          }
        },
        { url: `${runtime.apiUrl}${path}`, init },
      );
    } finally {
      await page.close();
    }
  };
  const withToken = (): RequestInit => ({
    headers: { authorization: `Bearer ${runtime.local?.adminToken}` },
  });

  beforeAll(async () => {
    pages = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>page</title>');
    });
    await new Promise<void>((resolve) => pages.listen(0, resolve));
    const { port } = pages.address() as AddressInfo;
    dashboard = `http://127.0.0.1:${port}`;
    customerSite = `http://localhost:${port}`;
    runtime = await startPlatform({ dashboardOrigins: [dashboard] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    pages?.closeAllConnections();
    await new Promise((resolve) => pages?.close(resolve));
  });

  it('lets the dashboard call the management API with its token', async () => {
    expect(await fetchFrom(dashboard, '/api/v1/projects', withToken())).toBe(200);
  });

  it('keeps the management API from any other origin', async () => {
    expect(await fetchFrom(customerSite, '/api/v1/projects', withToken())).toBe('blocked');
  });

  it('lets any origin call the client-side evaluate route', async () => {
    const clientSideId = runtime.local?.projects[0]?.environments[0]?.clientSideId;
    const init: RequestInit = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'user', key: 'u1' }),
    };
    for (const origin of [dashboard, customerSite]) {
      expect(await fetchFrom(origin, `/sdk/v1/evaluate/${clientSideId}`, init)).toBe(200);
    }
  });

  it('delivers a browser SDK beacon from a customer’s site to the events route', async () => {
    const environment = runtime.local?.projects[0]?.environments[0];
    const now = Date.now();
    const summary = {
      kind: 'summary',
      startDate: now - 1_000,
      endDate: now,
      features: { 'new-checkout': { counters: [{ variation: 0, version: 1, value: true, count: 7 }] } },
    };
    const page: Page = await browser.newPage();
    try {
      await page.goto(`${customerSite}/`);
      // A beacon is credentialed: it only leaves the preflight if the route echoes the origin.
      const url = `${runtime.apiUrl}/sdk/v1/events/${environment?.clientSideId}`;
      const queued = await page.evaluate(
        `navigator.sendBeacon(${JSON.stringify(url)}, new Blob([${JSON.stringify(JSON.stringify([summary]))}], { type: 'application/json' }))`,
      );
      expect(queued).toBe(true);
      // The page stays open until the events are counted: closing it closes its browser context,
      // which cancels a beacon still in flight (its preflight first) on a busy machine.
      const insights = `${runtime.apiUrl}/api/v1/projects/demo/environments/${environment?.key}/flags/new-checkout/insights?granularity=minute`;
      await expect
        .poll(async () => ((await (await fetch(insights, withToken())).json()) as { total: number }).total, {
          timeout: 15_000,
        })
        .toBe(7);
    } finally {
      await page.close();
    }
  });

  it('keeps the server SDK routes from every page', async () => {
    const sdkKey = runtime.local?.projects[0]?.environments[0]?.sdkKey;
    const init = { headers: { authorization: sdkKey as string } };
    expect(await fetchFrom(dashboard, '/sdk/v1/flags', init)).toBe('blocked');
  });
});
