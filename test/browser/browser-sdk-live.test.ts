import type { Runtime } from '@switchboard/local';
import { init, silentLogger } from '@switchboard/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApi } from '../e2e/demo-api.js';
import { startPlatform } from '../e2e/platform.js';
import { launchChromium } from '../helpers/chromium.js';

/**
 * The browser SDK demo page that `npm start` serves (`/examples/browser/`), in real Chromium,
 * against the whole local platform: identify over the WebSocket, values evaluated on the server,
 * pushes from the fan-out when a flag changes over the HTTP API.
 */
let runtime: Runtime;
let browser: Browser;
let api: ReturnType<typeof demoApi>;

const production = () => {
  const environment = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
  if (!environment) throw new Error('the demo project has no production environment');
  return environment;
};

const turn = (on: boolean) =>
  api('PATCH', '/flags/new-checkout?env=production', {
    comment: 'browser suite',
    instructions: [{ kind: on ? 'turnFlagOn' : 'turnFlagOff' }],
  });

/** Records every text the page's value element shows, from its first paint on. */
const RECORD_VALUES = `
  window.__shown = [];
  new MutationObserver(() => {
    const value = document.getElementById('value');
    if (value) window.__shown.push(value.textContent);
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

async function openDemo(bootstrap?: unknown): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (bootstrap !== undefined) {
    await page.addInitScript(`window.__SWITCHBOARD_BOOTSTRAP__ = ${JSON.stringify(bootstrap)};`);
  }
  await page.addInitScript(RECORD_VALUES);
  await page.goto(`${runtime.apiUrl}/examples/browser/`);
  return page;
}

const shownValue = (page: Page) => page.locator('#value');

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startPlatform(), launchChromium()]);
  api = demoApi(
    () => runtime.apiUrl,
    () => runtime.local?.adminToken as string,
  );
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the browser demo page on the local platform, in Chromium', () => {
  it('shows the flag evaluated on the server and follows toggles made over the API', async () => {
    const page = await openDemo();
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toBe('live');
    await expect.poll(() => shownValue(page).textContent()).toBe('true');

    await turn(false);
    await expect.poll(() => shownValue(page).textContent(), { timeout: 5_000 }).toBe('false');
    await turn(true);
    await expect.poll(() => shownValue(page).textContent(), { timeout: 5_000 }).toBe('true');
  });

  it('renders bootstrap values from the Node SDK without a flash of the default', async () => {
    const server = init({
      sdkKey: production().sdkKey,
      baseUrl: runtime.apiUrl,
      streamUrl: runtime.wsUrl,
      logger: silentLogger,
      sendEvents: false,
    });
    try {
      await server.waitForInitialization({ timeout: 10 });
      await turn(false);
      await expect
        .poll(() => server.boolVariation('new-checkout', { kind: 'user', key: 'x' }, true))
        .toBe(false);
      const bootstrap = server
        .allFlagsState({ kind: 'user', key: 'browser-demo-user' }, { clientSideOnly: true })
        .toJSON();
      expect(Object.keys(bootstrap)).not.toContain('search-algorithm');

      const page = await openDemo(bootstrap);
      await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toBe('live');
      // The element is empty until the page's script first renders; after that it never shows the
      // default ("(default)") or a stale value before the live one.
      const shown = ((await page.evaluate('window.__shown')) as string[]).filter((text) => text !== '');
      expect(shown.length).toBeGreaterThan(0);
      expect(new Set(shown)).toEqual(new Set(['false']));
    } finally {
      await turn(true);
      await server.close();
    }
  });
});
