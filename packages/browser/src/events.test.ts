import { eventBatchSchema } from '@switchboard/core/schema';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { ADA, BOB, connect, flag, settle, startClient, useFakeClock } from '../testing/fake-browser.js';

useFakeClock(Date.UTC(2026, 11, 6, 12));

const eventsUrl = 'http://flags.test/sdk/v1/events/csid-1';

function started() {
  const started = startClient({ sendEvents: true, flushInterval: 5_000 });
  connect(started.browser, { a: flag('x', 7, 1), b: flag(true, 2, 0) });
  return started;
}

describe('analytics', () => {
  it('counts evaluations per (flag, version, variation) and posts a summary the ingest schema accepts', async () => {
    const { client, browser } = started();
    for (let i = 0; i < 1000; i++) client.variation('a', 'default');
    client.variation('b', false);
    client.variation('missing', 'fallback');
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag('y', 8, 0) } });
    client.variation('a', 'default');
    await client.flush();
    expect(browser.requests).toHaveLength(1);
    const [request] = browser.requests;
    expect(request?.url).toBe(eventsUrl);
    expect(request?.keepalive).toBe(true);
    expect(v.is(eventBatchSchema, request?.body)).toBe(true);
    expect(request?.body).toEqual([
      {
        kind: 'summary',
        startDate: Date.now(),
        endDate: Date.now(),
        features: {
          a: {
            default: 'default',
            contextKinds: ['user'],
            counters: [
              { variation: 1, version: 7, value: 'x', count: 1000 },
              { variation: 0, version: 8, value: 'y', count: 1 },
            ],
          },
          b: {
            default: false,
            contextKinds: ['user'],
            counters: [{ variation: 0, version: 2, value: true, count: 1 }],
          },
          missing: {
            default: 'fallback',
            contextKinds: ['user'],
            counters: [{ unknown: true, value: 'fallback', count: 1 }],
          },
        },
      },
    ]);
  });

  it('sends track events with the keys of the context current when tracked', async () => {
    const { client, browser } = started();
    client.track('checkout', { cart: 3 }, 59.9);
    const identified = client.identify(BOB);
    browser.socket.receive({ type: 'values', id: 2, values: {} });
    await identified;
    client.track('signup');
    await client.flush();
    const body = browser.requests[0]?.body;
    expect(v.is(eventBatchSchema, body)).toBe(true);
    expect(body).toEqual([
      {
        kind: 'custom',
        key: 'checkout',
        contextKeys: { user: 'ada' },
        data: { cart: 3 },
        metricValue: 59.9,
        creationDate: Date.now(),
      },
      { kind: 'custom', key: 'signup', contextKeys: { user: 'bob' }, creationDate: Date.now() },
    ]);
  });

  it('flushes every flush interval, and nothing when there is nothing', async () => {
    const { client, browser } = started();
    client.variation('a', '');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(browser.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(browser.requests).toHaveLength(1);
  });

  it('retries a failed post once, then drops it', async () => {
    const { client, browser } = started();
    browser.state.respond = () => ({ status: 503 });
    client.track('k');
    await client.flush();
    expect(browser.requests).toHaveLength(2);
    browser.state.respond = () => ({ status: 400 });
    client.track('k');
    await client.flush();
    expect(browser.requests).toHaveLength(3);
  });

  it('keeps out what would make the ingest endpoint refuse the whole batch', async () => {
    const { client, browser } = started();
    client.variation('a', '');
    client.variation('bad#key', 0);
    client.variation('x'.repeat(257), 0);
    client.track('bad#event');
    client.track('ok', undefined, Number.NaN);
    await client.flush();
    const body = browser.requests[0]?.body as { kind: string; features?: object }[];
    expect(v.is(eventBatchSchema, body)).toBe(true);
    expect(Object.keys(body[0]?.features ?? {})).toEqual(['a']);
    expect(body[1]).toEqual({
      kind: 'custom',
      key: 'ok',
      contextKeys: { user: 'ada' },
      creationDate: Date.now(),
    });
    expect(body).toHaveLength(2);
  });

  it('drops at the call a track event ingest would refuse or JSON cannot hold, and posts the others', async () => {
    const { client, browser } = started();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    client.track('too-big', undefined, 1e20);
    client.track('bigint', { n: 10n });
    client.track('cycle', cycle);
    client.track('kept', { cart: 3 }, 59.9);
    await client.flush();
    const body = browser.requests[0]?.body as { key: string }[];
    expect(v.is(eventBatchSchema, body)).toBe(true);
    expect(body.map((event) => event.key)).toEqual(['kept']);
  });

  it('drops track events beyond the capacity', async () => {
    const { client, browser } = startClient({ sendEvents: true, eventCapacity: 2 });
    for (let i = 0; i < 5; i++) client.track(`k${i}`);
    await client.flush();
    expect(browser.requests[0]?.body).toHaveLength(2);
  });

  it('hands what is left to sendBeacon on pagehide, as a JSON blob', async () => {
    const { client, browser } = started();
    client.variation('a', '');
    client.track('leaving');
    browser.window.dispatchEvent(new Event('pagehide'));
    expect(browser.requests).toHaveLength(0);
    expect(browser.beacons).toHaveLength(1);
    const beacon = browser.beacons[0];
    expect(beacon?.url).toBe(eventsUrl);
    expect(beacon?.body.type).toBe('application/json');
    const body = JSON.parse((await beacon?.body.text()) ?? '');
    expect(v.is(eventBatchSchema, body)).toBe(true);
    expect(body.map((e: { kind: string }) => e.kind)).toEqual(['summary', 'custom']);
    await client.flush();
    expect(browser.requests).toHaveLength(0);
  });

  it('hands what is left to sendBeacon when the page is hidden too', async () => {
    // A phone switching apps hides the page and may then discard it without a pagehide.
    const { client, browser } = started();
    client.variation('a', '');
    browser.document.visibilityState = 'hidden';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    expect(browser.beacons).toHaveLength(1);
    browser.document.visibilityState = 'visible';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    client.variation('b', false);
    browser.window.dispatchEvent(new Event('pagehide'));
    expect(browser.beacons).toHaveLength(2);
    await client.close();
    browser.document.visibilityState = 'hidden';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    expect(browser.beacons).toHaveLength(2);
  });

  it('falls back to a keepalive fetch when the beacon is refused', async () => {
    const { client, browser } = started();
    browser.state.beaconAccepts = false;
    client.track('leaving');
    browser.window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(browser.requests).toEqual([
      { url: eventsUrl, keepalive: true, body: [expect.objectContaining({ key: 'leaving' })] },
    ]);
  });

  it('flushes on close and sends nothing after', async () => {
    const { client, browser } = started();
    client.variation('a', '');
    await client.close();
    expect(browser.requests).toHaveLength(1);
    client.variation('a', '');
    client.track('late');
    browser.window.dispatchEvent(new Event('pagehide'));
    expect(browser.beacons).toHaveLength(0);
  });

  it('sends nothing with sendEvents: false', async () => {
    const { client, browser } = startClient({ sendEvents: false }, ADA);
    connect(browser, { a: flag(1) });
    client.variation('a', 0);
    client.track('k');
    await client.flush();
    browser.window.dispatchEvent(new Event('pagehide'));
    expect(browser.requests).toHaveLength(0);
    expect(browser.beacons).toHaveLength(0);
  });
});
