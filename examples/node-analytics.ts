/**
 * Evaluates flags many times and sends the evaluation counts to the analytics pipeline. With
 * `npm start` running in another terminal:
 *
 *   npx tsx examples/node-analytics.ts
 *
 * then read the counts from the insights API (see the README). The SDK key and URLs
 * come from `.switchboard/local.json` (see `local-client.ts`).
 */
import { localClient } from './local-client.js';

const client = localClient();
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
