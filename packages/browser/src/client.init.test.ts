import { describe, expect, it, vi } from 'vitest';
import { ADA, connect, flag, settle, startClient, useFakeClock } from '../testing/fake-browser.js';
import { SwitchboardError } from './index.js';

useFakeClock();

describe('initialize', () => {
  it('connects with the client-side id and identifies with id 1 and the context', () => {
    const { browser } = startClient({ hash: 'h1' });
    expect(browser.socket.url).toBe('ws://flags.test/?clientSideId=csid-1');
    browser.socket.open();
    expect(browser.socket.sent).toEqual([{ action: 'identify', id: 1, context: ADA, hash: 'h1' }]);
  });

  it('takes separate baseUrl and streamUrl', () => {
    const { browser } = startClient({
      url: undefined,
      baseUrl: 'http://api.test',
      streamUrl: 'wss://ws.test/v1',
    });
    expect(browser.socket.url).toBe('wss://ws.test/v1?clientSideId=csid-1');
  });

  it.each([
    ['no client-side id', '', { url: 'http://x.test' }],
    ['no URL', 'csid', {}],
    ['a URL that is none', 'csid', { url: 'not a url' }],
  ])('refuses %s', async (_name, id, options) => {
    const { initialize } = await import('./index.js');
    expect(() => initialize(id, ADA, options)).toThrow(SwitchboardError);
  });
});

describe('waitForInitialization', () => {
  it('resolves and emits ready once the answer to the identify arrived', async () => {
    const { client, browser } = startClient();
    const ready = vi.fn();
    client.on('ready', ready);
    const waiting = client.waitForInitialization({ timeout: 5 });
    connect(browser, { beta: flag(true) });
    await expect(waiting).resolves.toBeUndefined();
    expect(ready).toHaveBeenCalledTimes(1);
    expect(client.initialized).toBe(true);
    expect(client.variation('beta', false)).toBe(true);
  });

  it('resolves at once when already initialized', async () => {
    const { client, browser } = startClient();
    connect(browser, {});
    await settle();
    await expect(client.waitForInitialization()).resolves.toBeUndefined();
  });

  it('rejects with a timeout error after the timeout', async () => {
    const { client } = startClient();
    const waiting = client.waitForInitialization({ timeout: 2 });
    const assertion = expect(waiting).rejects.toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(2_000);
    await assertion;
  });

  it.each([Number.POSITIVE_INFINITY, 3e6])(
    'waits with a timeout of %s s, past what setTimeout can count, until the values arrive',
    async (timeout) => {
      // setTimeout fires at once for a delay over 2^31 - 1 ms (about 24.8 days).
      const { client, browser } = startClient();
      const settled = vi.fn();
      const waiting = client.waitForInitialization({ timeout }).finally(settled);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(settled).not.toHaveBeenCalled();
      connect(browser, {});
      await expect(waiting).resolves.toBeUndefined();
    },
  );

  it('rejects with the server’s code when the first identify is refused', async () => {
    const { client, browser } = startClient();
    const errors: SwitchboardError[] = [];
    client.on('error', (error) => errors.push(error));
    const waiting = client.waitForInitialization();
    browser.socket.open();
    browser.socket.receive({ type: 'error', id: 1, code: 'invalid_context', message: 'kind is invalid' });
    await expect(waiting).rejects.toMatchObject({ code: 'invalid_context' });
    await expect(client.waitForInitialization()).rejects.toMatchObject({ code: 'invalid_context' });
    expect(errors.map((e) => e.code)).toEqual(['invalid_context']);
  });
});

describe('variation', () => {
  it('serves the default, with a reason, when the flag cannot give a value', async () => {
    const { client, browser } = startClient();
    expect(client.variationDetail('beta', 'd')).toEqual({
      value: 'd',
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' },
    });
    connect(browser, { beta: flag('on', 3, 1), nothing: flag(null, 1, null), broken: { version: 'x' } });
    expect(client.variationDetail('beta', 'd')).toEqual({
      value: 'on',
      variationIndex: 1,
      reason: { kind: 'FALLTHROUGH' },
    });
    expect(client.variationDetail('missing', 'd').reason).toEqual({
      kind: 'ERROR',
      errorKind: 'FLAG_NOT_FOUND',
    });
    expect(client.variationDetail('nothing', 'd')).toEqual({
      value: 'd',
      variationIndex: null,
      reason: { kind: 'FALLTHROUGH' },
    });
    expect(client.variation('broken', 'd')).toBe('d');
    expect(client.allFlags()).toEqual({ beta: 'on', nothing: null });
  });

  it('never throws, even when counting the evaluation fails', async () => {
    const hostile = {
      get kind(): string {
        throw new Error('boom');
      },
      key: 'x',
    };
    const { client } = startClient({ sendEvents: true, bootstrap: { beta: true } }, hostile);
    expect(() => client.variation('beta', false)).not.toThrow();
    expect(client.variationDetail('beta', false)).toMatchObject({
      value: false,
      reason: { kind: 'ERROR', errorKind: 'EXCEPTION' },
    });
    await client.close();
  });

  it('does not let a throwing listener break the message loop', () => {
    const { client, browser } = startClient();
    client.on('change:beta', () => {
      throw new Error('listener bug');
    });
    const after = vi.fn();
    client.on('change', after);
    connect(browser, { beta: flag(true) });
    expect(after).toHaveBeenCalledTimes(1);
    expect(client.variation('beta', false)).toBe(true);
  });
});

describe('close', () => {
  it('closes the socket and leaves no timer behind', async () => {
    const { client, browser } = startClient({ sendEvents: true });
    connect(browser, {});
    await client.close();
    expect(browser.socket.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects a waitForInitialization still waiting, and later ones, with closed', async () => {
    const { client } = startClient();
    const waiting = client.waitForInitialization({ timeout: 30 });
    const assertion = expect(waiting).rejects.toMatchObject({ code: 'closed' });
    await client.close();
    await assertion;
    await expect(client.waitForInitialization()).rejects.toMatchObject({ code: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
