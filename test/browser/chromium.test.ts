import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';

describe('the Chromium the browser suites drive', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs a page’s script and reports its result', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<main><button type="button" onclick="document.querySelector(\'output\').textContent = \'on\'">Flip</button><output>off</output></main>',
    );
    await page.getByRole('button', { name: 'Flip' }).click();
    expect(await page.locator('output').textContent()).toBe('on');
  });
});
