import { ErrorCode, type EvaluationContext, OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADA,
  BOB,
  connect,
  type FakeBrowser,
  fakeBrowser,
  flag,
  MemoryStorage,
  silentLogger,
} from '../testing/fake-browser.js';
import { anonymousKey, SwitchboardWebProvider, toSwitchboardContext } from './openfeature.js';

/** A provider on a fake browser, its first identify answered with `values`. */
async function ready(values: Record<string, unknown>, context: EvaluationContext = { targetingKey: 'ada' }) {
  const browser: FakeBrowser = fakeBrowser();
  const provider = new SwitchboardWebProvider('csid-1', {
    url: 'http://flags.test',
    logger: silentLogger,
    platform: browser.platform,
    flushInterval: 60_000,
  });
  await OpenFeature.setContext(context);
  const set = OpenFeature.setProviderAndWait(provider);
  await vi.waitFor(() => expect(browser.sockets).toHaveLength(1));
  connect(browser, values);
  await set;
  return { provider, browser, client: OpenFeature.getClient() };
}

/** A provider on a fake browser whose socket has not opened yet. */
function unready() {
  const browser = fakeBrowser();
  const provider = new SwitchboardWebProvider('csid-1', {
    url: 'http://flags.test',
    logger: silentLogger,
    platform: browser.platform,
    sendEvents: false,
  });
  return { browser, provider };
}

afterEach(async () => {
  await OpenFeature.clearProviders();
  await OpenFeature.clearContexts();
});

describe('SwitchboardWebProvider', () => {
  it('resolves values with variant, reason and metadata', async () => {
    const { client, browser } = await ready({ beta: flag(true, 3, 0), label: flag('Buy', 1, 2) });
    expect(browser.socket.identifies[0]?.context).toEqual(ADA);
    expect(client.getBooleanDetails('beta', false)).toMatchObject({
      value: true,
      variant: '0',
      reason: 'DEFAULT',
      flagMetadata: { reasonKind: 'FALLTHROUGH' },
    });
    expect(client.getStringValue('label', '')).toBe('Buy');
  });

  it.each([
    ['an unknown flag', 'missing', ErrorCode.FLAG_NOT_FOUND],
    ['a flag of another type', 'beta', ErrorCode.TYPE_MISMATCH],
  ])('maps %s to %s and serves the default', async (_name, key, code) => {
    const { client } = await ready({ beta: flag(true) });
    expect(client.getNumberDetails(key, 7)).toMatchObject({ value: 7, errorCode: code, reason: 'ERROR' });
  });

  it('identifies on setContext and resolves only when the new values arrived', async () => {
    const { client, browser } = await ready({ who: flag('ada') });
    const changed = OpenFeature.setContext({ targetingKey: 'bob' });
    await vi.waitFor(() => expect(browser.socket.identifies).toHaveLength(2));
    expect(browser.socket.identifies[1]).toMatchObject({ id: 2, context: BOB });
    browser.socket.receive({ type: 'values', id: 2, values: { who: flag('bob') } });
    await changed;
    expect(client.getStringValue('who', '')).toBe('bob');
  });

  it('emits PROVIDER_CONFIGURATION_CHANGED with the changed keys on a push', async () => {
    const { client, browser } = await ready({ a: flag(1), b: flag(1) });
    const changed = vi.fn();
    client.addHandler(ProviderEvents.ConfigurationChanged, changed);
    browser.socket.receive({ type: 'values', id: 1, values: { a: flag(2, 2), b: flag(1, 2) } });
    await vi.waitFor(() => expect(changed).toHaveBeenCalled());
    expect(changed.mock.calls[0]?.[0]).toMatchObject({ flagsChanged: ['a'] });
  });

  it('sends track events with their value as the metric', async () => {
    const { client, browser } = await ready({});
    client.track('checkout', { value: 59.9, cart: 3 });
    await OpenFeature.close();
    const events = browser.requests.flatMap((r) => r.body as Record<string, unknown>[]);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'custom', key: 'checkout', metricValue: 59.9, data: { cart: 3 } }),
    );
  });

  it('fails initialization when the server refuses the context', async () => {
    const { browser, provider } = unready();
    const set = OpenFeature.setProviderAndWait(provider);
    await vi.waitFor(() => expect(browser.sockets).toHaveLength(1));
    browser.socket.open();
    browser.socket.receive({ type: 'error', id: 1, code: 'invalid_context', message: 'bad' });
    await expect(set).rejects.toBeDefined();
  });

  it('ends initialization without an error when closed before the first values', async () => {
    const { provider } = unready();
    const initializing = provider.initialize({ targetingKey: 'ada' });
    await provider.onClose();
    await expect(initializing).resolves.toBeUndefined();
  });
});

describe('toSwitchboardContext', () => {
  it.each([
    [
      { targetingKey: 'ada', plan: 'pro' },
      { kind: 'user', key: 'ada', plan: 'pro' },
    ],
    [
      { kind: 'org', targetingKey: 'acme', since: new Date(Date.UTC(2026, 0, 1)) },
      { kind: 'org', key: 'acme', since: '2026-01-01T00:00:00.000Z' },
    ],
    [{}, { kind: 'user', key: 'anonymous', anonymous: true }],
    [
      { kind: 'multi', user: { targetingKey: 'ada' }, org: { targetingKey: 'acme', tier: 2 }, ignored: 'x' },
      { kind: 'multi', user: { key: 'ada' }, org: { key: 'acme', tier: 2 } },
    ],
  ])('%j → %j', (input, expected) => {
    expect(toSwitchboardContext(input)).toEqual(expected);
  });
});

describe('anonymousKey', () => {
  it('makes one key per browser and keeps it', () => {
    const storage = new MemoryStorage();
    const key = anonymousKey(storage);
    expect(key).toMatch(/^[\w-]{8,}$/);
    expect(anonymousKey(storage)).toBe(key);
    expect(anonymousKey(new MemoryStorage())).not.toBe(key);
  });

  it('is "anonymous" without storage', () => {
    expect(anonymousKey(undefined)).toBe('anonymous');
  });
});
