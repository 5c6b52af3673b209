/**
 * Evaluates flags many times and sends the evaluation counts to the analytics pipeline. With
 * `npm start` running in another terminal:
 *
 *   npx tsx examples/node-analytics.ts
 *
 * then read the counts from the insights API (see the README). The SDK key and URLs come from
 * `.switchboard/local.json` (in `SWITCHBOARD_DATA_DIR` when set), which `npm start` writes;
 * `SWITCHBOARD_SDK_KEY`, `SWITCHBOARD_API_URL` and `SWITCHBOARD_WS_URL` override them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { init } from '@switchboard/node';

interface LocalJson {
  apiUrl: string;
  wsUrl: string;
  projects: { key: string; environments: { key: string; sdkKey: string }[] }[];
}

const dataDir = process.env.SWITCHBOARD_DATA_DIR ?? '.switchboard';
const local = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8')) as LocalJson;
const production = local.projects
  .find((project) => project.key === 'demo')
  ?.environments.find((environment) => environment.key === 'production');

const client = init({
  sdkKey: process.env.SWITCHBOARD_SDK_KEY ?? production?.sdkKey ?? '',
  baseUrl: process.env.SWITCHBOARD_API_URL ?? local.apiUrl,
  streamUrl: process.env.SWITCHBOARD_WS_URL ?? local.wsUrl,
});
await client.waitForInitialization({ timeout: 10 });

// 10,000 users; `search-algorithm` is a 50/25/25 experiment, so the counts split three ways.
const served: Record<string, number> = {};
for (let i = 0; i < 10_000; i++) {
  const context = { kind: 'user', key: `user-${i}` };
  const value = client.stringVariation('search-algorithm', context, 'classic');
  served[value] = (served[value] ?? 0) + 1;
  client.boolVariation('new-checkout', context, false);
  if (i % 100 === 0) client.track('search-performed', context, { page: 1 }, i % 7);
}
console.log('search-algorithm served:', served);

// Evaluation counts are summarised in memory and sent every 10 s; close() sends what is left.
await client.close();
console.log('Counts sent; see the README for reading them back.', client.eventStats());
