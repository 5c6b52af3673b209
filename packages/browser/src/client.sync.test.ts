import { describe, expect, it, vi } from 'vitest';
import { ADA, BOB, connect, flag, settle, startClient, useFakeClock } from '../testing/fake-browser.js';

useFakeClock();

describe('values messages', () => {
  it('merges a push into the values and reports only what changed', () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag(1), b: flag('x') });
    const changes = vi.fn();
    const changeA = vi.fn();
    client.on('change', changes);
    client.on('change:a', changeA);
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag(2, 2), b: flag('x', 2) } });
    expect(client.allFlags()).toEqual({ a: 2, b: 'x' });
    expect(changes).toHaveBeenCalledExactlyOnceWith({ a: { current: 2, previous: 1 } });
    expect(changeA).toHaveBeenCalledExactlyOnceWith(2, 1);
  });

  it('keeps per flag the entry with the highest version and ignores older ones', () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('v5', 5) });
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag('v4', 4) } });
    expect(client.variation('a', '')).toBe('v5');
    // A segment change alters a result without a new flag version: equal versions apply.
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag('v5b', 5) } });
    expect(client.variation('a', '')).toBe('v5b');
  });

  it('of one flag version keeps the result of the latest state, in whatever order pushes arrive', () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('v5', 5) });
    const push = (value: string, stateAt: number) =>
      browser.socket.receive({
        type: 'values',
        id: 1,
        partial: true,
        stateAt,
        values: { a: flag(value, 5) },
      });
    // Two segment changes, their pushes posted by two invocations, the later state's first.
    push('second', 2_000);
    push('first', 1_000);
    expect(client.variation('a', '')).toBe('second');
    push('third', 3_000);
    expect(client.variation('a', '')).toBe('third');
    // A new flag version wins whatever its state's time.
    push('v6', 500);
    browser.socket.receive({
      type: 'values',
      id: 1,
      partial: true,
      stateAt: 10,
      values: { a: flag('v6', 6) },
    });
    expect(client.variation('a', '')).toBe('v6');
  });

  it('removes a flag on a deleted marker, and a late older value does not bring it back', () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag(true, 3), b: flag(true) });
    const changeA = vi.fn();
    client.on('change:a', changeA);
    browser.socket.receive({ type: 'values', id: 1, values: { a: { deleted: true, version: 4 } } });
    expect(client.variation('a', false)).toBe(false);
    expect(client.allFlags()).toEqual({ b: true });
    expect(changeA).toHaveBeenCalledExactlyOnceWith(undefined, true);
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag(true, 3) } });
    expect(client.variation('a', false)).toBe(false);
  });

  it('replaces everything with the answer to an identify: flags it lacks are gone', () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag(1), gone: flag(2) });
    void client.identify(BOB);
    browser.socket.receive({ type: 'values', id: 2, values: { a: flag(1) } });
    expect(client.allFlags()).toEqual({ a: 1 });
  });

  it('ignores unparseable frames and messages of other types', () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag(1) });
    browser.socket.onmessage?.({ data: 'not json' });
    browser.socket.receive({ type: 'hello', ackRate: 0.1, id: 1 });
    browser.socket.receive({ type: 'values', id: 1, values: 'nope' });
    expect(client.allFlags()).toEqual({ a: 1 });
  });
});

describe('identify', () => {
  it('sends the next id and resolves with the new context’s values', async () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('ada') });
    const identified = client.identify(BOB, 'hash-bob');
    expect(browser.socket.identifies.at(-1)).toEqual({
      action: 'identify',
      id: 2,
      context: BOB,
      hash: 'hash-bob',
    });
    browser.socket.receive({ type: 'values', id: 2, values: { a: flag('bob') } });
    await expect(identified).resolves.toEqual({ a: 'bob' });
    expect(client.getContext()).toBe(BOB);
  });

  it('keeps the previous values until the answer, and ignores pushes for the previous identify', () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('ada') });
    void client.identify(BOB);
    // A push the fan-out evaluated for ada (id 1) arrives after identify 2 was sent: stale.
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag('ada-2', 2) } });
    expect(client.variation('a', '')).toBe('ada');
    browser.socket.receive({ type: 'values', id: 2, values: { a: flag('bob', 2) } });
    expect(client.variation('a', '')).toBe('bob');
  });

  it('applies a push that overtook the answer to its identify after the answer, by state time', async () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('ada'), b: flag('ada') });
    const identified = client.identify(BOB);
    const changes = vi.fn();
    client.on('change', changes);
    // Pushes hold only the flags they change: neither may stand in for the answer.
    browser.socket.receive({
      type: 'values',
      id: 2,
      partial: true,
      stateAt: 2_000,
      values: { a: flag('new', 1) },
    });
    browser.socket.receive({
      type: 'values',
      id: 2,
      partial: true,
      stateAt: 500,
      values: { b: flag('old', 1) },
    });
    expect(client.allFlags()).toEqual({ a: 'ada', b: 'ada' });
    browser.socket.receive({
      type: 'values',
      id: 2,
      stateAt: 1_000,
      values: { a: flag('bob'), b: flag('bob') },
    });
    await expect(identified).resolves.toEqual({ a: 'new', b: 'bob' });
    expect(client.allFlags()).toEqual({ a: 'new', b: 'bob' });
    expect(changes.mock.calls.map(([all]) => all)).toEqual([
      { a: { current: 'bob', previous: 'ada' }, b: { current: 'bob', previous: 'ada' } },
      { a: { current: 'new', previous: 'bob' } },
    ]);
  });

  it('applies only the answer to the last of several quick identifies', async () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('ada') });
    const first = client.identify(BOB);
    const second = client.identify({ kind: 'user', key: 'cy' });
    browser.socket.receive({ type: 'values', id: 2, values: { a: flag('bob') } });
    expect(client.variation('a', '')).toBe('ada');
    browser.socket.receive({ type: 'values', id: 3, values: { a: flag('cy') } });
    await expect(Promise.all([first, second])).resolves.toEqual([{ a: 'cy' }, { a: 'cy' }]);
  });

  it('rejects when the server refuses the context, keeps the previous one and syncs it again', async () => {
    const { client, browser } = startClient();
    connect(browser, { a: flag('ada') });
    const identified = client.identify(BOB, 'wrong');
    browser.socket.receive({ type: 'error', id: 2, code: 'invalid_hash', message: 'no match' });
    await expect(identified).rejects.toMatchObject({ code: 'invalid_hash' });
    expect(client.getContext()).toBe(ADA);
    expect(client.variation('a', '')).toBe('ada');
    expect(browser.socket.identifies.at(-1)).toMatchObject({ id: 3, context: ADA });
    browser.socket.receive({ type: 'values', id: 3, values: { a: flag('ada', 2) } });
    browser.socket.receive({ type: 'values', id: 3, values: { a: flag('ada-3', 3) } });
    expect(client.variation('a', '')).toBe('ada-3');
  });

  it('refuses a context too large for one WebSocket message without sending it', async () => {
    // API Gateway (and the local gateway) close a socket that sends more than 128 KiB in a message;
    // the client would reconnect and send it again, forever.
    const huge = { kind: 'user', key: 'huge', notes: 'x'.repeat(128 * 1024) };
    const { client, browser } = startClient();
    connect(browser, { a: flag('ada') });
    await expect(client.identify(huge)).rejects.toMatchObject({ code: 'context_too_large' });
    expect(browser.socket.identifies.map((m) => m.context)).not.toContain(huge);
    expect(client.getContext()).toBe(ADA);

    const started = startClient({}, huge);
    const waiting = expect(started.client.waitForInitialization()).rejects.toMatchObject({
      code: 'context_too_large',
    });
    started.browser.socket.open();
    await waiting;
    expect(started.browser.socket.identifies).toEqual([]);
  });

  it('waits for the socket when called before it opened', async () => {
    const { client, browser } = startClient();
    const identified = client.identify(BOB);
    connect(browser, { a: flag('bob') });
    expect(browser.socket.identifies).toEqual([{ action: 'identify', id: 1, context: BOB }]);
    await expect(identified).resolves.toEqual({ a: 'bob' });
  });

  it('rejects once closed, and a pending identify on close', async () => {
    const { client } = startClient();
    const pending = client.identify(BOB);
    await client.close();
    await expect(pending).rejects.toMatchObject({ code: 'closed' });
    await expect(client.identify(BOB)).rejects.toMatchObject({ code: 'closed' });
    await settle();
  });
});
