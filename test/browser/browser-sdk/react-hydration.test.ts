import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.js';
import { CLIENT_SIDE_ID, startFakeSwitchboard } from './helpers/fake-switchboard.js';
import { ReactPage, type ReactPageConfig } from './helpers/react-page.js';
import { recordShownValues, shownValues } from './helpers/shown-values.js';

const result = (value: string, version: number) => ({
  value,
  variationIndex: 0,
  reason: { kind: 'FALLTHROUGH' },
  version,
});

/** The hydrating half of the page as one script, bundled as a customer's build would. */
async function bundle(): Promise<string> {
  const built = await build({
    entryPoints: [resolve(import.meta.dirname, 'helpers/react-hydrate.tsx')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    conditions: ['@switchboard/source', 'module', 'browser'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
  });
  return built.outputFiles[0]?.text ?? '';
}

/** The page as the customer's server sends it: rendered without a bootstrap. */
const html = (config: ReactPageConfig) => `<!doctype html>
<html><body><div id="root">${renderToString(createElement(ReactPage, config))}</div>
<script>window.__config = ${JSON.stringify(config)};</script>
<script type="module" src="./app.js"></script></body></html>`;

let browser: Browser;
let script: string;
let server: Awaited<ReturnType<typeof startFakeSwitchboard>> | undefined;

beforeAll(async () => {
  [browser, script] = await Promise.all([launchChromium(), bundle()]);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a React page rendered on the server without a bootstrap, in Chromium', () => {
  it('hydrates without a mismatch, then shows the cached value, then the live one', async () => {
    const pages: Record<string, { contentType: string; body: string }> = {
      '/react/app.js': { contentType: 'text/javascript', body: script },
    };
    server = await startFakeSwitchboard({
      values: { 'new-checkout': result('first visit', 1) },
      answerDelayMs: 300,
      pages,
    });
    const origin = new URL(server.pageUrl).origin;
    const config = {
      clientSideId: CLIENT_SIDE_ID,
      baseUrl: origin,
      streamUrl: origin.replace(/^http/, 'ws'),
    };
    pages['/react/'] = { contentType: 'text/html', body: html(config) };
    const context: BrowserContext = await browser.newContext();
    await context.addInitScript(recordShownValues);
    const visit = async (): Promise<Page> => {
      const page = await context.newPage();
      await page.goto(`${origin}/react/`);
      return page;
    };
    const errors = (page: Page) =>
      page.evaluate(() => (window as unknown as { __errors: string[] }).__errors);

    // The first visit caches its live values for the context.
    const first = await visit();
    await expect.poll(() => first.textContent('#value')).toBe('first visit');
    await first.close();

    server.push({ 'new-checkout': result('second visit', 2) });
    const second = await visit();
    await expect.poll(() => second.textContent('#value')).toBe('second visit');
    expect(await errors(second)).toEqual([]);
    expect(await shownValues(second)).toEqual(['(default)', 'first visit', 'second visit']);
    await context.close();
  });
});
