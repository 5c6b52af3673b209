// The demo's whole use of the SDK: initialize, show one flag, re-render on `change:KEY`.
// A server that renders this page can put LaunchDarkly-format bootstrap values in
// `window.__SWITCHBOARD_BOOTSTRAP__` (e.g. from the Node SDK's allFlagsState), so the first paint
// already shows the right value.
import { initialize } from './sdk/index.js';

const DEFAULT = '(default)';

async function settings() {
  const query = new URLSearchParams(window.location.search);
  if (query.has('clientSideId')) return Object.fromEntries(query);
  const response = await fetch('./config.json');
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return response.json();
}

const byId = (id) => document.getElementById(id);

try {
  const config = await settings();
  const flag = config.flag ?? 'new-checkout';
  const context = { kind: 'user', key: config.user ?? 'browser-demo-user' };
  byId('flag').textContent = flag;
  byId('user').textContent = context.key;
  const client = initialize(config.clientSideId, context, {
    baseUrl: config.baseUrl,
    streamUrl: config.streamUrl,
    bootstrap: window.__SWITCHBOARD_BOOTSTRAP__,
  });
  const render = () => {
    byId('value').textContent = JSON.stringify(client.variation(flag, DEFAULT));
  };
  render();
  client.on(`change:${flag}`, render);
  client.on('ready', () => {
    byId('status').textContent = 'live';
  });
  client.on('error', (error) => {
    byId('status').textContent = `problem: ${error.message}`;
  });
  window.switchboard = client;
} catch (error) {
  byId('status').textContent = `cannot start: ${error.message}`;
}
