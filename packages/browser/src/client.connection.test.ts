import { describe, expect, it, vi } from 'vitest';
import { ADA, BOB, connect, flag, settle, startClient, useFakeClock } from '../testing/fake-browser.js';

useFakeClock();

const MINUTE = 60_000;

describe('reconnecting', () => {
  it('reconnects after a close with full-jitter backoff and identifies again', async () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('v1') });
    browser.socket.drop();
    expect(browser.sockets).toHaveLength(1);
    // random() is 0.5: half of the 1 s ceiling.
    await vi.advanceTimersByTimeAsync(499);
    expect(browser.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(browser.sockets).toHaveLength(2);
    browser.socket.open();
    expect(browser.socket.identifies).toEqual([{ action: 'identify', id: 2, context: ADA }]);
    // The values shown stay until the resync's answer replaces them.
    expect(client.variation('a', '')).toBe('v1');
    browser.socket.receive({ type: 'values', id: 2, values: { a: flag('v2', 2) } });
    expect(client.variation('a', '')).toBe('v2');
  });

  it('doubles the ceiling per failed attempt up to 30 s', async () => {
    const { browser } = startClient({ maxWebSocketFailures: 100 });
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const before = Date.now();
      const count = browser.sockets.length;
      browser.socket.drop();
      while (browser.sockets.length === count) await vi.advanceTimersByTimeAsync(100);
      delays.push(Date.now() - before);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
  });

  it('ignores a replaced socket’s late messages', async () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('v1') });
    const old = browser.socket;
    old.drop();
    await vi.advanceTimersByTimeAsync(500);
    old.receive({ type: 'values', id: 1, values: { a: flag('late', 9) } });
    expect(client.variation('a', '')).toBe('v1');
  });

  it('counts a socket that does not open in time as failed', async () => {
    const { browser } = startClient();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(browser.sockets[0]?.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(browser.sockets).toHaveLength(2);
  });

  it('replaces the connection before API Gateway’s 2-hour limit and resyncs', async () => {
    const { browser } = startClient({ stream: { pingIntervalMs: 200 * MINUTE } });
    connect(browser, {});
    // random() is 0.5: no jitter, so exactly 110 minutes.
    await vi.advanceTimersByTimeAsync(110 * MINUTE - 1);
    expect(browser.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(browser.sockets).toHaveLength(2);
    expect(browser.sockets[0]?.closed).toBe(true);
    browser.socket.open();
    expect(browser.socket.lastId).toBe(2);
  });

  it('reconnects at once when the page becomes visible or the network comes back', async () => {
    const { browser } = startClient();
    connect(browser, {});
    browser.socket.drop();
    browser.sockets[0]?.drop();
    browser.document.visibilityState = 'visible';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    expect(browser.sockets).toHaveLength(2);
    browser.socket.drop();
    browser.window.dispatchEvent(new Event('online'));
    expect(browser.sockets).toHaveLength(3);
  });

  it('does nothing when the page is hidden', () => {
    const { browser } = startClient();
    connect(browser, {});
    browser.socket.drop();
    browser.document.visibilityState = 'hidden';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    expect(browser.sockets).toHaveLength(1);
  });
});

describe('keep-alive', () => {
  it('pings every 5 minutes and reconnects when a whole interval passes without any message', async () => {
    const { browser } = startClient();
    connect(browser, {});
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(browser.socket.sent.at(-1)).toEqual({ action: 'ping' });
    browser.socket.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(browser.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(browser.sockets[0]?.closed).toBe(true);
  });

  it('checks an open socket when the page comes back, and replaces it if it stays silent', async () => {
    const { browser } = startClient();
    connect(browser, {});
    browser.window.dispatchEvent(new Event('online'));
    expect(browser.socket.sent.at(-1)).toEqual({ action: 'ping' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(browser.sockets[0]?.closed).toBe(true);
  });
});

describe('polling fallback', () => {
  const evaluateUrl = 'http://flags.test/sdk/v1/evaluate/csid-1';

  async function failSockets(browser: ReturnType<typeof startClient>['browser'], times: number) {
    for (let i = 0; i < times; i++) {
      const count = browser.sockets.length;
      browser.socket.drop();
      while (browser.sockets.length === count) await vi.advanceTimersByTimeAsync(100);
    }
  }

  it('polls the evaluate endpoint after three WebSocket attempts that never opened', async () => {
    const { client, browser } = startClient({ hash: 'h' });
    browser.state.respond = () => ({ status: 200, body: { values: { a: flag('polled') } } });
    await failSockets(browser, 2);
    expect(browser.requests).toEqual([]);
    browser.socket.drop();
    await settle();
    expect(browser.requests).toEqual([{ url: `${evaluateUrl}?h=h`, body: ADA }]);
    expect(client.variation('a', '')).toBe('polled');
    await expect(client.waitForInitialization()).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(browser.requests).toHaveLength(2);
  });

  it('answers identify from the evaluate endpoint while polling', async () => {
    const { client, browser } = startClient();
    browser.state.respond = (_url, body) => ({
      status: 200,
      body: { values: { who: flag((body as { key: string }).key) } },
    });
    await failSockets(browser, 3);
    await expect(client.identify(BOB)).resolves.toEqual({ who: 'bob' });
  });

  it('stops polling once a WebSocket answers again', async () => {
    const { client, browser } = startClient();
    browser.state.respond = () => ({ status: 200, body: { values: { a: flag('polled') } } });
    await failSockets(browser, 3);
    await vi.advanceTimersByTimeAsync(1_000);
    connect(browser, { a: flag('live', 2) });
    expect(client.variation('a', '')).toBe('live');
    const polls = browser.requests.length;
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(browser.requests).toHaveLength(polls);
  });

  it('stops for good when the client-side id is refused, and sends no events with it', async () => {
    const { client, browser } = startClient({ sendEvents: true, flushInterval: 5_000 });
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    browser.state.respond = () => ({ status: 401, body: { error: { code: 'unauthorized' } } });
    const refused = expect(client.waitForInitialization()).rejects.toMatchObject({
      code: 'unauthorized',
      // Found by exploratory testing: it said the context was refused.
      message: expect.stringMatching(/^Switchboard refused the client-side id: /),
    });
    client.variation('a', false);
    client.track('clicked');
    await failSockets(browser, 2);
    browser.socket.drop();
    await refused;
    expect(errors).toEqual(['unauthorized']);
    const sockets = browser.sockets.length;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await expect(client.identify(BOB)).rejects.toMatchObject({ code: 'unauthorized' });
    await client.close();
    expect(browser.sockets).toHaveLength(sockets);
    expect(browser.requests.map((r) => r.url)).toEqual(['http://flags.test/sdk/v1/evaluate/csid-1']);
  });

  it('rejects an identify the evaluate endpoint refuses, and keeps polling', async () => {
    const { client, browser } = startClient({}, ADA, (browser) => {
      browser.state.respond = (_url, body) =>
        (body as { key: string }).key === 'bob'
          ? {
              status: 403,
              body: { error: { code: 'forbidden', message: '?h= does not match this context' } },
            }
          : { status: 200, body: { values: { who: flag('ada') } } };
    });
    await failSockets(browser, 3);
    expect(client.variation('who', '')).toBe('ada');
    await expect(client.identify(BOB, 'wrong')).rejects.toMatchObject({ code: 'invalid_hash' });
    expect(browser.requests.at(-1)?.url).toBe(`${evaluateUrl}?h=wrong`);
    await settle();
    expect(client.getContext()).toBe(ADA);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(browser.requests.at(-1)).toEqual({ url: evaluateUrl, body: ADA });
    expect(client.variation('who', '')).toBe('ada');
  });

  // What the local runtime's evaluate endpoint answers (2026-12-07): HTTP's generic codes, which
  // the client turns into the codes the WebSocket gives for the same refusal.
  it.each([
    [
      'a missing hash',
      undefined,
      403,
      { code: 'forbidden', message: 'This environment is in secure mode: pass the context hash as ?h=' },
      'secure_mode_hash_required',
    ],
    [
      'a wrong hash',
      'wrong',
      403,
      { code: 'forbidden', message: '?h= does not match this context' },
      'invalid_hash',
    ],
    [
      'an invalid context',
      undefined,
      400,
      { code: 'invalid_request', message: 'context.key: Required' },
      'invalid_context',
    ],
    [
      'a context too large',
      undefined,
      413,
      { code: 'payload_too_large', message: 'Request body exceeds 262144 bytes' },
      'context_too_large',
    ],
  ])('rejects %s over HTTP with the WebSocket’s code', async (_name, hash, status, error, code) => {
    const { client } = startClient({ streaming: false }, ADA, (browser) => {
      browser.state.respond = (_url, body) =>
        (body as { key: string }).key === 'bob'
          ? { status, body: { error } }
          : { status: 200, body: { values: { who: flag('ada') } } };
    });
    await settle();
    await expect(client.identify(BOB, hash)).rejects.toMatchObject({
      code,
      message: expect.stringContaining(error.message),
    });
  });

  it('reports a failed poll and tries again at the next interval', async () => {
    const { client, browser } = startClient();
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    browser.state.respond = () => ({ status: 503 });
    await failSockets(browser, 3);
    expect(errors).toEqual(['poll_failed']);
    browser.state.respond = () => ({ status: 200, body: { values: { a: flag(1) } } });
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(client.variation('a', 0)).toBe(1);
  });

  it('polls from the start in a browser without WebSocket', async () => {
    const { client, browser } = startClient({ platform: { openWebSocket: undefined } }, ADA, (browser) => {
      browser.state.respond = () => ({ status: 200, body: { values: { a: flag('polled') } } });
    });
    await settle();
    expect(client.variation('a', '')).toBe('polled');
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(browser.requests).toHaveLength(2);
  });

  it('polls when the WebSocket server does not know identify', async () => {
    const { client, browser } = startClient({}, ADA, (browser) => {
      browser.state.respond = () => ({ status: 200, body: { values: { a: flag('polled') } } });
    });
    browser.socket.open();
    browser.socket.receive({ type: 'error', code: 'unsupported_action', message: 'not yet' });
    await settle();
    expect(browser.socket.closed).toBe(true);
    expect(client.variation('a', '')).toBe('polled');
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(browser.requests).toHaveLength(2);
    expect(browser.sockets).toHaveLength(1);
  });

  it('with streaming: false, fetches once per identify and opens no socket', async () => {
    const { client, browser } = startClient({ streaming: false }, ADA, (browser) => {
      browser.state.respond = (_url, body) => ({
        status: 200,
        body: { values: { who: flag((body as { key: string }).key) } },
      });
    });
    await settle();
    expect(browser.sockets).toHaveLength(0);
    expect(client.variation('who', '')).toBe('ada');
    await expect(client.identify(BOB)).resolves.toEqual({ who: 'bob' });
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(browser.requests).toHaveLength(2);
  });
});
