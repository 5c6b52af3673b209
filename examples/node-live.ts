/**
 * A Node program that reacts live to flag changes. With `npm start` running in another terminal:
 *
 *   npx tsx examples/node-live.ts
 *
 * then toggle `new-checkout` with curl (see the README) and watch the value change here. The SDK key
 * and URLs come from `.switchboard/local.json` (see `local-client.ts`).
 */
import { localClient } from './local-client.js';

const client = localClient();

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
