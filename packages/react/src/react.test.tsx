import { initialize, type SwitchboardClient, type SwitchboardOptions } from '@switchboard/browser';
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  connect,
  type FakeBrowser,
  type FakeSocket,
  fakeBrowser,
  flag,
  silentLogger,
} from '../../browser/testing/fake-browser.js';
import { SwitchboardProvider, useFlag, useFlags, useSwitchboardClient } from './index.js';

afterEach(() => {
  cleanup();
});

function makeClient(options: { bootstrap?: Record<string, unknown>; sendEvents?: boolean } = {}) {
  const browser = fakeBrowser();
  const client = initialize(
    'csid-1',
    { kind: 'user', key: 'ada' },
    {
      url: 'http://flags.test',
      sendEvents: false,
      logger: silentLogger,
      platform: browser.platform,
      ...options,
    },
  );
  return { client, browser };
}

/** A component that shows one flag and counts its renders. */
function Flag({ name, renders }: { name: string; renders: Record<string, number> }) {
  const value = useFlag(name, 'default');
  renders[name] = (renders[name] ?? 0) + 1;
  return <span data-testid={name}>{String(value)}</span>;
}

describe('useFlag', () => {
  it('re-renders only the components whose flag changed', () => {
    const { client, browser } = makeClient();
    const renders: Record<string, number> = {};
    render(
      <SwitchboardProvider client={client}>
        <Flag name="a" renders={renders} />
        <Flag name="b" renders={renders} />
      </SwitchboardProvider>,
    );
    expect(screen.getByTestId('a').textContent).toBe('default');
    act(() => connect(browser, { a: flag('a1'), b: flag('b1') }));
    expect(screen.getByTestId('a').textContent).toBe('a1');
    expect(screen.getByTestId('b').textContent).toBe('b1');
    const before = { ...renders };
    act(() => browser.socket.receive({ type: 'values', id: 1, values: { a: flag('a2', 2) } }));
    expect(screen.getByTestId('a').textContent).toBe('a2');
    expect(renders.a).toBe((before.a ?? 0) + 1);
    expect(renders.b).toBe(before.b);
  });

  it('shows bootstrapped values in the first render', () => {
    const { client } = makeClient({ bootstrap: { a: 'boot' } });
    const renders: Record<string, number> = {};
    render(
      <SwitchboardProvider client={client}>
        <Flag name="a" renders={renders} />
      </SwitchboardProvider>,
    );
    expect(screen.getByTestId('a').textContent).toBe('boot');
    expect(renders.a).toBe(1);
  });

  it('renders on the server (SSR, a Next.js client component) with the bootstrapped values', () => {
    const { client } = makeClient({ bootstrap: { a: 'boot' } });
    const html = renderToString(
      <SwitchboardProvider client={client}>
        <Flag name="a" renders={{}} />
        <All />
      </SwitchboardProvider>,
    );
    expect(html).toContain('boot');
    expect(seen).toEqual({ a: 'boot' });
  });

  it('serves the default after the flag is deleted', () => {
    const { client, browser } = makeClient();
    connect(browser, { a: flag('a1', 1) });
    render(
      <SwitchboardProvider client={client}>
        <Flag name="a" renders={{}} />
      </SwitchboardProvider>,
    );
    act(() =>
      browser.socket.receive({ type: 'values', id: 1, values: { a: { deleted: true, version: 2 } } }),
    );
    expect(screen.getByTestId('a').textContent).toBe('default');
  });

  it('counts each value shown once for analytics, not each render', async () => {
    const { client, browser } = makeClient({ sendEvents: true });
    connect(browser, { a: flag('a1') });
    const view = (
      <SwitchboardProvider client={client}>
        <Flag name="a" renders={{}} />
      </SwitchboardProvider>
    );
    const { rerender } = render(view);
    rerender(view);
    rerender(view);
    await client.flush();
    type Summary = { features: Record<string, { counters: unknown[] }> };
    const [summary] = (browser.requests[0]?.body ?? []) as Summary[];
    expect(summary?.features.a?.counters).toEqual([expect.objectContaining({ count: 1 })]);
    await client.close();
  });
});

let seen: Readonly<Record<string, unknown>> = {};
function All() {
  seen = useFlags();
  return null;
}

let got: SwitchboardClient | undefined;
function Probe() {
  got = useSwitchboardClient();
  return null;
}

describe('useFlags', () => {
  it('gives every value and re-renders on any change', () => {
    const { client, browser } = makeClient();
    render(
      <SwitchboardProvider client={client}>
        <All />
      </SwitchboardProvider>,
    );
    act(() => connect(browser, { a: flag(1), b: flag(2) }));
    expect(seen).toEqual({ a: 1, b: 2 });
    act(() => browser.socket.receive({ type: 'values', id: 1, values: { b: flag(3, 2) } }));
    expect(seen).toEqual({ a: 1, b: 3 });
  });
});

describe('SwitchboardProvider', () => {
  function owned(browser: FakeBrowser, key: string, options: SwitchboardOptions = {}) {
    return (
      <SwitchboardProvider
        clientSideId="csid-1"
        context={{ kind: 'user', key }}
        options={{
          url: 'http://flags.test',
          sendEvents: false,
          logger: silentLogger,
          platform: browser.platform,
          ...options,
        }}
      >
        <Flag name="who" renders={{}} />
      </SwitchboardProvider>
    );
  }

  it('creates its client, identifies when the context changes and closes it on unmount', async () => {
    const browser = fakeBrowser();
    const { rerender, unmount } = render(<StrictMode>{owned(browser, 'ada')}</StrictMode>);
    // StrictMode makes a second client in development and throws one away: that one is closed,
    // and its rehearsal unmount did not close the other.
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    const open = browser.sockets.filter((socket) => !socket.closed);
    expect(open).toHaveLength(1);
    const socket = open[0] as FakeSocket;
    act(() => {
      socket.open();
      socket.receive({ type: 'values', id: 1, values: { who: flag('ada') } });
    });
    expect(screen.getByTestId('who').textContent).toBe('ada');
    rerender(<StrictMode>{owned(browser, 'ada')}</StrictMode>);
    expect(socket.identifies).toHaveLength(1);
    rerender(<StrictMode>{owned(browser, 'bob')}</StrictMode>);
    expect(socket.identifies.at(-1)).toMatchObject({ id: 2, context: { kind: 'user', key: 'bob' } });
    act(() => socket.receive({ type: 'values', id: 2, values: { who: flag('bob') } }));
    expect(screen.getByTestId('who').textContent).toBe('bob');
    unmount();
    await vi.waitFor(() => expect(socket.closed).toBe(true));
  });

  it('identifies a new context with the hash given with it in options (secure mode)', () => {
    const browser = fakeBrowser();
    const view = (key: string) => owned(browser, key, { hash: `hash-of-${key}` });
    const { rerender } = render(view('ada'));
    act(() => connect(browser, {}));
    expect(browser.socket.identifies.at(-1)).toMatchObject({ context: { key: 'ada' }, hash: 'hash-of-ada' });
    rerender(view('bob'));
    expect(browser.socket.identifies.at(-1)).toMatchObject({ context: { key: 'bob' }, hash: 'hash-of-bob' });
  });

  it('follows a given client that changes', () => {
    const first = makeClient();
    const second = makeClient();
    connect(first.browser, { who: flag('first') });
    connect(second.browser, { who: flag('second') });
    const view = (client: SwitchboardClient) => (
      <SwitchboardProvider client={client}>
        <Flag name="who" renders={{}} />
      </SwitchboardProvider>
    );
    const { rerender } = render(view(first.client));
    expect(screen.getByTestId('who').textContent).toBe('first');
    rerender(view(second.client));
    expect(screen.getByTestId('who').textContent).toBe('second');
  });

  it('leaves a client it was given open', async () => {
    const { client, browser } = makeClient();
    const { unmount } = render(<SwitchboardProvider client={client}>{null}</SwitchboardProvider>);
    unmount();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(browser.socket.closed).toBe(false);
  });

  it('gives the client to useSwitchboardClient, and hooks outside a provider throw', () => {
    const { client } = makeClient();
    render(
      <SwitchboardProvider client={client}>
        <Probe />
      </SwitchboardProvider>,
    );
    expect(got).toBe(client);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Probe />)).toThrow(/inside <SwitchboardProvider>/);
  });
});
