import type { BrowserPlatform, SwitchboardOptions } from '@switchboard/browser';
import { act, cleanup, render, screen } from '@testing-library/react';
import { type ReactNode, useLayoutEffect } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  connect,
  type FakeBrowser,
  fakeBrowser,
  flag,
  silentLogger,
  startClient,
} from '../../browser/testing/fake-browser.js';
import { SwitchboardProvider, useFlag, useFlags } from './index.js';

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  cleanup();
  document.body.innerHTML = '';
});

/** A fake browser whose storage holds `values` for ada, cached by an earlier visit. */
function returningVisitor(values: Record<string, unknown>): FakeBrowser {
  const earlier = startClient();
  connect(earlier.browser, values);
  const browser = fakeBrowser();
  for (const [key, value] of earlier.browser.storage.items) browser.storage.setItem(key, value);
  return browser;
}

/** The server has no `document` and, for this visitor, no cache. */
const server = (): BrowserPlatform => ({ ...fakeBrowser().platform, document: undefined });

function page(platform: BrowserPlatform, options: SwitchboardOptions = {}) {
  return (
    <SwitchboardProvider
      clientSideId="csid-1"
      context={{ kind: 'user', key: 'ada' }}
      options={{ url: 'http://flags.test', sendEvents: false, logger: silentLogger, platform, ...options }}
    >
      <Banner />
      <All />
      <Commits />
    </SwitchboardProvider>
  );
}

/** Renders per component since the last hydration. */
const renders = { banner: 0, all: 0 };

function Banner() {
  renders.banner++;
  return <p data-testid="banner">{useFlag('banner', 'default')}</p>;
}

function All() {
  renders.all++;
  return <pre data-testid="all">{JSON.stringify(useFlags())}</pre>;
}

/** The page's HTML at each commit, before the browser paints it. */
const commits: string[] = [];
function Commits() {
  useLayoutEffect(() => {
    commits.push(document.body.innerHTML);
  });
  return null;
}

/**
 * Hydrates `html` with `view`; gives the page as served (as the DOM writes it) and the recoverable
 * errors React reported.
 */
function hydrate(html: string, view: ReactNode) {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  const served = document.body.innerHTML;
  commits.length = 0;
  Object.assign(renders, { banner: 0, all: 0 });
  const errors: unknown[] = [];
  act(() => {
    root = hydrateRoot(document.getElementById('root') as HTMLElement, view, {
      onRecoverableError: (error) => errors.push(error),
    });
  });
  return { served, errors };
}

describe('hydrating a server-rendered page', () => {
  it('without a bootstrap: the server’s defaults first, then the values cached for the context', () => {
    const html = renderToString(page(server()));
    expect(html).toContain('default');
    const { served, errors } = hydrate(html, page(returningVisitor({ banner: flag('cached') }).platform));
    expect(errors).toEqual([]);
    expect(commits[0]).toBe(served);
    expect(screen.getByTestId('banner').textContent).toBe('cached');
    expect(screen.getByTestId('all').textContent).toBe('{"banner":"cached"}');
  });

  it('counts the value shown after hydrating once for analytics, not the server’s too', async () => {
    const browser = returningVisitor({ banner: flag('cached') });
    hydrate(renderToString(page(server())), page(browser.platform, { sendEvents: true }));
    act(() => root?.unmount());
    root = undefined;
    await vi.waitFor(() => expect(browser.requests).toHaveLength(1));
    type Summary = { features: Record<string, { counters: unknown[] }> };
    const [summary] = (browser.requests[0]?.body ?? []) as Summary[];
    expect(summary?.features.banner?.counters).toEqual([
      expect.objectContaining({ value: 'cached', count: 1 }),
    ]);
  });

  it('with a bootstrap: its values, not the cached ones, and no render after hydrating', () => {
    const bootstrap = { banner: 'spring' };
    const html = renderToString(page(server(), { bootstrap }));
    expect(html).toContain('spring');
    const { served, errors } = hydrate(
      html,
      page(returningVisitor({ banner: flag('cached') }).platform, { bootstrap }),
    );
    expect(errors).toEqual([]);
    expect(commits).toEqual([served]);
    expect(renders).toEqual({ banner: 1, all: 1 });
  });
});

describe('rendering on the client only', () => {
  it('shows the cached values in the first render: no flash of defaults', () => {
    commits.length = 0;
    render(page(returningVisitor({ banner: flag('cached') }).platform));
    expect(commits).toHaveLength(1);
    expect(screen.getByTestId('banner').textContent).toBe('cached');
    expect(screen.getByTestId('all').textContent).toBe('{"banner":"cached"}');
  });
});
