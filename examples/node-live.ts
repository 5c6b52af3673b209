/**
 * A Node program that reacts live to flag changes. With `npm start` running in another terminal:
 *
 *   npx tsx examples/node-live.ts
 *
 * then toggle `new-checkout` with curl (see the README) and watch the value change here. The SDK key
 * and URLs come from `.switchboard/local.json`, which `npm start` writes; `SWITCHBOARD_SDK_KEY`,
 * `SWITCHBOARD_API_URL` and `SWITCHBOARD_WS_URL` override them.
 */
import { readFileSync } from 'node:fs';
import { init } from '@switchboard/node';

interface LocalJson {
  apiUrl: string;
  wsUrl: string;
  projects: { key: string; environments: { key: string; sdkKey: string }[] }[];
}

const local = JSON.parse(readFileSync('.switchboard/local.json', 'utf8')) as LocalJson;
const production = local.projects
  .find((project) => project.key === 'demo')
  ?.environments.find((environment) => environment.key === 'production');

const client = init({
  sdkKey: process.env.SWITCHBOARD_SDK_KEY ?? production?.sdkKey ?? '',
  baseUrl: process.env.SWITCHBOARD_API_URL ?? local.apiUrl,
  streamUrl: process.env.SWITCHBOARD_WS_URL ?? local.wsUrl,
});

const context = { kind: 'user', key: 'example-user' };
const show = () =>
  console.log(
    `${new Date().toISOString()}  new-checkout is ${client.boolVariation('new-checkout', context, false) ? 'ON' : 'off'}`,
  );

client.on('status', (status) => console.log(`${new Date().toISOString()}  connection ${status}`));
client.on('update', ({ kind, key }) => {
  if (kind === 'flag' && key === 'new-checkout') show();
});
await client.waitForInitialization({ timeout: 10 });
show();
console.log('Waiting for changes; Ctrl-C to stop.');
process.on('SIGINT', () => void client.close().then(() => process.exit(0)));
