import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.js';
import { startFakeSwitchboard } from './helpers/fake-switchboard.js';
import { recordShownValues, shownValues } from './helpers/shown-values.js';

const result = (value: unknown, version: number) => ({
  value,
  variationIndex: value ? 0 : 1,
  reason: { kind: 'FALLTHROUGH' },
  version,
});

let browser: Browser;
let server: Awaited<ReturnType<typeof startFakeSwitchboard>> | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A page that records every text the flag's value element shows, from before any script runs. */
async function watchedPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(recordShownValues);
  return page;
}

describe('the browser demo page in Chromium', () => {
  it('shows the flag’s value and updates it live on a pushed values message', async () => {
    server = await startFakeSwitchboard({ values: { 'new-checkout': result(true, 1) }, answerDelayMs: 300 });
    const page = await watchedPage();
    await page.goto(server.pageUrl);
    await expect.poll(() => page.textContent('#value')).toBe('true');
    await expect.poll(() => page.textContent('#status')).toBe('live');
    expect(server.identifies).toEqual([
      { action: 'identify', id: 1, context: { kind: 'user', key: 'browser-demo-user' } },
    ]);
    server.push({ 'new-checkout': result(false, 2) });
    await expect.poll(() => page.textContent('#value')).toBe('false');
    // Without bootstrap values (and a first visit: no cache) the default shows until the answer.
    expect(await shownValues(page)).toEqual(['"(default)"', 'true', 'false']);
    await page.close();
  });

  it('never shows the default when the page is bootstrapped', async () => {
    server = await startFakeSwitchboard({ values: { 'new-checkout': result(true, 1) }, answerDelayMs: 300 });
    const bootstrap = {
      'new-checkout': true,
      $flagsState: { 'new-checkout': { variation: 0, version: 1 } },
      $valid: true,
    };
    const page = await watchedPage();
    await page.goto(`${server.pageUrl}?bootstrap=${encodeURIComponent(JSON.stringify(bootstrap))}`);
    await expect.poll(() => page.textContent('#status')).toBe('live');
    await expect.poll(() => server?.identifies.length).toBe(1);
    // The live answer (it carries a reason; the bootstrap had none) equals the bootstrap: no re-render.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              window as unknown as {
                switchboard: { variationDetail(k: string, d: unknown): { reason: unknown } };
              }
            ).switchboard.variationDetail('new-checkout', null).reason,
        ),
      )
      .toEqual({ kind: 'FALLTHROUGH' });
    server.push({ 'new-checkout': result(false, 2) });
    await expect.poll(() => page.textContent('#value')).toBe('false');
    expect(await shownValues(page)).toEqual(['true', 'false']);
    await page.close();
  });

  it('sends the evaluation counts with sendBeacon when the page goes away', async () => {
    server = await startFakeSwitchboard({ values: { 'new-checkout': result(true, 1) } });
    const page = await browser.newPage();
    // Records what sendBeacon answered where the next page of this origin can read it.
    await page.addInitScript(() => {
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        const accepted = send(url, data);
        sessionStorage.setItem('beacon', String(accepted));
        return accepted;
      };
    });
    await page.goto(server.pageUrl);
    await expect.poll(() => page.textContent('#value')).toBe('true');
    await page.goto(`${server.pageUrl}config.json`);
    expect(await page.evaluate(() => sessionStorage.getItem('beacon'))).toBe('true');
    await expect.poll(() => server?.events.length).toBeGreaterThan(0);
    expect(server.events[0]).toMatchObject({
      kind: 'summary',
      features: {
        'new-checkout': {
          counters: expect.arrayContaining([expect.objectContaining({ variation: 0, version: 1 })]),
        },
      },
    });
    await page.close();
  });
});
