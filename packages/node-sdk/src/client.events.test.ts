import {
  type AnalyticsEvent,
  type CustomEvent,
  EventSummarizer,
  type SummaryEvent,
} from '@switchboard/core/events';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../testing/client.js';
import { FakeService } from '../testing/fake-service.js';
import { booleanFlag, patchMessage, stringFlag, user } from '../testing/flags.js';
import { nextEvent, waitFor } from '../testing/wait.js';
import { type HttpFetch, type Logger, nodePlatform, type SwitchboardClient } from './index.js';

interface Post {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly events: AnalyticsEvent[];
}

let service: FakeService;
let client: SwitchboardClient | undefined;
let posts: Post[];
/** Status the fake events endpoint answers with, one per post; then 202. */
let answers: (number | 'network')[];
let warnings: string[];

const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message) => void warnings.push(message),
  error: () => {},
};

/** Snapshot requests go to the fake service; event posts are recorded and answered here. */
const fetchWithEvents: HttpFetch = async (url, init) => {
  if (!url.endsWith('/sdk/v1/events')) return nodePlatform().fetch(url, init);
  posts.push({ url, headers: init.headers, events: JSON.parse(init.body ?? '[]') });
  const answer = answers.shift() ?? 202;
  if (answer === 'network') throw new TypeError('fetch failed');
  return { status: answer, headers: new Headers(), json: async () => ({}) };
};

/** Real timers, except that the one-second retry delay takes a millisecond. */
const quickTimers = {
  set: (callback: () => void, delayMs: number) => setTimeout(callback, delayMs === 1_000 ? 1 : delayMs),
  clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

async function start(options: Parameters<typeof testClient>[1] = {}): Promise<SwitchboardClient> {
  client = testClient(service, {
    sendEvents: true,
    flushInterval: 3600,
    logger,
    platform: { fetch: fetchWithEvents },
    ...options,
  });
  await client.waitForInitialization({ timeout: 5 });
  return client;
}

const summaries = () => posts.flatMap((p) => p.events.filter((e): e is SummaryEvent => e.kind === 'summary'));
const customs = () => posts.flatMap((p) => p.events.filter((e): e is CustomEvent => e.kind === 'custom'));

beforeEach(async () => {
  posts = [];
  answers = [];
  warnings = [];
  service = await FakeService.start();
  service.flags.banner = stringFlag('banner', 7, 'hello');
  service.flags.checkout = booleanFlag('checkout', 3, true, {
    rules: [{ id: 'bob', variation: 1, clauses: [{ attribute: 'key', op: 'in', values: ['bob'] }] }],
  });
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await service.stop();
});

describe('evaluation summaries', () => {
  it('counts every evaluation per flag, version and variation, and posts one summary on flush()', async () => {
    const c = await start();
    for (let i = 0; i < 1_000; i++) c.boolVariation('checkout', user(i % 4 === 0 ? 'bob' : `u${i}`), false);
    c.stringVariation('banner', user('a'), 'x');
    c.boolVariation('missing', user('a'), false);
    await c.flush();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe(`${service.baseUrl}/sdk/v1/events`);
    expect(posts[0]?.headers.authorization).toBe(service.sdkKey);
    const [summary] = summaries();
    expect(summary?.features).toEqual({
      checkout: {
        default: false,
        contextKinds: ['user'],
        counters: [
          { variation: 1, version: 3, value: false, count: 250 },
          { variation: 0, version: 3, value: true, count: 750 },
        ],
      },
      banner: {
        default: 'x',
        contextKinds: ['user'],
        counters: [{ variation: 0, version: 7, value: 'hello', count: 1 }],
      },
      missing: {
        default: false,
        contextKinds: ['user'],
        counters: [{ unknown: true, value: false, count: 1 }],
      },
    });
    expect(summary?.endDate).toBeGreaterThanOrEqual(summary?.startDate ?? Number.POSITIVE_INFINITY);
  });

  it('starts afresh after each flush and posts nothing when nothing happened', async () => {
    const c = await start();
    c.boolVariation('checkout', user('a'), false);
    await c.flush();
    await c.flush();
    c.boolVariation('checkout', user('a'), false);
    await c.flush();
    expect(summaries().map((s) => s.features.checkout?.counters[0]?.count)).toEqual([1, 1]);
  });

  it('flushes every flushInterval', async () => {
    const c = await start({ flushInterval: 0.02 });
    c.boolVariation('checkout', user('a'), false);
    await waitFor(() => summaries().length === 1);
    c.boolVariation('checkout', user('a'), false);
    await waitFor(() => summaries().length === 2);
  });

  it('flushes on close()', async () => {
    const c = await start();
    c.boolVariation('checkout', user('a'), false);
    await c.close();
    expect(summaries()).toHaveLength(1);
  });

  it('resolves a second close() only once the first one has posted the last events', async () => {
    let release: (() => void) | undefined;
    const c = await start({
      platform: {
        fetch: (url, init) =>
          url.endsWith('/sdk/v1/events')
            ? new Promise((resolve) => {
                release = () => resolve({ status: 202, headers: new Headers(), json: async () => ({}) });
              })
            : nodePlatform().fetch(url, init),
      },
    });
    c.boolVariation('checkout', user('a'), false);
    const first = c.close();
    let secondDone = false;
    const second = c.close().then(() => {
      secondDone = true;
    });
    await waitFor(() => release !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondDone).toBe(false);
    release?.();
    await Promise.all([first, second]);
    expect(c.eventStats().eventsSent).toBe(1);
  });

  it('never makes an evaluation wait for the network', async () => {
    let release: (() => void) | undefined;
    const c = await start({
      platform: {
        fetch: (url, init) =>
          !url.endsWith('/sdk/v1/events')
            ? nodePlatform().fetch(url, init)
            : release
              ? fetchWithEvents(url, init)
              : new Promise((resolve) => {
                  // The first post hangs until the test releases it.
                  release = () => resolve({ status: 202, headers: new Headers(), json: async () => ({}) });
                }),
      },
    });
    c.boolVariation('checkout', user('a'), false);
    const flushing = c.flush();
    await waitFor(() => release !== undefined);
    // The post hangs; evaluations still answer at once and keep being counted.
    expect(c.boolVariation('checkout', user('a'), false)).toBe(true);
    release?.();
    await flushing;
  });

  describe('counts exactly what the evaluations returned', () => {
    const KEYS = ['checkout', 'banner'];
    const CONTEXTS = [
      user('a'),
      user('bob'),
      { kind: 'org', key: 'acme' },
      { key: 'legacy' },
      { kind: 'multi', user: { key: 'a' }, org: { key: 'acme' } },
      { kind: 'user' }, // no key: USER_NOT_SPECIFIED
    ];
    /** Flags to switch to mid-window: new versions with new shared results, or another value type. */
    const SHAPES = [
      (key: string, version: number) => booleanFlag(key, version, true),
      (key: string, version: number) => booleanFlag(key, version, false, { on: false }),
      (key: string, version: number) => stringFlag(key, version, `v${version}`),
    ];
    type Step =
      | { op: 'evaluate'; key: string; context: number; type: 'bool' | 'string' | 'json' }
      | { op: 'put'; key: string; shape: number }
      | { op: 'delete'; key: string }
      | { op: 'flush' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      {
        weight: 10,
        arbitrary: fc.record({
          op: fc.constant('evaluate' as const),
          key: fc.constantFrom(...KEYS, 'missing'),
          context: fc.nat(CONTEXTS.length - 1),
          type: fc.constantFrom('bool' as const, 'string' as const, 'json' as const),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant('put' as const),
          key: fc.constantFrom(...KEYS),
          shape: fc.nat(SHAPES.length - 1),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...KEYS) }),
      },
      { weight: 1, arbitrary: fc.constant({ op: 'flush' as const }) },
    );

    it('across flag versions changing mid-window, unknown flags, errors and flushes', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
          await client?.close();
          const c = await start();
          const versions: Record<string, number> = { checkout: 3, banner: 7 };
          // The same evaluations counted the plain way, with the versions this test put.
          const expected = new EventSummarizer();
          const flushBoth = async () => {
            const before = summaries().length;
            await c.flush();
            const features = expected.flush(0)?.features;
            expect(
              summaries()
                .slice(before)
                .map((summary) => summary.features),
            ).toEqual(features ? [features] : []);
          };
          for (const s of steps) {
            if (s.op === 'evaluate') {
              const context = CONTEXTS[s.context] as Record<string, unknown>;
              const fallback = s.type === 'bool' ? false : 'd';
              const detail =
                s.type === 'bool'
                  ? c.boolVariationDetail(s.key, context, false)
                  : s.type === 'string'
                    ? c.stringVariationDetail(s.key, context, 'd')
                    : c.jsonVariationDetail(s.key, context, 'd');
              const unknown = detail.reason.kind === 'ERROR' && detail.reason.errorKind === 'FLAG_NOT_FOUND';
              expected.count(
                {
                  key: s.key,
                  version: unknown ? undefined : versions[s.key],
                  variation: detail.variationIndex,
                  value: detail.value,
                  default: fallback,
                  context,
                },
                0,
              );
            } else if (s.op === 'flush') {
              await flushBoth();
            } else {
              const version = (versions[s.key] as number) + 1;
              versions[s.key] = version;
              const update = nextEvent(c, 'update');
              service.push(
                s.op === 'put'
                  ? patchMessage((SHAPES[s.shape] as (typeof SHAPES)[number])(s.key, version))
                  : { type: 'delete', kind: 'flag', key: s.key, version },
              );
              await update;
            }
          }
          await flushBoth();
        }),
        { numRuns: 50 },
      );
    });
  });

  it('sends nothing with sendEvents: false', async () => {
    const c = await start({ sendEvents: false });
    c.boolVariation('checkout', user('a'), false);
    c.track('clicked', user('a'));
    await c.flush();
    await c.close();
    expect(posts).toEqual([]);
  });
});

describe('custom events', () => {
  it('buffers track() calls and sends them with the summary', async () => {
    const c = await start();
    c.track('checkout-completed', user('a'), { cart: 3 }, 99.5);
    c.track('viewed', { kind: 'multi', user: { key: 'a' }, org: { key: 'acme' } });
    await c.flush();
    expect(customs()).toEqual([
      {
        kind: 'custom',
        key: 'checkout-completed',
        contextKeys: { user: 'a' },
        data: { cart: 3 },
        metricValue: 99.5,
        creationDate: expect.any(Number),
      },
      {
        kind: 'custom',
        key: 'viewed',
        contextKeys: { user: 'a', org: 'acme' },
        creationDate: expect.any(Number),
      },
    ]);
  });

  it('drops events beyond eventCapacity, counts them and warns once per flush', async () => {
    const c = await start({ eventCapacity: 3 });
    for (let i = 0; i < 10; i++) c.track('clicked', user(`u${i}`));
    await c.flush();
    expect(customs()).toHaveLength(3);
    expect(c.eventStats().droppedAtCapacity).toBe(7);
    expect(warnings.filter((w) => w.includes('dropped 7 custom event'))).toHaveLength(1);
  });

  it('drops an event whose data JSON cannot hold, with a warning, and sends the others', async () => {
    const c = await start();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    c.track('big', user('a'), { n: 10n });
    c.track('circular', user('a'), circular);
    c.track('clicked', user('a'));
    await c.flush();
    expect(customs().map((event) => event.key)).toEqual(['clicked']);
    expect(warnings).toEqual([
      expect.stringContaining('track("big") data is not JSON'),
      expect.stringContaining('track("circular") data is not JSON'),
    ]);
  });

  it('drops an event ingest would refuse, with a warning, so that it takes no other event with it', async () => {
    const c = await start();
    c.track('a#b', user('a'));
    c.track('k'.repeat(257), user('a'));
    c.track('huge', user('a'), undefined, 1e20);
    c.track('clicked', user('a'), undefined, 1e15);
    await c.flush();
    expect(customs().map((event) => event.key)).toEqual(['clicked']);
    expect(warnings).toHaveLength(3);
    expect(c.eventStats()).toMatchObject({ eventsSent: 1, failedPosts: 0 });
  });

  it('drops an event without a context key, with a warning', async () => {
    const c = await start();
    c.track('clicked', { kind: 'user' });
    await c.flush();
    expect(customs()).toEqual([]);
    expect(warnings.some((w) => w.includes('track()'))).toBe(true);
  });
});

describe('failed posts', () => {
  it.each([
    ['a 503', 503],
    ['a network error', 'network' as const],
  ])('retries once after %s, and delivers', async (_name, failure) => {
    answers = [failure];
    const c = await start({ platform: { fetch: fetchWithEvents, timers: quickTimers } });
    c.boolVariation('checkout', user('a'), false);
    await c.flush();
    expect(posts).toHaveLength(2);
    expect(posts[1]?.events).toEqual(posts[0]?.events);
    expect(c.eventStats()).toMatchObject({ eventsSent: 1, failedPosts: 0 });
  });

  it.each([
    [[503, 503], '(HTTP 503)'],
    [['network', 'network'], '(network error or timeout)'],
  ] as const)('names in its warning why a post failed twice: %j', async (failures, why) => {
    answers = [...failures];
    const c = await start({ platform: { fetch: fetchWithEvents, timers: quickTimers } });
    c.boolVariation('checkout', user('a'), false);
    await c.flush();
    expect(warnings).toEqual([expect.stringContaining(`dropped 1 analytics event(s) ${why}`)]);
  });

  it('drops a post after its retry fails, counting it with a warning, and keeps the others', async () => {
    answers = [500, 500];
    const c = await start({ platform: { fetch: fetchWithEvents, timers: quickTimers } });
    c.boolVariation('checkout', user('a'), false);
    c.track('clicked', user('a'));
    await c.flush();
    // The summary's post and its retry fail; the custom events go in a post of their own.
    expect(posts).toHaveLength(3);
    expect(c.eventStats()).toMatchObject({ eventsSent: 1, failedPosts: 1, droppedAfterFailure: 1 });
    expect(warnings.some((w) => w.includes('dropped 1 analytics event'))).toBe(true);
    // The next flush starts afresh.
    c.boolVariation('checkout', user('a'), false);
    await c.flush();
    expect(c.eventStats().eventsSent).toBe(2);
  });

  it.each([401, 403])(
    'stops posting for good once the service rejects the SDK key with %d',
    async (status) => {
      answers = [status];
      const c = await start({ platform: { fetch: fetchWithEvents, timers: quickTimers } });
      c.boolVariation('checkout', user('a'), false);
      await c.flush();
      c.boolVariation('checkout', user('a'), false);
      c.track('clicked', user('a'));
      await c.flush();
      await c.close();
      expect(posts).toHaveLength(1);
      expect(warnings).toEqual([expect.stringContaining(`rejected the SDK key (HTTP ${status})`)]);
      expect(c.eventStats()).toMatchObject({ eventsSent: 0, failedPosts: 1, droppedAfterFailure: 3 });
    },
  );

  it('does not retry a batch the service refuses with a 4xx', async () => {
    answers = [400];
    const c = await start({ platform: { fetch: fetchWithEvents, timers: quickTimers } });
    c.boolVariation('checkout', user('a'), false);
    await c.flush();
    expect(posts).toHaveLength(1);
    expect(c.eventStats().failedPosts).toBe(1);
  });
});

describe('posts within ingest’s limits', () => {
  const bodyBytes = (post: Post) => Buffer.byteLength(JSON.stringify(post.events));

  it('sends summaries apart from custom events, and custom events 1,000 at most per post', async () => {
    const c = await start({ eventCapacity: 10_000 });
    c.boolVariation('checkout', user('a'), false);
    for (let i = 0; i < 2_500; i++) c.track('clicked', user(`u${i}`));
    await c.flush();
    expect(posts.map((p) => p.events.length)).toEqual([1, 1_000, 1_000, 500]);
    expect(posts[0]?.events[0]?.kind).toBe('summary');
    expect(posts.slice(1).every((p) => p.events.every((e) => e.kind === 'custom'))).toBe(true);
    expect(c.eventStats()).toMatchObject({ eventsSent: 2_501, failedPosts: 0 });
  });

  it('keeps every post under the 256 KB body limit', async () => {
    const c = await start();
    for (let i = 0; i < 60; i++) c.track('uploaded', user(`u${i}`), { blob: 'x'.repeat(10_000) });
    await c.flush();
    expect(posts.length).toBeGreaterThan(2);
    expect(Math.max(...posts.map(bodyBytes))).toBeLessThanOrEqual(256 * 1024);
    expect(customs()).toHaveLength(60);
  });

  it('splits a post the service refuses as too large, and delivers both halves', async () => {
    answers = [413];
    const c = await start();
    for (let i = 0; i < 10; i++) c.track('clicked', user(`u${i}`));
    await c.flush();
    expect(posts.map((p) => p.events.length)).toEqual([10, 5, 5]);
    expect(c.eventStats()).toMatchObject({ eventsSent: 10, failedPosts: 0 });
  });

  it('names each post with a payload id that its retry repeats', async () => {
    answers = [503];
    const c = await start({ platform: { fetch: fetchWithEvents, timers: quickTimers } });
    c.boolVariation('checkout', user('a'), false);
    c.track('clicked', user('a'));
    await c.flush();
    const ids = posts.map((p) => p.headers['x-switchboard-payload-id']);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
