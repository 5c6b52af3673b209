import { join } from 'node:path';
import type { Runtime } from '@switchboard/local';
import { init, type SwitchboardClient, silentLogger } from '@switchboard/node';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.js';
import {
  type DashboardRuntime,
  screenshotDir,
  seriousViolations,
  signedInContext,
  startDashboardRuntime,
} from './harness.js';

/**
 * The history, insights, segments, environments and tokens pages in Chromium against the local
 * runtime with the platform's real handlers, serving a production build of the dashboard.
 */
const base = '/projects/demo/environments/production';

type FlagJson = { environments: Record<string, { version: number; rules: unknown[] }> };

describe('dashboard pages in Chromium', () => {
  let local: DashboardRuntime;
  let runtime: Runtime;
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  const api = async <T = FlagJson>(path: string, init: RequestInit = {}) => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers },
    });
    return {
      status: response.status,
      json: (await response.json().catch(() => undefined)) as T,
    };
  };

  /** Opens a page signed in as the seeded admin (the token the sign-in page would keep). */
  const open = async (path: string) => {
    await page.goto(`${runtime.apiUrl}${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  };

  /** No serious or critical axe violation on the page as it is now. */
  const expectAccessible = async () => expect(await seriousViolations(page)).toEqual([]);

  beforeAll(async () => {
    local = await startDashboardRuntime({ seed: true });
    runtime = local.runtime;
    adminToken = local.adminToken;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    // Where the sign-in page keeps the token (session.ts), set before the app's script runs.
    await context.addInitScript({
      content: `sessionStorage.setItem('switchboard.token', ${JSON.stringify(adminToken)})`,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await local?.stop();
  });

  it('shows the diff of a change made over the API, and restores the version before it', async () => {
    const before = await api('/api/v1/projects/demo/flags/new-checkout?env=production');
    const version = before.json.environments.production?.version as number;
    const rule = { id: 'nz', clauses: [{ attribute: 'country', op: 'in', values: ['NZ'] }], variation: 1 };
    const changed = await api('/api/v1/projects/demo/flags/new-checkout?env=production', {
      method: 'PATCH',
      body: JSON.stringify({
        comment: 'Serve false to New Zealand',
        patch: [{ op: 'add', path: '/environments/production/rules/-', value: rule }],
      }),
    });
    expect(changed.status).toBe(200);

    await open(`${base}/history`);
    const entry = page.getByRole('listitem').filter({ hasText: 'Serve false to New Zealand' });
    await entry.getByText('Changes').click();
    const diff = entry.locator('.jsondiffpatch-delta');
    await expect.poll(() => diff.locator('[data-key="rules"]').count()).toBe(1);
    expect(await diff.textContent()).toContain('NZ');
    await expectAccessible();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-history.png'), fullPage: false });

    await page
      .getByRole('button', { name: `Restore new-checkout in production to version ${version}` })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: `Restore to version ${version}` })
      .waitFor();

    const after = await api('/api/v1/projects/demo/flags/new-checkout?env=production');
    expect(after.json.environments.production?.rules).toEqual(before.json.environments.production?.rules);
    expect(after.json.environments.production?.version).toBe(version + 2);
    const audit = await api<{ items: unknown[] }>(
      '/api/v1/projects/demo/audit?flag=new-checkout&env=production&limit=1',
    );
    expect(audit.json.items[0]).toMatchObject({ comment: `Restore to version ${version}`, action: 'update' });
  });

  it('charts evaluations an SDK reported', async () => {
    const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
    const sdkKey = production?.sdkKey as string;
    // Earlier minutes, posted as the SDKs' summary events, so the chart has a history to show.
    const now = Date.now();
    const summaries = Array.from({ length: 15 }, (_, i) => {
      const endDate = now - (45 - i * 3) * 60_000;
      const counters = [0, 1, 2].map((variation) => ({
        variation,
        version: 1,
        value: variation,
        count: 20 + ((i * (variation + 3)) % 17) * 4,
      }));
      return {
        kind: 'summary',
        startDate: endDate - 10_000,
        endDate,
        features: { 'search-algorithm': { counters } },
      };
    });
    const posted = summaries
      .flatMap((s) => s.features['search-algorithm'].counters)
      .reduce((n, c) => n + c.count, 0);
    const events = await fetch(`${runtime.apiUrl}/sdk/v1/events`, {
      method: 'POST',
      headers: { authorization: sdkKey, 'content-type': 'application/json' },
      body: JSON.stringify(summaries),
    });
    expect(events.status).toBe(202);

    const client: SwitchboardClient = init({
      sdkKey,
      baseUrl: runtime.apiUrl,
      streamUrl: runtime.wsUrl,
      logger: silentLogger,
      flushInterval: 3600,
    });
    try {
      await client.waitForInitialization({ timeout: 20 });
      for (let i = 0; i < 400; i++)
        client.stringVariation('search-algorithm', { kind: 'user', key: `u${i}` }, 'none');
      await client.flush();
    } finally {
      await client.close();
    }
    const insights = `/api/v1/projects/demo/environments/production/flags/search-algorithm/insights?granularity=minute`;
    await expect
      .poll(async () => (await api<{ total: number }>(insights)).json.total, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(400 + posted);

    await open(`${base}/insights?flag=search-algorithm`);
    const totals = page.getByRole('table', { name: 'Evaluations per variation' });
    await totals.getByRole('row').nth(1).waitFor();
    const counts = await totals.locator('tbody td').allTextContents();
    expect(counts.map((c) => Number(c.replace(/\D/g, ''))).reduce((a, b) => a + b, 0)).toBe(400 + posted);
    await page.locator('.insights-chart canvas').first().waitFor();
    expect(await page.getByText(/Last evaluated/).count()).toBe(1);
    await expectAccessible();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-insights.png'), fullPage: true });
  });

  it('lists segments with the flags that use them, and adds a rule with the condition editor', async () => {
    await open(`${base}/segments`);
    await page.getByRole('row', { name: /Beta testers/ }).waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Edit Beta testers' }).click();
    const dialog = page.getByRole('dialog', { name: /Edit segment/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Add a rule' }).click();
    await dialog.getByLabel('Rule 1 condition 1 attribute').fill('email');
    await dialog.getByLabel('Rule 1 condition 1 operator').selectOption('endsWith');
    await dialog.getByLabel('Rule 1 condition 1 values').fill('@example.com');
    await expectAccessible();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-segment-editor.png') });
    await dialog.getByRole('button', { name: 'Save segment' }).click();
    await dialog.waitFor({ state: 'detached' });
    const segment = await api<{ rules: unknown[] }>(
      `${base.replace('/projects', '/api/v1/projects')}/segments/beta-testers`,
    );
    expect(segment.json.rules).toEqual([
      { id: expect.any(String), clauses: [{ attribute: 'email', op: 'endsWith', values: ['@example.com'] }] },
    ]);
  });

  it('shows a stale segment editor “someone changed this segment”, and re-applies the edit onto their version', async () => {
    const segmentApi = `${base.replace('/projects', '/api/v1/projects')}/segments/beta-testers`;
    await open(`${base}/segments?segment=beta-testers`);
    const dialog = page.getByRole('dialog', { name: 'Edit segment Beta testers' });
    await dialog.getByLabel('Description').fill('Opted in from the beta page');
    const theirs = await api(segmentApi, {
      method: 'PATCH',
      body: JSON.stringify({ comment: 'vip launch', patch: [{ op: 'add', path: '/tags/-', value: 'vip' }] }),
    });
    expect(theirs.status).toBe(200);

    await dialog.getByRole('button', { name: 'Save segment' }).click();
    const conflict = page.getByRole('alertdialog', { name: 'Someone changed this segment' });
    await conflict.waitFor();
    await expect.poll(() => conflict.textContent()).toContain('“vip launch”');
    expect(await conflict.textContent()).toContain('tags › 1: added "vip"');
    expect(await conflict.textContent()).toContain(
      'description: "Users who opted in to early features" → "Opted in from the beta page"',
    );
    await expectAccessible();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-segment-conflict.png') });

    await conflict.getByRole('button', { name: 'Re-apply my changes' }).click();
    await dialog.getByText('Your changes were re-applied onto the new version.', { exact: false }).waitFor();
    expect(await dialog.getByLabel('Tags (comma-separated)').inputValue()).toBe('vip');
    await dialog.getByRole('button', { name: 'Save segment' }).click();
    await dialog.waitFor({ state: 'detached' });
    const segment = await api<{ description: string; tags: string[] }>(segmentApi);
    expect(segment.json).toMatchObject({ description: 'Opted in from the beta page', tags: ['vip'] });
  });

  it('rotates an SDK key and shows the new key once', async () => {
    await open('/projects/demo/settings/environments');
    await page.getByRole('button', { name: 'Rotate SDK key of Staging' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate key' }).click();
    const secret = page.getByRole('region', { name: 'New SDK key of Staging' });
    await secret.waitFor();
    expect(await secret.textContent()).toContain('will not be shown again');
    await expectAccessible();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-environments.png'), fullPage: false });
  });

  it('shows a reader token no control that would change something', async () => {
    const created = await api<{ token: string }>('/api/v1/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'browser-reader', role: 'reader' }),
    });
    const context = await browser.newContext();
    await context.addInitScript({
      content: `sessionStorage.setItem('switchboard.token', ${JSON.stringify(created.json.token)})`,
    });
    const readerPage = await context.newPage();
    try {
      const pages: [string, (p: Page) => Locator][] = [
        [`${base}/history`, (p) => p.getByText('Changes').first()],
        [`${base}/segments`, (p) => p.getByRole('button', { name: 'View Beta testers' })],
        [
          '/projects/demo/settings/environments',
          (p) => p.getByRole('button', { name: /Copy client-side ID/ }).first(),
        ],
      ];
      for (const [path, ready] of pages) {
        await readerPage.goto(`${runtime.apiUrl}${path}`);
        await ready(readerPage).waitFor();
        const buttons = await readerPage.getByRole('button').allTextContents();
        expect(buttons.filter((b) => /Restore|Rotate|Delete|New |Edit|Save/.test(b))).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  it('creates a project-scoped token, rotates and revokes it', async () => {
    await open('/settings/tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByLabel('Name').fill('browser-suite');
    await dialog.getByRole('radio', { name: 'Chosen projects' }).check();
    await dialog.getByRole('combobox', { name: 'Role in Demo' }).selectOption('writer');
    await dialog.getByLabel(/Expires after/).fill('7');
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('region', { name: 'New API token browser-suite' }).waitFor();
    const row = page.getByRole('row', { name: /browser-suite/ });
    expect(await row.textContent()).toMatch(/demo: writer/);
    await expectAccessible();
    await page.getByRole('button', { name: 'Rotate browser-suite' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate token' }).click();
    const rotated = page.getByRole('region', { name: 'New secret of browser-suite' });
    await rotated.waitFor();
    const secret = (await rotated.locator('code').textContent()) ?? '';
    const me = await fetch(`${runtime.apiUrl}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(await me.json()).toMatchObject({ name: 'browser-suite', projects: { demo: 'writer' } });
    await page.getByRole('button', { name: 'Revoke browser-suite' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
    await page
      .getByRole('row', { name: /browser-suite/ })
      .getByText(/Revoked/)
      .waitFor();
  });

  it('edits an environment, renames a project and deletes it after its key is typed', async () => {
    await api('/api/v1/projects', {
      method: 'POST',
      body: JSON.stringify({ key: 'scratch', name: 'Scratch' }),
    });
    await api('/api/v1/projects/scratch/environments', {
      method: 'POST',
      body: JSON.stringify({ key: 'qa', name: 'QA', color: '#3366ff' }),
    });
    await open('/projects/scratch/settings/environments');
    await page.getByRole('button', { name: 'Edit QA' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit QA' });
    await edit.getByLabel('Name').fill('Quality');
    await edit.getByLabel('Colour').fill('#aa2200');
    await expectAccessible();
    await edit.getByRole('button', { name: 'Save environment' }).click();
    await page.getByRole('row', { name: /Quality/ }).waitFor();
    const environment = await api<{ name: string; color: string }>(
      '/api/v1/projects/scratch/environments/qa',
    );
    expect(environment.json).toMatchObject({ name: 'Quality', color: '#aa2200' });

    await open('/projects/scratch/settings');
    await page.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename Scratch' });
    await rename.getByLabel('Name').fill('Scratchpad');
    await rename.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('button', { name: 'Delete this project' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete project Scratchpad?' });
    await expect.poll(() => confirm.textContent()).toContain('1 environment (Quality)');
    await confirm.getByLabel('Type scratch to confirm').fill('scratch');
    await expectAccessible();
    await confirm.getByRole('button', { name: 'Delete project' }).click();
    await page.waitForURL((url) => !url.pathname.includes('scratch'));
    await page.getByText('Project scratch was deleted.').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/projects\/[^/]+\/environments\/[^/]+\/flags$/);
    expect((await api('/api/v1/projects/scratch')).status).toBe(404);
  });

  // A phone's screen: the page never scrolls sideways (a list may scroll inside its own box).
  it('fits a 375-pixel-wide screen on every page', async () => {
    const narrow = await (await signedInContext(browser, adminToken, { width: 375, height: 740 })).newPage();
    const pages = [
      '/',
      `${base}/flags`,
      `${base}/flags/new-checkout`,
      `${base}/segments`,
      `${base}/history`,
      `${base}/insights`,
      '/projects/demo/settings',
      '/projects/demo/settings/environments',
      '/settings/tokens',
    ];
    for (const path of pages) {
      await narrow.goto(`${runtime.apiUrl}${path}`);
      await narrow.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await pastTheRightEdge(narrow), path).toEqual([]);
    }
    await narrow.close();
  });
});

/**
 * When the page scrolls sideways, what lies past the viewport's right edge while its parent does
 * not: what widens it. Run in the page (as text: these tests compile without the DOM's types).
 */
const pastTheRightEdge = (page: Page) =>
  page.evaluate(`(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const past = (element) => element !== null && element.getBoundingClientRect().right > root.clientWidth + 1;
    return [...document.querySelectorAll('body *')]
      .filter((element) => past(element) && !past(element.parentElement))
      .map((element) => element.tagName.toLowerCase() + '.' + element.className + ' ' + element.textContent.slice(0, 40));
  })()`) as Promise<string[]>;
