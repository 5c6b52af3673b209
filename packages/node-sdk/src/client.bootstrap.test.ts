import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testClient } from '../testing/client.js';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, stringFlag, user } from '../testing/flags.js';
import { countingTimers } from '../testing/timers.js';
import { nextEvent } from '../testing/wait.js';
import { init, type SwitchboardClient, SwitchboardConfigError, silentLogger } from './index.js';

const alice = user('alice');
const bootstrap = {
  flags: { beta: booleanFlag('beta', 1, true), greeting: stringFlag('greeting', 1, 'hello') },
};
const noNetwork = {
  fetch: () => {
    throw new Error('offline clients must not fetch');
  },
  openWebSocket: () => {
    throw new Error('offline clients must not open sockets');
  },
};

describe('SwitchboardClient offline and bootstrap', () => {
  const directory = mkdtempSync(join(tmpdir(), 'switchboard-bootstrap-'));
  let client: SwitchboardClient;

  afterEach(async () => {
    await client?.close();
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('evaluates a bootstrap object offline, without touching the network', async () => {
    client = init({ offline: true, bootstrap, logger: silentLogger, platform: noNetwork });
    const ready = nextEvent(client, 'ready');
    await expect(client.waitForInitialization()).resolves.toBe(client);
    await ready;
    expect(client.getStatus()).toBe('offline');
    expect(client.boolVariation('beta', alice, false)).toBe(true);
    expect(client.stringVariation('greeting', alice, 'bye')).toBe('hello');
  });

  it('reads a bootstrap file in the snapshot format', () => {
    const file = join(directory, 'flags.json');
    writeFileSync(file, JSON.stringify(bootstrap));
    client = init({ offline: true, bootstrapFile: file, logger: silentLogger, platform: noNetwork });
    expect(client.boolVariation('beta', alice, false)).toBe(true);
  });

  it('evaluates every flag with allFlagsState, optionally client-side only and with reasons', () => {
    const clientSide = booleanFlag('public', 3, true, {
      clientSideAvailability: { usingEnvironmentId: true },
    });
    client = init({
      offline: true,
      bootstrap: { flags: { ...bootstrap.flags, public: clientSide } },
      logger: silentLogger,
      platform: noNetwork,
    });
    expect(Object.keys(client.allFlagsState(alice).flags).sort()).toEqual(['beta', 'greeting', 'public']);
    const state = client.allFlagsState(alice, { clientSideOnly: true, withReasons: true });
    expect(state.valid).toBe(true);
    expect(state.flags).toEqual({
      public: { value: true, variationIndex: 0, version: 3, reason: { kind: 'FALLTHROUGH' } },
    });
  });

  it('answers defaults offline with no bootstrap data', () => {
    client = init({ offline: true, logger: silentLogger, platform: noNetwork });
    expect(client.variationDetail('beta', alice, 'default').reason).toEqual({
      kind: 'ERROR',
      errorKind: 'FLAG_NOT_FOUND',
    });
  });

  it('evaluates bootstrap data until the first sync replaces it', async () => {
    const service = await FakeService.start();
    try {
      service.putFlag(booleanFlag('beta', 2, false));
      const release = service.holdSnapshots();
      client = testClient(service, { bootstrap });
      expect(client.getStatus()).toBe('initializing');
      expect(client.boolVariation('beta', alice, false)).toBe(true);
      const update = nextEvent(client, 'update');
      release();
      await client.waitForInitialization({ timeout: 5 });
      expect(client.boolVariation('beta', alice, true)).toBe(false);
      // The snapshot lacks `greeting`, so the bootstrap's copy is deleted.
      expect(client.stringVariation('greeting', alice, 'bye')).toBe('bye');
      expect(await update).toEqual([{ kind: 'flag', key: 'beta' }]);
    } finally {
      await client.close();
      await service.stop();
    }
  });

  describe('init rejects options that cannot work', () => {
    it.each([
      ['no SDK key', { baseUrl: 'http://x', streamUrl: 'ws://x' }, /sdkKey/],
      ['no URLs', { sdkKey: 'k' }, /baseUrl and streamUrl/],
      ['a bad URL', { sdkKey: 'k', baseUrl: 'not a url', streamUrl: 'ws://x' }, /baseUrl is not a URL/],
      [
        'a base URL without its scheme',
        { sdkKey: 'k', baseUrl: 'localhost:4000', streamUrl: 'ws://x' },
        /baseUrl is not an http\(s\) URL: localhost:4000/,
      ],
      [
        'a stream URL of another scheme',
        { sdkKey: 'k', baseUrl: 'http://x', streamUrl: 'localhost:4001' },
        /streamUrl is not a ws\(s\) or http\(s\) URL: localhost:4001/,
      ],
      ['two bootstrap sources', { offline: true, bootstrap, bootstrapFile: 'f.json' }, /either/],
      [
        'a missing bootstrap file',
        { offline: true, bootstrapFile: '/nonexistent/flags.json' },
        /Cannot load/,
      ],
      [
        'malformed bootstrap data',
        { offline: true, bootstrap: { flags: { beta: { on: true } } } },
        /Cannot load/,
      ],
      [
        'polling with a bad URL',
        { sdkKey: 'k', baseUrl: 'not a url', stream: false },
        /baseUrl is not a URL/,
      ],
      [
        'a polling interval of 0',
        { sdkKey: 'k', baseUrl: 'http://x', stream: false, pollIntervalMs: 0 },
        /pollIntervalMs/,
      ],
    ])('%s, leaving no timer behind', (_case, options, message) => {
      const timers = countingTimers();
      expect(() => init({ logger: silentLogger, platform: { timers }, ...options })).toThrow(
        SwitchboardConfigError,
      );
      expect(() => init({ logger: silentLogger, ...options })).toThrow(message);
      expect(timers.pending).toBe(0);
    });
  });
});

describe('SwitchboardClient evaluation never throws', () => {
  const client = init({ offline: true, bootstrap, logger: silentLogger });
  const hostile = new Proxy(
    {},
    {
      get: () => {
        throw new Error('hostile context');
      },
      ownKeys: () => {
        throw new Error('hostile context');
      },
    },
  );

  afterAll(() => client.close());

  it.each([
    ['null', null],
    ['a number', 42],
    ['an empty object', {}],
    ['a context without key', { kind: 'user' }],
    ['a context whose properties throw', hostile],
  ])('returns the default with an ERROR reason for %s', (_case, context) => {
    const detail = client.variationDetail('beta', context as never, 'default');
    expect(detail.value).toBe('default');
    expect(detail.variationIndex).toBeNull();
    expect(detail.reason.kind).toBe('ERROR');
  });

  it('returns the default for an unknown flag', () => {
    expect(client.boolVariationDetail('nope', alice, false)).toEqual({
      value: false,
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' },
    });
  });

  it.each([
    ['boolVariationDetail', 'greeting', false],
    ['numberVariationDetail', 'beta', 7],
    ['stringVariationDetail', 'beta', 'x'],
  ] as const)('%s returns WRONG_TYPE for a value of another type', (method, key, defaultValue) => {
    const detail = (
      client[method] as (k: string, c: object, d: unknown) => { value: unknown; reason: object }
    )(key, alice, defaultValue);
    expect(detail).toEqual({
      value: defaultValue,
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' },
    });
  });

  it('jsonVariation accepts any JSON type', () => {
    expect(client.jsonVariation('greeting', alice, null)).toBe('hello');
    expect(client.numberVariation('beta', alice, 7)).toBe(7);
  });

  it('answers CLIENT_NOT_READY before the first sync, without waiting', async () => {
    const service = await FakeService.start();
    service.holdSnapshots();
    const syncing = testClient(service);
    try {
      expect(syncing.variation('beta', alice, 'default')).toBe('default');
      expect(syncing.variationDetail('beta', alice, 'default').reason).toEqual({
        kind: 'ERROR',
        errorKind: 'CLIENT_NOT_READY',
      });
      const state = syncing.allFlagsState(alice);
      expect([state.valid, state.flags, state.toJSON()]).toEqual([
        false,
        {},
        { $flagsState: {}, $valid: false },
      ]);
    } finally {
      await syncing.close();
      await service.stop();
    }
  });
});
