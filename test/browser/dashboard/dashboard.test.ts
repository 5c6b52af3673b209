import { init, type SwitchboardClient, silentLogger } from '@switchboard/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.js';
import { type DashboardRuntime, flagSwitch, seriousViolations, startDashboardRuntime } from './harness.js';

let local: DashboardRuntime;
let browser: Browser;
let sdk: SwitchboardClient | undefined;

beforeAll(async () => {
  [local, browser] = await Promise.all([startDashboardRuntime({ seed: true }), launchChromium()]);
});

afterAll(async () => {
  await sdk?.close();
  await browser?.close();
  await local?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function signedIn(): Promise<Page> {
  const page = await newPage();
  await page.goto(local.dashboardUrl);
  await flagSwitch(page, 'new-checkout', 'Production').waitFor();
  return page;
}

describe('dashboard in Chromium against the local runtime', () => {
  it('serves its runtime configuration: the API on the same origin', async () => {
    const response = await fetch(`${local.runtime.apiUrl}/config.json`);
    expect(await response.json()).toEqual({ apiUrl: '', wsUrl: local.runtime.wsUrl });
  });

  it('serves the app for its own routes and API Gateway’s 404 for unknown API paths', async () => {
    const deepLink = await fetch(`${local.runtime.apiUrl}/projects/demo/environments/staging/flags`);
    expect([deepLink.status, deepLink.headers.get('content-type')]).toEqual([
      200,
      'text/html; charset=utf-8',
    ]);
    const unknown = await fetch(`${local.runtime.apiUrl}/api/v1/nowhere`);
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: 'Not Found' }]);
  });

  it('signs in through dashboardUrl and takes the token out of the address bar', async () => {
    const page = await newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(local.dashboardUrl);
    await flagSwitch(page, 'new-checkout', 'Production').waitFor();
    expect(page.url()).toBe(`${local.runtime.apiUrl}/projects/demo/environments/production/flags`);
    expect(await page.evaluate('sessionStorage.getItem("switchboard.token")')).toBe(local.adminToken);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => url.includes(local.adminToken))).toEqual([]);
    await page.context().close();
  });

  it('turns a flag off in the list and a running Node SDK client gets the new value', async () => {
    const keys = await local
      .api<{ key: string; environments: { key: string; sdkKey: string }[] }[]>('GET', '/api/v1/projects')
      .then(() => local.runtime.local?.projects.find((p) => p.key === 'demo')?.environments ?? []);
    const sdkKey = keys.find((e) => e.key === 'production')?.sdkKey as string;
    sdk = init({
      sdkKey,
      baseUrl: local.runtime.apiUrl,
      streamUrl: local.runtime.wsUrl,
      logger: silentLogger,
      sendEvents: false,
    });
    await sdk.waitForInitialization({ timeout: 20 });
    const user = { kind: 'user', key: 'browser-suite' };
    expect(sdk.boolVariation('new-checkout', user, false)).toBe(true);

    const page = await signedIn();
    const toggle = flagSwitch(page, 'new-checkout', 'Production');
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => sdk?.boolVariation('new-checkout', user, true), { timeout: 10_000 }).toBe(false);
    await expect
      .poll(() => flagSwitch(page, 'new-checkout', 'Staging').getAttribute('aria-checked'))
      .toBe('true');
    await page.context().close();
  });

  it('shows a change made through the API without a reload', async () => {
    const page = await signedIn();
    const toggle = flagSwitch(page, 'beta-dashboard', 'Staging');
    const before = await toggle.getAttribute('aria-checked');
    const flag = await local.api<{ environments: Record<string, { version: number }> }>(
      'GET',
      '/api/v1/projects/demo/flags/beta-dashboard?env=staging',
    );
    await local.api('PATCH', '/api/v1/projects/demo/flags/beta-dashboard?env=staging', {
      instructions: [{ kind: before === 'true' ? 'turnFlagOff' : 'turnFlagOn' }],
      comment: `from the browser suite (version ${flag.environments.staging?.version})`,
    });
    await expect
      .poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 })
      .toBe(before === 'true' ? 'false' : 'true');
    await page.context().close();
  });

  it('lets a reader token see the flags but change nothing', async () => {
    const reader = await local.api<{ token: string }>('POST', '/api/v1/tokens', {
      name: 'browser-reader',
      role: 'reader',
    });
    const page = await newPage();
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') patches.push(`${request.method()} ${request.url()}`);
    });
    await page.goto(local.runtime.apiUrl);
    await page.getByLabel('API token').fill(reader.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const toggle = flagSwitch(page, 'new-checkout', 'Production');
    await toggle.waitFor();
    const switches = await page.getByRole('switch').all();
    expect(switches.length).toBeGreaterThan(0);
    for (const control of switches) expect(await control.isDisabled()).toBe(true);
    await toggle.click({ force: true });
    expect(await page.getByText('Your token can read flags but not change them.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'API tokens' }).count()).toBe(0);
    expect(patches).toEqual([]);
    await page.context().close();
  });

  it('creates a flag from the "New flag" form, opens it, and the API has it off in every environment', async () => {
    const page = await signedIn();
    await page.getByRole('button', { name: 'New flag' }).click();
    const dialog = page.getByRole('dialog', { name: 'New flag' });
    await dialog.getByLabel('Name').fill('Checkout limit');
    expect(await dialog.getByLabel('Key').inputValue()).toBe('checkout-limit');
    await dialog.getByRole('radio', { name: 'Number' }).check();
    // A refused form keeps the keyboard on its button, with the reason announced.
    await dialog.getByLabel('Variations').fill('10\n25\n10');
    await dialog.getByRole('button', { name: 'Create flag' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'Variation 3 (10) repeats variation 1' }).waitFor();
    await dialog.getByRole('button', { name: 'Create flag' }).and(page.locator(':focus')).waitFor();
    await dialog.getByLabel('Variations').fill('10\n25\n0');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create flag' }).click();
    await page.waitForURL(/\/flags\/checkout-limit$/);
    // The focus the closed dialog held goes on from the new page, not from the top of the document.
    await page.locator('main:focus, main :focus').waitFor({ timeout: 5_000 });
    const created = await local.api<{
      variations: { value: unknown }[];
      environments: Record<string, { on: boolean }>;
    }>('GET', '/api/v1/projects/demo/flags/checkout-limit');
    expect(created.variations.map((v) => v.value)).toEqual([10, 25, 0]);
    expect(Object.values(created.environments).map((e) => e.on)).toEqual(
      Object.keys(created.environments).map(() => false),
    );
    await page.context().close();
  });

  it('creates a project with Production and Test from the top bar and opens its flag list', async () => {
    const page = await signedIn();
    await page.getByRole('button', { name: 'New project' }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    // After demo in key order: `/` keeps opening demo for the other cases.
    await dialog.getByLabel('Name').fill('Zeta suite');
    expect(await dialog.getByLabel('Key').inputValue()).toBe('zeta-suite');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(/\/projects\/zeta-suite\/environments\/production\/flags$/);
    await page.getByText(/^No active flags in this project\./).waitFor();
    const environments = await local.api<{ items: { key: string }[] }>(
      'GET',
      '/api/v1/projects/zeta-suite/environments',
    );
    expect(environments.items.map((e) => e.key).sort()).toEqual(['production', 'test']);
    await page.context().close();
  });

  it('has no serious or critical axe violation on the sign-in page', async () => {
    const page = await newPage();
    await page.goto(local.runtime.apiUrl);
    await page.getByLabel('API token').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe violation on the flag list', async () => {
    const page = await signedIn();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
