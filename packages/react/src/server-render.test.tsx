// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { useFlag } from './hooks.js';
import { SwitchboardProvider } from './provider.js';

afterEach(() => vi.unstubAllGlobals());

function Banner() {
  return <p>{useFlag('banner', 'none')}</p>;
}

// Every server render of the provider made a client that asked the evaluate endpoint for values,
// then was closed and its answer thrown away: one request per page served.
it('renders on the server with the bootstrap and no request to Switchboard', async () => {
  const fetch = vi.fn(async () => new Response('{}'));
  vi.stubGlobal('fetch', fetch);
  const html = renderToString(
    <SwitchboardProvider
      clientSideId="csid-1"
      context={{ kind: 'user', key: 'ada' }}
      options={{ url: 'https://flags.example.com', bootstrap: { banner: 'spring' } }}
    >
      <Banner />
    </SwitchboardProvider>,
  );
  expect(html).toContain('spring');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(fetch).not.toHaveBeenCalled();
});
