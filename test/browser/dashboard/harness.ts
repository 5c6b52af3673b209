import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  dashboardUrlOf,
  ensureDashboardBuilt,
  type Runtime,
  type RuntimeTopology,
  startRuntime,
} from '@switchboard/local';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Where the suites' screenshots go: a temporary folder, so a test run never rewrites tracked files;
 * `SWITCHBOARD_SCREENSHOTS=docs/images` refreshes the ones `docs/dashboard.md` shows.
 */
export const screenshotDir: string = process.env.SWITCHBOARD_SCREENSHOTS
  ? resolve(process.env.SWITCHBOARD_SCREENSHOTS)
  : join(tmpdir(), 'switchboard-screenshots');

export interface DashboardRuntime {
  readonly runtime: Runtime;
  readonly adminToken: string;
  /** Opens the dashboard signed in as the admin (local.json's `dashboardUrl`). */
  readonly dashboardUrl: string;
  /** Calls the HTTP API as the admin (or `token`); throws on a non-2xx answer. */
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The local runtime on free ports with a freshly built dashboard, for the browser suite and the
 * benchmark. With `seed` the demo project is there and local.json's `dashboardUrl` signs in.
 *
 * @example
 * const local = await startDashboardRuntime({ seed: true });
 * await page.goto(local.dashboardUrl);
 * await local.stop();
 */
export async function startDashboardRuntime(options: {
  seed: boolean;
  /** @default the whole platform */
  topology?: RuntimeTopology;
}): Promise<DashboardRuntime> {
  await ensureDashboardBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-dashboard-'));
  const runtime = await startRuntime({
    ports: { http: 0, ws: 0 },
    dataDir,
    inMemory: true,
    seed: options.seed,
    logLevel: 'quiet',
    pollIntervalMs: 50,
    ...(options.topology ? { topology: options.topology } : {}),
  });
  let adminToken = runtime.local?.adminToken;
  let dashboardUrl = runtime.local?.dashboardUrl;
  if (!adminToken || !dashboardUrl) {
    // Unseeded: register an admin token the way the stack's bootstrap does.
    const { ensureAdminToken } = await import('../../../lambdas/bootstrap.js');
    adminToken = `sbt_${randomBytes(32).toString('base64url')}`;
    await ensureAdminToken(adminToken);
    dashboardUrl = dashboardUrlOf(runtime.apiUrl, adminToken);
  }
  const admin = adminToken;
  return {
    runtime,
    adminToken: admin,
    dashboardUrl,
    async api<T>(method: string, path: string, body?: unknown, token = admin): Promise<T> {
      const response = await fetch(`${runtime.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async stop() {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A flag's switch in one environment, by the accessible name the list gives it. */
export const flagSwitch = (page: Page, flag: string, environment: string) =>
  page.getByRole('switch', { name: `${flag} in ${environment}`, exact: true });

/** axe-core's serious and critical violations on the page as it is now, as `rule: where` lines. */
export const seriousViolations = async (page: Page): Promise<string[]> =>
  (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** Headings that skip a level (axe-core's `heading-order`, a moderate violation), as `where` lines. */
export const skippedHeadings = async (page: Page): Promise<string[]> =>
  (await new AxeBuilder({ page }).withRules(['heading-order']).analyze()).violations.flatMap((v) =>
    v.nodes.map((n) => n.target.join(' ')),
  );

/**
 * A browser context whose pages start signed in with `token`, kept where the app keeps its session
 * (sessionStorage, the key of src/features/auth/session.ts) before the app reads it.
 *
 * @example
 * const context = await signedInContext(browser, local.adminToken, { width: 1280, height: 900 });
 */
export async function signedInContext(
  browser: Browser,
  token: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(
    (t) =>
      (
        globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
      ).sessionStorage.setItem('switchboard.token', t),
    token,
  );
  return context;
}
