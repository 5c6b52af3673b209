/**
 * The dashboard in Chromium against the local runtime, with 2,000 flags in a project: time from
 * navigation to a usable flag list (the first switch enabled), from a click on a switch to the state
 * the API confirmed, and from a change made through the API to the open list showing it. Also the
 * production build's JavaScript (gzipped) for the first page, and a screenshot of the list for
 * docs/images. Run with `npm run bench:dashboard`; the figures are in docs/dashboard.md.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { parseWith } from '@switchboard/core/schema';
import { platformTopology } from '@switchboard/local';
import pLimit from 'p-limit';
import type { Page } from 'playwright-core';
import { sharedDocumentClient } from '../lambdas/adapters/dynamodb/client.js';
import { DynamoControlStore } from '../lambdas/adapters/dynamodb/control-store.js';
import { adminContainer } from '../lambdas/api-admin.js';
import { newSalt } from '../lambdas/domain/credentials.js';
import { flagFieldsOf, newFlagEnvironment, toEvaluationFlag } from '../lambdas/domain/flag-model.js';
import { createEnvironmentSchema, createFlagSchema, createProjectSchema } from '../lambdas/domain/schemas.js';
import type { Write } from '../lambdas/services/ports.js';
import { flagSwitch, startDashboardRuntime } from '../test/browser/dashboard/harness.js';
import { launchChromium } from '../test/helpers/chromium.js';

const { values: args } = parseArgs({
  options: {
    flags: { type: 'string', default: '2000' },
    navigations: { type: 'string', default: '5' },
    toggles: { type: 'string', default: '10' },
    screenshot: { type: 'string', default: 'docs/images/dashboard-flag-list-2000.png' },
  },
});
const FLAGS = Number(args.flags);
const PROJECT = 'bench';

const areas = ['checkout', 'search', 'billing', 'onboarding', 'profile', 'notifications', 'reports', 'admin'];
const features = [
  'redesign',
  'fast-path',
  'v2-api',
  'dark-mode',
  'beta',
  'experiment',
  'rollout',
  'kill-switch',
];
const title = (key: string) => key.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const summary = (values: readonly number[]) =>
  `median ${Math.round(median(values))} ms, max ${Math.round(Math.max(...values))} ms (n=${values.length})`;

/** The JS and CSS the first page loads (index.html's script and links), gzipped. */
function firstPageBytes(dist: string): { js: number; css: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(([, path]) => path as string);
  const gzipped = (ext: string) =>
    assets
      .filter((path) => path.endsWith(ext))
      .reduce((sum, path) => sum + gzipSync(readFileSync(join(dist, path))).length, 0);
  return { js: gzipped('.js'), css: gzipped('.css') };
}

const ENVIRONMENTS = ['production', 'staging'];
/** Flags per transaction: a flag is one project item and one item per environment, 100 items at most. */
const FLAGS_PER_WRITE = Math.floor(100 / (1 + ENVIRONMENTS.length));

/**
 * Project `bench` with production and staging through the API's services; then `FLAGS` flags written
 * by the control store in transactions of many flags (the items a flag's creation writes, without
 * its audit entries), since 2,000 creations through the API would take minutes here. Every third
 * flag is on in production.
 */
async function seed(): Promise<void> {
  const { services } = adminContainer();
  const actor = { id: 'bench', name: 'bench' };
  await services.projects.create(actor, parseWith(createProjectSchema, { key: PROJECT, name: 'Bench' }));
  for (const env of ENVIRONMENTS)
    await services.environments.create(
      actor,
      PROJECT,
      parseWith(createEnvironmentSchema, { key: env, name: title(env) }),
    );
  const store = new DynamoControlStore(sharedDocumentClient());
  const createdAt = new Date().toISOString();
  const writes: Write[] = Array.from({ length: FLAGS }, (_, i) => {
    const area = areas[i % areas.length] as string;
    const feature = features[Math.floor(i / areas.length) % features.length] as string;
    const key = `${area}-${feature}-${String(i).padStart(4, '0')}`;
    const tags = i % 3 === 0 ? [area, 'team-growth'] : [area];
    const fields = flagFieldsOf(parseWith(createFlagSchema, { key, name: title(key), tags }));
    return [
      {
        ref: { kind: 'flag', project: PROJECT, flag: key },
        value: { ...fields, version: 1, createdAt },
        expect: 'absent',
      },
      ...ENVIRONMENTS.map((env): Write => {
        const config = newFlagEnvironment(fields.variations.length, undefined, newSalt());
        const on = env === 'production' && i % 3 === 1;
        return {
          ref: { kind: 'flagConfig', project: PROJECT, env, flag: key },
          value: toEvaluationFlag(fields, { ...config, on }),
          expect: 'absent',
        };
      }),
    ] satisfies Write[];
  }).flat();
  const perWrite = FLAGS_PER_WRITE * (1 + ENVIRONMENTS.length);
  const limit = pLimit(4);
  await Promise.all(
    Array.from({ length: Math.ceil(writes.length / perWrite) }, (_, i) =>
      limit(() => store.transact(writes.slice(i * perWrite, (i + 1) * perWrite), [])),
    ),
  );
}

// In-page scripts are strings: this file is type-checked for Node, without the DOM's types.
const switchSelector = (label: string) => `[role=switch][aria-label=${JSON.stringify(label)}]`;

/** Milliseconds since navigation start when the first switch is enabled. */
async function navigationToUsable(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    "document.querySelector('[role=switch]:not([disabled])') ? performance.now() : false",
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Clicks a switch in the page and resolves when it shows the confirmed new state, in ms. */
function clickToConfirmed(page: Page, label: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const control = document.querySelector(${JSON.stringify(switchSelector(label))});
    const before = control.getAttribute('aria-checked');
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (control.getAttribute('aria-checked') !== before && !control.hasAttribute('aria-busy')) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(control, { attributes: true });
    control.click();
  })`) as Promise<number>;
}

/** Resolves when the switch no longer shows `was`. */
const changedFrom = (page: Page, label: string, was: string | null) =>
  page.waitForFunction(
    `document.querySelector(${JSON.stringify(switchSelector(label))})?.getAttribute('aria-checked') !== ${JSON.stringify(was)}`,
    undefined,
    { polling: 'raf', timeout: 10_000 },
  );

const started = performance.now();
// Without event sources: SDK delivery and analytics are not measured here, and their pollers would
// compete with the browser for the CPU while they work through the seeded items.
const local = await startDashboardRuntime({
  seed: false,
  topology: { ...platformTopology, eventSources: [] },
});
const browser = await launchChromium();
try {
  const seedStart = performance.now();
  await seed();
  console.log(`Seeded ${FLAGS} flags in ${Math.round(performance.now() - seedStart)} ms`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const listUrl = `${local.runtime.apiUrl}/projects/${PROJECT}/environments/production/flags`;
  await page.goto(local.dashboardUrl);
  await page.getByRole('switch').first().waitFor({ timeout: 30_000 });

  const navigations: number[] = [];
  for (let i = 0; i < Number(args.navigations); i++)
    navigations.push(await navigationToUsable(page, listUrl));

  const names = await page
    .getByRole('switch')
    .evaluateAll((all) => all.slice(0, 6).map((s) => s.getAttribute('aria-label') as string));
  const toggles: number[] = [];
  for (let i = 0; i < Number(args.toggles); i++)
    toggles.push(await clickToConfirmed(page, names[i % names.length] as string));

  const live: number[] = [];
  const first = await page.getByRole('switch').first().getAttribute('aria-label');
  const flag = (first as string).replace(/ in Production$/, '');
  for (let i = 0; i < 5; i++) {
    const control = flagSwitch(page, flag, 'Staging');
    const before = await control.getAttribute('aria-checked');
    await local.api('PATCH', `/api/v1/projects/${PROJECT}/flags/${flag}?env=staging`, {
      instructions: [{ kind: before === 'true' ? 'turnFlagOff' : 'turnFlagOn' }],
    });
    const changed = performance.now();
    await changedFrom(page, `${flag} in Staging`, before);
    live.push(performance.now() - changed);
  }

  await page.goto(listUrl);
  await page.getByRole('switch').first().waitFor();
  await page.screenshot({ path: args.screenshot as string });

  const bytes = firstPageBytes(join(process.cwd(), 'packages/dashboard/dist'));
  console.log(
    [
      '',
      `Dashboard, ${FLAGS} flags, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model} (${cpus().length} cores), Node ${process.version}, Chromium ${browser.version()}`,
      `  first page JS ${(bytes.js / 1024).toFixed(1)} KB gzipped, CSS ${(bytes.css / 1024).toFixed(1)} KB gzipped`,
      `  navigation → usable list   ${summary(navigations)}`,
      `  toggle click → confirmed   ${summary(toggles)}`,
      `  API change → list shows it ${summary(live)}`,
      `  screenshot ${args.screenshot}; whole run ${Math.round((performance.now() - started) / 1000)} s`,
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
  await local.stop();
}
