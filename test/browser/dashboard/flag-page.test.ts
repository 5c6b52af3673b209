import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from '@switchboard/local';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.js';
import {
  type DashboardRuntime,
  screenshotDir,
  seriousViolations,
  signedInContext,
  skippedHeadings,
  startDashboardRuntime,
} from './harness.js';

const FLAG = '/projects/demo/environments/production/flags/new-checkout';

/** The parts of the API's answers the suite reads. */
interface FlagJson {
  environments: Record<string, { on: boolean; offVariation?: number | null; rules: { id: string }[] }>;
}
interface AuditJson {
  items: { comment?: string }[];
}
interface EvaluateJson {
  values: Record<string, { value: unknown; variationIndex: number | null; reason?: Record<string, unknown> }>;
}

describe('the flag page in Chromium, against the local runtime', () => {
  let local: DashboardRuntime;
  let runtime: Runtime;
  let token: string;
  let browser: Browser;
  let context: BrowserContext;

  const api = async <T = unknown>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    if (!response.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const evaluate = async (ctx: Record<string, unknown>) => {
    const { values } = await api<EvaluateJson>('/api/v1/projects/demo/environments/production/evaluate', {
      method: 'POST',
      body: JSON.stringify(ctx),
    });
    const result = values['new-checkout'];
    if (!result) throw new Error('new-checkout is not in the evaluate answer');
    return result;
  };

  /** A signed-in page at the flag: the admin token where the app keeps it (sessionStorage). */
  async function openFlag(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${runtime.apiUrl}${FLAG}`);
    await page.getByRole('heading', { name: 'New checkout', level: 1 }).waitFor();
    return page;
  }

  beforeAll(async () => {
    local = await startDashboardRuntime({ seed: true });
    runtime = local.runtime;
    token = local.adminToken;
    browser = await launchChromium();
    context = await signedInContext(browser, token, { width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await local?.stop();
  });

  it('adds a rule with a rollout, saves it with a comment, and the evaluate API agrees', async () => {
    const page = await openFlag();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByLabel('Rule 1 condition 1 attribute').fill('country');
    await page.getByLabel('Rule 1 condition 1 values').fill('NZ\nAU');
    await page.getByLabel('Rule 1 description').fill('Down under');
    await page.getByLabel('Rule 1 serves', { exact: true }).selectOption('rollout');
    await page.getByLabel('Rule 1 serves: percentage for true').fill('30');
    await page.getByLabel('Rule 1 serves: percentage for false').fill('70');
    await page.getByLabel('Rule 1 serves: bucket by attribute').fill('key');
    await expect.poll(() => page.getByText('Total 100%').count()).toBe(1);

    mkdirSync(screenshotDir, { recursive: true });
    await page
      .locator('.rule')
      .first()
      .screenshot({ path: join(screenshotDir, 'flag-targeting-editor.png') });

    await page.getByRole('button', { name: 'Review and save' }).click();
    const review = page.getByRole('dialog', { name: 'Review and save' });
    // The dialog opens on its comment field: typing goes there.
    await review.getByLabel('Comment (kept in the audit log)').and(page.locator(':focus')).waitFor();
    await page.keyboard.type('Roll out to NZ and AU');
    expect(await review.getByLabel('Comment (kept in the audit log)').inputValue()).toBe(
      'Roll out to NZ and AU',
    );
    await page.screenshot({ path: join(screenshotDir, 'flag-review-dialog.png') });
    await review.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    // The button that opened the dialog went with the draft: the focus goes on from the heading.
    await page.getByRole('heading', { level: 1 }).and(page.locator(':focus')).waitFor();

    const flag = await api<FlagJson>('/api/v1/projects/demo/flags/new-checkout?env=production');
    const rule = flag.environments.production?.rules[0];
    expect(rule).toMatchObject({
      description: 'Down under',
      clauses: [{ attribute: 'country', op: 'in', values: ['NZ', 'AU'] }],
      rollout: {
        bucketBy: 'key',
        variations: [
          { variation: 0, weight: 30_000 },
          { variation: 1, weight: 70_000 },
        ],
      },
    });
    const audit = await api<AuditJson>('/api/v1/projects/demo/audit?flag=new-checkout&limit=1');
    expect(audit.items[0]?.comment).toBe('Roll out to NZ and AU');

    const inRule = await Promise.all(
      ['kiwi-1', 'kiwi-2', 'kiwi-3', 'kiwi-4', 'kiwi-5', 'kiwi-6'].map((key) =>
        evaluate({ kind: 'user', key, country: 'NZ' }),
      ),
    );
    for (const result of inRule) {
      expect(result.reason).toMatchObject({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: rule?.id });
      expect(result.value).toBe(result.variationIndex === 0);
    }
    const outside = await evaluate({ kind: 'user', key: 'yank', country: 'US' });
    expect(outside).toMatchObject({ value: true, reason: { kind: 'FALLTHROUGH' } });

    await page.close();
  });

  it('reads a rollout’s percentages as typed, names one it cannot read and holds the save until it reads', async () => {
    const page = await context.newPage();
    await page.goto(`${runtime.apiUrl}/projects/demo/environments/production/flags/search-algorithm`);
    const percent = (name: string) => page.getByLabel(`Default rule serves: percentage for ${name}`);
    await percent('Classic').fill('');
    await percent('Semantic').fill('40,5');
    await percent('Hybrid').fill('abc');
    expect(await percent('Hybrid').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('"abc" is not a percentage.').waitFor();
    await page.getByText('Total 40.5%').waitFor();
    await page.getByText(/· 2 to fix/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await percent('Classic').fill('59.5%');
    await page.getByText('Total 100%').waitFor();
    await page.getByRole('button', { name: 'Review and save' }).click();
    const review = page.getByRole('dialog', { name: 'Review and save' });
    await review
      .getByText('Default rule serves: percentage for Hybrid: "abc" is not a percentage.')
      .waitFor();
    expect(await review.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    await review.getByRole('button', { name: 'Keep editing' }).click();

    await percent('Hybrid').fill('0');
    await page.getByRole('button', { name: 'Review and save' }).click();
    await review.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const flag = await api<{ environments: Record<string, { fallthrough: unknown }> }>(
      '/api/v1/projects/demo/flags/search-algorithm?env=production',
    );
    expect(flag.environments.production?.fallthrough).toMatchObject({
      rollout: {
        variations: [
          { variation: 0, weight: 59_500 },
          { variation: 1, weight: 40_500 },
          { variation: 2, weight: 0 },
        ],
      },
    });
    await page.close();
  });

  it('shows a stale page “someone changed this flag”, and re-applies the draft onto their version', async () => {
    const page = await openFlag();
    await page.getByLabel('Off variation').selectOption({ label: 'true' });
    await api('/api/v1/projects/demo/flags/new-checkout?env=production', {
      method: 'PATCH',
      body: JSON.stringify({ comment: 'incident 42', instructions: [{ kind: 'turnFlagOff' }] }),
    });

    await page.getByRole('button', { name: 'Review and save' }).click();
    await page
      .getByRole('dialog', { name: 'Review and save' })
      .getByRole('button', { name: 'Save changes' })
      .click();
    const conflict = page.getByRole('alertdialog', { name: 'Someone changed this flag' });
    await conflict.waitFor();
    await expect.poll(() => conflict.textContent()).toContain('incident 42');
    expect(await conflict.textContent()).toContain('production › on/off: true → false');
    await page.screenshot({ path: join(screenshotDir, 'flag-conflict-dialog.png') });

    await conflict.getByRole('button', { name: 'Re-apply my changes' }).click();
    await page
      .getByRole('dialog', { name: 'Review and save' })
      .getByRole('button', { name: 'Save changes' })
      .click();
    await page.getByText('Saved.').waitFor();
    const flag = await api<FlagJson>('/api/v1/projects/demo/flags/new-checkout?env=production');
    expect(flag.environments.production).toMatchObject({ on: false, offVariation: 0 });
    await page.close();
  });

  // Headings: found by exploratory testing, the tabs' sections were h3 under the page's h1.
  it('has no serious or critical accessibility violation, and no skipped heading level, on the flag page and its tabs', async () => {
    const page = await openFlag();
    const check = async () => {
      expect(await seriousViolations(page)).toEqual([]);
      expect(await skippedHeadings(page)).toEqual([]);
    };
    await check();
    for (const tab of ['Variations', 'Settings', 'Test a context']) {
      await page.getByRole('tab', { name: tab }).click();
      await check();
    }
    await page.getByLabel('Key').fill('kiwi');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByRole('region', { name: 'Results' }).waitFor();
    await check();
    await page.close();
  });

  it('takes a user from the flag list to a saved change, its history and its insights', async () => {
    // Evaluations an SDK reported in the last half hour, so the Insights tab has a chart to show.
    const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
    const now = Date.now();
    const summaries = Array.from({ length: 10 }, (_, i) => ({
      kind: 'summary',
      startDate: now - (30 - i * 3) * 60_000 - 10_000,
      endDate: now - (30 - i * 3) * 60_000,
      features: {
        'new-checkout': {
          counters: [
            { variation: 0, version: 1, value: true, count: 40 + i * 6 },
            { variation: 1, version: 1, value: false, count: 90 - i * 5 },
          ],
        },
      },
    }));
    const reported = summaries
      .flatMap((s) => s.features['new-checkout'].counters)
      .reduce((n, c) => n + c.count, 0);
    const events = await fetch(`${runtime.apiUrl}/sdk/v1/events`, {
      method: 'POST',
      headers: { authorization: production?.sdkKey as string, 'content-type': 'application/json' },
      body: JSON.stringify(summaries),
    });
    expect(events.status).toBe(202);
    // Counted asynchronously (the event stream's consumer); the list shows them once they are in.
    await expect
      .poll(
        async () =>
          (
            await api<{ total: number }>(
              '/api/v1/projects/demo/environments/production/flags/new-checkout/insights?granularity=minute',
            )
          ).total,
        { timeout: 30_000, interval: 200 },
      )
      .toBe(reported);

    const page = await context.newPage();
    await page.goto(`${runtime.apiUrl}/projects/demo/environments/production/flags`);
    await page.getByRole('switch', { name: 'new-checkout in Production', exact: true }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-flag-list.png') });

    await page.getByRole('searchbox', { name: 'Search' }).fill('checkout');
    await expect
      .poll(() => page.getByRole('switch', { name: 'search-algorithm in Production' }).count())
      .toBe(0);
    await page.getByRole('link', { name: 'New checkout' }).click();
    await page.getByRole('heading', { name: 'New checkout', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(FLAG);

    const rule = (await page.locator('.rule').count()) + 1;
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByLabel(`Rule ${rule} condition 1 attribute`).fill('plan');
    await page.getByLabel(`Rule ${rule} condition 1 values`).fill('enterprise');
    await page.getByLabel(`Rule ${rule} description`).fill('Enterprise first');
    await page.getByLabel(`Rule ${rule} serves`, { exact: true }).selectOption({ label: 'true' });
    await page.getByRole('button', { name: 'Review and save' }).click();
    const review = page.getByRole('dialog', { name: 'Review and save' });
    await review.getByLabel('Comment (kept in the audit log)').fill('Enterprise customers first');
    await review.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'flag-page.png'), fullPage: true });

    await page.getByRole('tab', { name: 'History' }).click();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('history');
    const history = page.getByRole('region', { name: 'History of new-checkout' });
    const latest = history.getByRole('listitem').first();
    await latest.getByText('Enterprise customers first').waitFor();
    await latest.getByText('Changes').click();
    const diff = latest.locator('.jsondiffpatch-delta');
    await expect.poll(() => diff.isVisible()).toBe(true);
    expect(await diff.textContent()).toContain('enterprise');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'flag-history-tab.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Insights' }).click();
    const totals = page.getByRole('table', { name: 'Evaluations per variation' });
    await expect
      .poll(async () =>
        (await totals.locator('tbody td.numeric').allTextContents())
          .map((c) => Number(c.replace(/\D/g, '')))
          .reduce((a, b) => a + b, 0),
      )
      .toBe(reported);
    await page.locator('.insights-chart canvas').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'flag-insights-tab.png'), fullPage: true });
    await page.close();
  });

  it('archives a flag, deletes it after its key is typed, and the list says so and no longer has it', async () => {
    await api('/api/v1/projects/demo/flags', {
      method: 'POST',
      body: JSON.stringify({
        key: 'old-promo',
        name: 'Old promo',
        variations: [{ value: true }, { value: false }],
      }),
    });
    const page = await context.newPage();
    await page.goto(`${runtime.apiUrl}/projects/demo/environments/production/flags/old-promo?tab=settings`);
    await page.getByRole('button', { name: 'Archive this flag' }).click();
    await page.getByRole('button', { name: 'Review and save' }).click();
    await page
      .getByRole('dialog', { name: 'Review and save' })
      .getByRole('button', { name: 'Save changes' })
      .click();
    await page.getByText('Saved.').waitFor();

    await page.getByRole('button', { name: 'Delete this flag' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete flag Old promo?' });
    await confirm.getByLabel('Type old-promo to confirm').fill('old-promo');
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Delete flag' }).click();

    await page.waitForURL(/\/environments\/production\/flags$/);
    await page.getByText('Flag old-promo was deleted.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Archived flags are listed on request only: the deleted one is not among them either.
    await page.getByLabel('Show').selectOption('all');
    await page.waitForURL(/archived=all/);
    await page.getByRole('link', { name: 'New checkout' }).waitFor();
    expect(await page.getByRole('link', { name: 'Old promo' }).count()).toBe(0);
    const gone = await fetch(`${runtime.apiUrl}/api/v1/projects/demo/flags/old-promo`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(gone.status).toBe(404);
    await page.close();
  });

  it('copies a flag’s staging settings to production, the parts ticked only, and the API has them', async () => {
    await api('/api/v1/projects/demo/flags', {
      method: 'POST',
      body: JSON.stringify({ key: 'promoted', name: 'Promoted' }),
    });
    const rules = [{ id: 'nz', clauses: [{ attribute: 'country', op: 'in', values: ['NZ'] }], variation: 0 }];
    await api('/api/v1/projects/demo/flags/promoted?env=staging', {
      method: 'PATCH',
      body: JSON.stringify([
        { op: 'replace', path: '/environments/staging/on', value: true },
        { op: 'replace', path: '/environments/staging/rules', value: rules },
      ]),
    });
    const page = await context.newPage();
    await page.goto(`${runtime.apiUrl}/projects/demo/environments/staging/flags/promoted`);
    await page.getByRole('button', { name: 'Copy to another environment…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy to another environment' });
    await dialog.getByLabel('Target environment').selectOption('production');
    await dialog
      .getByRole('status')
      .filter({ hasText: 'Will change in Production: On/off, Rules' })
      .waitFor();
    await dialog.getByRole('checkbox', { name: /On\/off/ }).uncheck();
    await dialog.getByRole('status').filter({ hasText: 'Will change in Production: Rules' }).waitFor();
    await dialog.getByLabel('Comment').fill('Tested in staging');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied the settings of Staging to Production.').waitFor();

    const flag = await api<FlagJson>('/api/v1/projects/demo/flags/promoted');
    expect(flag.environments.production).toMatchObject({ on: false, rules });
    const audit = await api<AuditJson>('/api/v1/projects/demo/audit?flag=promoted&env=production');
    expect(audit.items[0]?.comment).toBe('Tested in staging');
    await page.close();
  });
});
