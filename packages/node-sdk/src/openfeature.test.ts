import {
  ErrorCode,
  type EventDetails,
  OpenFeature,
  ProviderEvents,
  ProviderFatalError,
  ProviderStatus,
} from '@openfeature/server-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, patchMessage, segment, segmentFlag, stringFlag } from '../testing/flags.js';
import { waitFor } from '../testing/wait.js';
import { init, silentLogger, TestData } from './index.js';
import { SwitchboardProvider } from './openfeature.js';

describe('SwitchboardProvider through the OpenFeature client', () => {
  let service: FakeService;
  let provider: SwitchboardProvider;

  beforeEach(async () => {
    service = await FakeService.start();
    service.putFlag(booleanFlag('beta', 1, true));
    service.putFlag(stringFlag('greeting', 1, 'hello'));
    service.putFlag(booleanFlag('dark', 1, true, { on: false }));
    service.putFlag(segmentFlag('staff-only', 1, 'staff'));
    service.putSegment(segment('staff', 1, ['alice']));
    provider = new SwitchboardProvider({
      sdkKey: service.sdkKey,
      baseUrl: service.baseUrl,
      streamUrl: service.streamUrl,
      logger: silentLogger,
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
    });
    await OpenFeature.setProviderAndWait(provider);
  });

  afterEach(async () => {
    await OpenFeature.close();
    await service.stop();
  });

  it('becomes ready after the first sync and evaluates flags', async () => {
    const flags = OpenFeature.getClient();
    expect(flags.providerStatus).toBe(ProviderStatus.READY);
    expect(await flags.getBooleanValue('beta', false, { targetingKey: 'alice' })).toBe(true);
    expect(await flags.getStringDetails('greeting', 'bye', { targetingKey: 'alice' })).toMatchObject({
      flagKey: 'greeting',
      value: 'hello',
      variant: '0',
      reason: 'DEFAULT',
      flagMetadata: { reasonKind: 'FALLTHROUGH' },
    });
  });

  it('maps rule matches to TARGETING_MATCH and off flags to DISABLED', async () => {
    const flags = OpenFeature.getClient();
    expect(await flags.getBooleanDetails('staff-only', false, { targetingKey: 'alice' })).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
      flagMetadata: { reasonKind: 'RULE_MATCH', ruleId: 'in-segment', ruleIndex: 0 },
    });
    expect(await flags.getBooleanDetails('dark', true, { targetingKey: 'alice' })).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
  });

  it.each([
    ['an unknown flag', 'nope', { targetingKey: 'alice' }, ErrorCode.FLAG_NOT_FOUND],
    ['a value of another type', 'greeting', { targetingKey: 'alice' }, ErrorCode.TYPE_MISMATCH],
    ['a context without targeting key', 'beta', { plan: 'pro' }, ErrorCode.TARGETING_KEY_MISSING],
  ])('reports %s with its error code and the default', async (_case, key, context, errorCode) => {
    const details = await OpenFeature.getClient().getBooleanDetails(key, false, context);
    expect(details).toMatchObject({ value: false, reason: 'ERROR', errorCode });
  });

  it('maps a multi-kind context', async () => {
    const value = await OpenFeature.getClient().getBooleanValue('staff-only', false, {
      kind: 'multi',
      user: { targetingKey: 'alice' },
      org: { targetingKey: 'acme' },
    });
    expect(value).toBe(true);
  });

  it('emits ConfigurationChanged with the changed flags, including dependents of a segment', async () => {
    const events: (EventDetails | undefined)[] = [];
    OpenFeature.getClient().addHandler(ProviderEvents.ConfigurationChanged, (details) => {
      events.push(details);
    });
    service.push(patchMessage(booleanFlag('beta', 2, false)));
    await waitFor(() => events.length === 1);
    expect(events[0]?.flagsChanged).toEqual(['beta']);
    service.push(patchMessage(segment('staff', 2, []), 'segment'));
    await waitFor(() => events.length === 2);
    expect(events[1]?.flagsChanged).toEqual(['staff-only']);
    expect(await OpenFeature.getClient().getBooleanValue('beta', true, { targetingKey: 'alice' })).toBe(
      false,
    );
  });

  it('reports Stale while disconnected and Ready once resynced', async () => {
    const seen: ProviderEvents[] = [];
    const flags = OpenFeature.getClient();
    flags.addHandler(ProviderEvents.Stale, () => {
      seen.push(ProviderEvents.Stale);
    });
    flags.addHandler(ProviderEvents.Ready, () => {
      seen.push(ProviderEvents.Ready);
    });
    // A handler added when the provider is already ready runs once at once.
    await waitFor(() => seen.length === 1);
    service.dropConnections();
    await waitFor(() => seen.length === 3);
    expect(seen).toEqual([ProviderEvents.Ready, ProviderEvents.Stale, ProviderEvents.Ready]);
    expect(flags.providerStatus).toBe(ProviderStatus.READY);
  });

  it('reports a key rejected after initialization as an Error event with PROVIDER_FATAL', async () => {
    const errors: (EventDetails | undefined)[] = [];
    OpenFeature.getClient().addHandler(ProviderEvents.Error, (details) => {
      errors.push(details);
    });
    // The key is revoked: the reconnect after the drop is refused.
    (service as { sdkKey: string }).sdkKey = 'revoked';
    service.dropConnections();
    await waitFor(() => errors.length === 1);
    expect(errors[0]).toMatchObject({
      errorCode: ErrorCode.PROVIDER_FATAL,
      message: expect.stringMatching(/rejected/),
    });
  });

  it('closes the client it made when OpenFeature closes', async () => {
    await OpenFeature.close();
    expect(provider.client.getStatus()).toBe('closed');
    await waitFor(() => service.openConnections === 0);
  });
});

describe('SwitchboardProvider with a rejected SDK key', () => {
  it('fails initialization with ProviderFatalError: the OpenFeature client is FATAL', async () => {
    const service = await FakeService.start();
    try {
      const provider = new SwitchboardProvider({
        sdkKey: 'wrong',
        baseUrl: service.baseUrl,
        streamUrl: service.streamUrl,
        logger: silentLogger,
      });
      const failure = OpenFeature.setProviderAndWait(provider);
      await expect(failure).rejects.toThrow(/rejected the SDK key/);
      await expect(failure).rejects.toBeInstanceOf(ProviderFatalError);
      expect(OpenFeature.getClient().providerStatus).toBe(ProviderStatus.FATAL);
    } finally {
      await OpenFeature.close();
      await service.stop();
    }
  });
});

describe('SwitchboardProvider shut down before its first sync', () => {
  // OpenFeature closing (or replacing) the provider abandons its initialization (OpenFeature spec
  // 2.5.2); an error there would reach the application's PROVIDER_ERROR handlers as a failure.
  it('ends initialize without an error, so OpenFeature reports no failure for the shutdown', async () => {
    const service = await FakeService.start();
    const errors: (EventDetails | undefined)[] = [];
    const onError = (details?: EventDetails) => {
      errors.push(details);
    };
    try {
      service.putFlag(booleanFlag('beta', 1, true));
      service.holdSnapshots();
      const provider = new SwitchboardProvider({
        sdkKey: service.sdkKey,
        baseUrl: service.baseUrl,
        streamUrl: service.streamUrl,
        logger: silentLogger,
      });
      const initialized = OpenFeature.setProviderAndWait(provider);
      // Added once the provider is set: a handler runs at once for the status it is added in.
      OpenFeature.addHandler(ProviderEvents.Error, onError);
      await OpenFeature.close();
      await expect(initialized).resolves.toBeUndefined();
      expect(errors).toEqual([]);
      expect(provider.client.getStatus()).toBe('closed');
      // With no flags ever received, evaluations answer the default, saying the provider is not ready.
      const detail = await OpenFeature.getClient().getBooleanDetails('beta', false, { targetingKey: 'u-1' });
      expect(detail).toMatchObject({ value: false, errorCode: ErrorCode.PROVIDER_NOT_READY });
    } finally {
      OpenFeature.removeHandler(ProviderEvents.Error, onError);
      await service.stop();
    }
  });
});

describe('SwitchboardProvider tracking', () => {
  it('maps OpenFeature track() to client.track, value to the metric value and the rest to data', async () => {
    const client = init({
      sdkKey: 'k',
      dataSource: new TestData().getFactory(),
      logger: silentLogger,
      sendEvents: false,
    });
    const calls: unknown[][] = [];
    client.track = (...args: unknown[]) => {
      calls.push(args);
    };
    await OpenFeature.setProviderAndWait(new SwitchboardProvider(client));
    const flags = OpenFeature.getClient();
    flags.track('checkout', { targetingKey: 'u-42', plan: 'pro' }, { value: 99.5, cart: 3 });
    flags.track('visit', { targetingKey: 'u-43' });
    flags.track('anonymous', { plan: 'pro' });
    expect(calls).toEqual([
      ['checkout', { kind: 'user', key: 'u-42', plan: 'pro' }, { cart: 3 }, 99.5],
      ['visit', { kind: 'user', key: 'u-43' }, undefined, undefined],
    ]);
    await OpenFeature.close();
    await client.close();
  });
});
