import {
  init as initLaunchDarkly,
  type LDClient as LaunchDarklyClient,
  type LDContext as LaunchDarklyContext,
  basicLogger as ldBasicLogger,
  integrations as ldIntegrations,
} from '@launchdarkly/node-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanFlag, segment } from '../testing/flags.js';
import { basicLogger, init, integrations, type LDClient } from './compat.js';
import type { Hook } from './index.js';

/**
 * The parity check of docs/node-sdk.md: every listed method of `@switchboard/node/compat` and of
 * `@launchdarkly/node-server-sdk`, both fed the same flags through their `TestData` (LaunchDarkly's
 * SDK runs without network that way; `offline: true` would make it answer defaults), called with
 * the same inputs, must give the same results.
 */

const silent = { debug() {}, info() {}, warn() {}, error() {} };

const flags: Record<string, unknown>[] = [
  booleanFlag('gate', 1, true, {
    targets: [{ values: ['ada'], variation: 1 }],
    rules: [
      {
        id: 'pro',
        variation: 1,
        trackEvents: true,
        clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }],
      },
      { id: 'beta', variation: 0, clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['beta'] }] },
    ],
    clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
  }),
  {
    key: 'banner',
    version: 4,
    on: true,
    salt: 'banner',
    variations: ['A', 'B', 'C'],
    offVariation: 0,
    trackEventsFallthrough: true,
    fallthrough: {
      rollout: {
        kind: 'experiment',
        seed: 61,
        variations: [
          { variation: 1, weight: 50_000 },
          { variation: 2, weight: 50_000 },
        ],
      },
    },
    clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
  },
  booleanFlag('child', 2, true, { prerequisites: [{ key: 'gate', variation: 0 }] }),
  booleanFlag('orphan', 1, true, { prerequisites: [{ key: 'nowhere', variation: 0 }] }),
  booleanFlag('killed', 7, true, { on: false, trackEvents: true, debugEventsUntilDate: 2_000_000_000_000 }),
  { ...booleanFlag('no-off', 1, true, { on: false }), offVariation: undefined },
  {
    key: 'limits',
    version: 3,
    on: true,
    variations: [{ max: 10 }, { max: 100 }],
    fallthrough: { variation: 0 },
    rules: [
      {
        id: 'org-tier',
        variation: 1,
        clauses: [{ contextKind: 'org', attribute: 'tier', op: 'in', values: ['gold'] }],
      },
    ],
  },
  { key: 'ratio', version: 1, on: true, variations: [0.25, 0.5], fallthrough: { variation: 1 } },
];
const segments = [segment('beta', 1, ['bob'])];

// Includes a context LaunchDarkly's types refuse (no key), to compare how both answer it.
const contexts: [string, Record<string, unknown>][] = [
  ['targeted user', { kind: 'user', key: 'ada' }],
  ['pro user', { kind: 'user', key: 'cy', plan: 'pro' }],
  ['segment member', { kind: 'user', key: 'bob' }],
  ['legacy user', { key: 'dee', plan: 'pro' }],
  ['multi-kind', { kind: 'multi', user: { key: 'eve' }, org: { key: 'acme', tier: 'gold' } }],
  ['context without key', { kind: 'user', plan: 'pro' }],
];

const keys = [...flags.map((flag) => flag.key as string), 'missing'];
const defaults: [string, unknown][] = [
  ['variation', 'default'],
  ['boolVariation', false],
  ['numberVariation', -1],
  ['stringVariation', 'default'],
  ['jsonVariation', { fallback: true }],
];

/** Reasons without the fields LaunchDarkly writes as `null`/`false` where we leave them out. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name, field]) => field !== undefined && !(name === 'inExperiment' && field === false))
      .map(([name, field]) => [name, normalize(field)]),
  );
}

type Method = (key: string, context: unknown, defaultValue: unknown) => Promise<unknown>;
const call = (client: object, method: string): Method =>
  (client as Record<string, Method>)[method]?.bind(client) as Method;

describe('parity with @launchdarkly/node-server-sdk (both on TestData, no network)', () => {
  let ld: LaunchDarklyClient;
  let ours: LDClient;
  const ldData = new ldIntegrations.TestData();
  const ourData = new integrations.TestData();
  /** Makes the same change to both: their TestData builders have the same methods. */
  const both = async (change: (td: typeof ourData) => Promise<unknown>) => {
    await change(ldData as unknown as typeof ourData);
    await change(ourData);
  };

  beforeAll(async () => {
    for (const td of [ldData, ourData] as const) {
      for (const item of segments) await td.usePreconfiguredSegment(item);
      for (const item of flags) await td.usePreconfiguredFlag(item as never);
    }
    ld = initLaunchDarkly('sdk-parity', {
      updateProcessor: ldData.getFactory(),
      sendEvents: false,
      diagnosticOptOut: true,
      logger: silent,
    });
    ours = init('sdk-parity', { updateProcessor: ourData.getFactory(), sendEvents: false, logger: silent });
    const [ldReady, ourReady] = await Promise.all([
      ld.waitForInitialization({ timeout: 5 }),
      ours.waitForInitialization({ timeout: 5 }),
    ]);
    expect([ldReady === ld, ourReady === ours]).toEqual([true, true]);
  });

  afterAll(() => {
    ld.close();
    ours.close();
  });

  it('initialized, isOffline', () => {
    expect([ours.initialized(), ours.isOffline()]).toEqual([ld.initialized(), ld.isOffline()]);
  });

  describe.each(contexts)('for a %s', (_name, context) => {
    it.each(defaults)(
      '%s and its Detail variant give the same value, variation index and reason',
      async (method, fallback) => {
        for (const key of keys) {
          const detail = `${method}Detail`;
          const [ldValue, ourValue] = await Promise.all([
            call(ld, method)(key, context, fallback),
            call(ours, method)(key, context, fallback),
          ]);
          expect({ key, value: ourValue }).toEqual({ key, value: ldValue });
          const [ldDetail, ourDetail] = await Promise.all([
            call(ld, detail)(key, context, fallback),
            call(ours, detail)(key, context, fallback),
          ]);
          expect({ key, detail: normalize(ourDetail) }).toEqual({ key, detail: normalize(ldDetail) });
        }
      },
    );

    it.each([
      ['no options', undefined],
      ['withReasons', { withReasons: true }],
      ['clientSideOnly', { clientSideOnly: true }],
      ['detailsOnlyForTrackedFlags', { withReasons: true, detailsOnlyForTrackedFlags: true }],
    ])('allFlagsState (%s) gives the same JSON, values and reasons', async (_label, options) => {
      const [ldState, ourState] = await Promise.all([
        ld.allFlagsState(context as LaunchDarklyContext, options),
        ours.allFlagsState(context, options),
      ]);
      expect(normalize(ourState.toJSON())).toEqual(normalize(ldState.toJSON()));
      expect(ourState.valid).toBe(ldState.valid);
      expect(ourState.allValues()).toEqual(ldState.allValues());
      for (const key of keys) {
        expect(ourState.getFlagValue(key)).toEqual(ldState.getFlagValue(key));
        expect(normalize(ourState.getFlagReason(key))).toEqual(normalize(ldState.getFlagReason(key)));
      }
    });
  });

  it('variation, variationDetail and allFlagsState call Node-style callbacks alike', async () => {
    const context = { kind: 'user', key: 'ada' };
    // Each SDK may call the three back in its own order; compare them by method.
    const collect = (client: LaunchDarklyClient | LDClient) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const results: Record<string, unknown> = {};
        const into = (method: string) => (error: unknown, value: unknown) => {
          results[method] = [error, normalize(value)];
          if (Object.keys(results).length === 3) resolve(results);
        };
        void client.variation('gate', context, true, into('variation'));
        void client.variationDetail('banner', context, 'x', into('variationDetail'));
        void client.allFlagsState(context, { withReasons: true }, (error, state) =>
          into('allFlagsState')(error, state?.toJSON()),
        );
      });
    const [ldResults, ourResults] = await Promise.all([collect(ld), collect(ours)]);
    expect(ourResults).toEqual(ldResults);
  });

  it('update and update:KEY fire for the same flags, including dependents of a segment or prerequisite', async () => {
    const record = (client: LaunchDarklyClient | LDClient) => {
      const events: string[] = [];
      client.on('update', ({ key }: { key: string }) => events.push(`update ${key}`));
      client.on('update:child', ({ key }: { key: string }) => events.push(`update:child ${key}`));
      return events;
    };
    const [ldEvents, ourEvents] = [record(ld), record(ours)];
    await both((td) => td.usePreconfiguredSegment(segment('beta', 2, ['bob', 'cy'])));
    await both((td) => td.update(td.flag('gate').variationForAll(false)));
    await both((td) => td.update(td.flag('fresh').valueForAll('new')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ourEvents.sort()).toEqual(ldEvents.sort());
    // The segment change reaches gate (a rule uses it) and child (gate is its prerequisite).
    expect(ourEvents).toEqual(
      expect.arrayContaining(['update gate', 'update child', 'update:child child', 'update fresh']),
    );
  });

  it('TestData flags built with the same builder calls evaluate alike', async () => {
    await both((td) =>
      td.update(
        td
          .flag('built')
          .variations('red', 'green', 'blue')
          .fallthroughVariation(2)
          .offVariation(0)
          .variationForUser('ada', 1)
          .variationForContext('org', 'acme', 0)
          .ifMatch('user', 'plan', 'pro')
          .andNotMatch('user', 'country', 'FR')
          .thenReturn(1),
      ),
    );
    for (const [, context] of contexts) {
      const [ldDetail, ourDetail] = await Promise.all([
        ld.variationDetail('built', context as LaunchDarklyContext, null),
        ours.variationDetail('built', context, null),
      ]);
      expect(normalize(ourDetail)).toEqual(normalize(ldDetail));
    }
  });

  it('hooks see the same series: stages, order, method names, data and details', async () => {
    const recorder = (log: unknown[]): Hook => ({
      getMetadata: () => ({ name: 'recorder' }),
      beforeEvaluation: (context, data) => {
        log.push(['before', context.flagKey, context.method, context.defaultValue, data]);
        return { ...data, seen: context.flagKey };
      },
      afterEvaluation: (context, data, detail) => {
        log.push(['after', context.flagKey, data, normalize(detail)]);
        return data;
      },
    });
    const ldLog: unknown[] = [];
    const ourLog: unknown[] = [];
    ld.addHook?.(recorder(ldLog) as never);
    ours.addHook(recorder(ourLog));
    const context = { kind: 'user', key: 'cy', plan: 'pro' };
    for (const client of [ld, ours] as const) {
      await client.boolVariation('gate', context, false);
      await client.stringVariationDetail('banner', context, 'x');
      await client.jsonVariation('limits', context, null);
    }
    expect(ourLog).toEqual(ldLog);
  });

  it('track, identify and flush are accepted alike', async () => {
    const context = { kind: 'user', key: 'ada' };
    expect(ours.track('checkout', context, { cart: 3 }, 9.5)).toBe(
      ld.track('checkout', context, { cart: 3 }, 9.5),
    );
    expect(ours.identify(context)).toBe(ld.identify(context));
    const flushed = async (client: LaunchDarklyClient | LDClient) => {
      const callback = await new Promise<unknown[]>((resolve) => {
        void client.flush((error, result) => resolve([error, result]));
      });
      return [await client.flush(), callback];
    };
    expect(await flushed(ours)).toEqual(await flushed(ld));
  });

  it('secureModeHash differs on purpose: ours is keyed with the SHA-256 of the SDK key', () => {
    const context = { kind: 'user', key: 'ada' };
    expect(ours.secureModeHash(context)).toMatch(/^[0-9a-f]{64}$/);
    expect(ours.secureModeHash(context)).not.toBe(ld.secureModeHash(context));
  });

  it('basicLogger filters by level and writes the same lines', () => {
    const write = (logger: typeof ldBasicLogger | typeof basicLogger) => {
      const lines: string[] = [];
      for (const level of ['debug', 'warn', 'none'] as const) {
        const log = logger({ level, name: 'flags', destination: (line) => lines.push(line) });
        log.debug('cache', 'miss');
        log.info('connected in', 42, 'ms');
        log.warn('retrying');
        log.error('failed:', 'timeout');
      }
      return lines;
    };
    expect(write(basicLogger)).toEqual(write(ldBasicLogger));
    expect(write(basicLogger)).toHaveLength(6);
  });
});
