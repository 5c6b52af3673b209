import { describe, expect, it, vi } from 'vitest';
import {
  ADA,
  BOB,
  connect,
  fakeBrowser,
  flag,
  silentLogger,
  startClient,
  useFakeClock,
} from '../testing/fake-browser.js';
import { initialize } from './index.js';

useFakeClock();

/** What the Node SDK's `allFlagsState(context, { clientSideOnly: true }).toJSON()` gives. */
const ldBootstrap = {
  'new-checkout': true,
  banner: 'spring',
  $flagsState: {
    'new-checkout': { variation: 0, version: 12, reason: { kind: 'RULE_MATCH', ruleIndex: 0 } },
    banner: { variation: 2, version: 3 },
  },
  $valid: true,
};

/** The Node SDK's `FlagsState`, as `allFlagsState()` returns it: `valid`, `flags` and own methods. */
interface NodeFlagsState {
  readonly valid: boolean;
  readonly flags: Readonly<Record<string, unknown>>;
  getFlagValue(key: string): unknown;
  getFlagReason(key: string): unknown;
  allValues(): Record<string, unknown>;
  toJSON(): Readonly<Record<string, unknown>>;
}

/** A `FlagsState` whose `toJSON()` is `json`, built as the Node SDK builds one. */
function nodeFlagsState(json: Readonly<Record<string, unknown>>): NodeFlagsState {
  const { $flagsState, $valid, ...values } = json as Record<string, unknown>;
  const metadata = $flagsState as Record<string, { variation?: number; version?: number; reason?: unknown }>;
  return {
    valid: $valid === true,
    flags: Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        key,
        { value, variationIndex: metadata[key]?.variation ?? null, version: metadata[key]?.version ?? 0 },
      ]),
    ),
    getFlagValue: (key) => values[key],
    getFlagReason: (key) => metadata[key]?.reason ?? null,
    allValues: () => ({ ...values }),
    toJSON: () => json,
  };
}

describe('bootstrap', () => {
  it('serves LaunchDarkly-format values at once and is ready without the network', async () => {
    const { client } = startClient({ bootstrap: ldBootstrap });
    expect(client.variationDetail('new-checkout', false)).toEqual({
      value: true,
      variationIndex: 0,
      reason: { kind: 'RULE_MATCH', ruleIndex: 0 },
    });
    expect(client.variation('banner', '')).toBe('spring');
    await expect(client.waitForInitialization({ timeout: 0.01 })).resolves.toBeUndefined();
  });

  it('serves a plain map', () => {
    const { client } = startClient({ bootstrap: { a: 1, b: [1, 2] } });
    expect(client.allFlags()).toEqual({ a: 1, b: [1, 2] });
    expect(client.variationDetail('a', 0)).toEqual({ value: 1, variationIndex: null, reason: null });
  });

  describe('from the Node SDK’s allFlagsState', () => {
    const detail = { value: true, variationIndex: 0, reason: { kind: 'RULE_MATCH', ruleIndex: 0 } };
    const state = nodeFlagsState(ldBootstrap);

    it.each([
      ['the object itself', state],
      ['its toJSON()', state.toJSON()],
      ['a JSON round trip', JSON.parse(JSON.stringify(state))],
    ])('takes %s', (_, bootstrap) => {
      const { client } = startClient({ bootstrap });
      expect(client.variationDetail('new-checkout', false)).toEqual(detail);
      expect(client.allFlags()).toEqual({ 'new-checkout': true, banner: 'spring' });
    });

    it('ignores the object when it is not valid', () => {
      const { client } = startClient({ bootstrap: nodeFlagsState({ $flagsState: {}, $valid: false }) });
      expect(client.initialized).toBe(false);
    });
  });

  it('reads flags named `valid`, `flags` or `toJSON` as flags, in either format', () => {
    const values = { valid: true, flags: { a: { value: 'x', variationIndex: 1, version: 4 } } };
    expect(startClient({ bootstrap: values }).client.allFlags()).toEqual(values);
    const ldFormat = {
      ...values,
      toJSON: 'y',
      $flagsState: { valid: { variation: 0, version: 2 }, flags: { variation: 1, version: 2 } },
      $valid: true,
    };
    const { client } = startClient({ bootstrap: ldFormat });
    expect(client.allFlags()).toEqual({ ...values, toJSON: 'y' });
    expect(client.variationDetail('flags', null)).toMatchObject({ value: values.flags, variationIndex: 1 });
  });

  it('ignores a bootstrap marked invalid', () => {
    const { client } = startClient({ bootstrap: { a: 1, $valid: false } });
    expect(client.variation('a', 0)).toBe(0);
    expect(client.initialized).toBe(false);
  });

  it('moves to live values without flicker: equal values change nothing, different ones change once', () => {
    const { client, browser } = startClient({ bootstrap: ldBootstrap });
    const seen: unknown[] = [];
    client.on('change:new-checkout', (value) => seen.push(value));
    const banner = vi.fn();
    client.on('change:banner', banner);
    connect(browser, { 'new-checkout': flag(true, 12), banner: flag('summer', 4, 1) });
    expect(seen).toEqual([]);
    expect(banner).toHaveBeenCalledExactlyOnceWith('summer', 'spring');
  });

  it('keeps the values the server rendered, for hydration, after live values and a new context', async () => {
    const { client, browser } = startClient({ bootstrap: ldBootstrap });
    const rendered = client.bootstrapFlags();
    expect(rendered).toEqual({ 'new-checkout': true, banner: 'spring' });
    connect(browser, { banner: flag('summer', 4, 1) });
    const identified = client.identify(BOB);
    browser.socket.receive({ type: 'values', id: browser.socket.lastId, values: {} });
    await identified;
    expect(client.allFlags()).toEqual({});
    expect(client.bootstrapFlags()).toBe(rendered);
    expect(rendered).toEqual({ 'new-checkout': true, banner: 'spring' });
  });

  it('has no values the server rendered without a valid bootstrap, even with cached ones', () => {
    const first = startClient();
    connect(first.browser, { banner: flag('cached') });
    const { client } = startClient({ platform: { storage: first.browser.storage } });
    expect(client.allFlags()).toEqual({ banner: 'cached' });
    expect(client.bootstrapFlags()).toEqual({});
    expect(startClient({ bootstrap: { a: 1, $valid: false } }).client.bootstrapFlags()).toEqual({});
  });
});

describe('the local cache', () => {
  it('shows a context’s last values on the next visit until live values arrive', () => {
    const first = startClient({ cache: true });
    connect(first.browser, { a: flag('cached') });
    const storage = first.browser.storage;
    const next = fakeBrowser();
    const client = initialize('csid-1', ADA, {
      url: 'http://flags.test',
      sendEvents: false,
      logger: silentLogger,
      platform: { ...next.platform, storage },
    });
    expect(client.variation('a', 'default')).toBe('cached');
    expect(client.initialized).toBe(false);
    next.socket.open();
    next.socket.receive({ type: 'values', id: 1, values: { a: flag('live', 2) } });
    expect(client.variation('a', 'default')).toBe('live');
  });

  it('keeps contexts apart, and environments apart', () => {
    const first = startClient();
    connect(first.browser, { a: flag('ada') });
    const storage = first.browser.storage;
    const make = (id: string, context: typeof ADA | typeof BOB) =>
      initialize(id, context, {
        url: 'http://flags.test',
        sendEvents: false,
        platform: { ...fakeBrowser().platform, storage },
      });
    expect(make('csid-1', BOB).variation('a', 'none')).toBe('none');
    expect(make('csid-2', ADA).variation('a', 'none')).toBe('none');
    expect(make('csid-1', ADA).variation('a', 'none')).toBe('ada');
  });

  it('keeps the five contexts written last', () => {
    const { client, browser } = startClient();
    connect(browser, {});
    for (let i = 1; i <= 6; i++) {
      void client.identify({ kind: 'user', key: `u${i}` });
      browser.socket.receive({ type: 'values', id: browser.socket.lastId, values: { a: flag(i) } });
    }
    const keys = [...browser.storage.items.keys()].filter((k) => !k.endsWith('$index')).sort();
    expect(keys).toEqual(['u2', 'u3', 'u4', 'u5', 'u6'].map((u) => `switchboard:csid-1:${u}`));
  });

  it('is not used with cache: false', () => {
    const { browser } = startClient({ cache: false });
    connect(browser, { a: flag(1) });
    expect(browser.storage.items.size).toBe(0);
  });

  it('survives a storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    const { client, browser } = startClient({ platform: { storage: throwing } });
    connect(browser, { a: flag(1) });
    expect(client.variation('a', 0)).toBe(1);
  });
});

// Server rendering (no `document`): a request or an event from there would be thrown away with the
// render, once per page served.
describe('outside a browser', () => {
  const onServer = (options: Parameters<typeof initialize>[2] = {}) => {
    const browser = fakeBrowser();
    const platform = { ...browser.platform, window: undefined, document: undefined };
    const client = initialize('csid-1', ADA, {
      url: 'http://flags.test',
      logger: silentLogger,
      ...options,
      platform,
    });
    return { browser, client };
  };

  it('serves its bootstrap and makes no request, sends no event', async () => {
    const { browser, client } = onServer({ bootstrap: { banner: 'spring' } });
    await expect(client.waitForInitialization()).resolves.toBeUndefined();
    expect(client.variation('banner', 'none')).toBe('spring');
    client.track('rendered');
    await vi.advanceTimersByTimeAsync(60_000);
    await client.close();
    expect(browser.sockets).toEqual([]);
    expect(browser.requests).toEqual([]);
    expect(browser.beacons).toEqual([]);
  });

  it('says at once that no values will come without a bootstrap, and identifies nothing', async () => {
    const { browser, client } = onServer({ streaming: false });
    await expect(client.waitForInitialization({ timeout: 30 })).rejects.toMatchObject({
      code: 'no_browser',
    });
    expect(client.variation('banner', 'none')).toBe('none');
    await expect(client.identify(BOB)).rejects.toMatchObject({ code: 'no_browser' });
    expect(browser.requests).toEqual([]);
  });
});
