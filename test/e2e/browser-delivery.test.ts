import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, freePort, type Runtime } from '@switchboard/local';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoApi } from './demo-api.js';
import { eventually } from './eventually.js';
import { startPlatform } from './platform.js';

/**
 * Browser delivery end to end: the real handlers on the local runtime, driven through the HTTP API
 * and observed through raw WebSocket clients speaking the browser protocol (identify → values,
 * values pushes with the identify's id).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
const logger = createLogger('quiet', (line) => {
  if (line.includes(' WARN ') || line.includes(' ERROR ')) console.warn(line);
});

type Message = {
  type: string;
  id?: number;
  code?: string;
  stateAt?: number;
  partial?: boolean;
  values?: Record<string, Record<string, unknown>>;
};

/**
 * The answer to identify `id`: a push may carry the same id and arrive first (fan-out posts to a
 * context whose answer is still in flight; the SDK merges it after the answer), but it is partial.
 */
const isAnswer = (message: Message, id: number) => message.id === id && message.partial !== true;

/** A browser's socket: every message it received, and identify with increasing ids. */
class Browser {
  readonly messages: Message[] = [];
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as Message));
  }

  static async open(url: string): Promise<Browser> {
    const socket = new WebSocket(url);
    const browser = new Browser(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return browser;
  }

  /** Sends identify and returns the answer carrying its id (values or error). */
  async identify(context: unknown, hash?: string): Promise<Message> {
    const id = this.nextId++;
    this.socket.send(
      JSON.stringify({ action: 'identify', id, context, ...(hash === undefined ? {} : { hash }) }),
    );
    return eventually(() => {
      const answer = this.messages.find((m) => isAnswer(m, id));
      if (!answer) throw new Error(`no answer to identify ${id}`);
      return answer;
    });
  }

  /** Pushes received after the answer to the last identify. */
  pushes(): Message[] {
    const last = this.nextId - 1;
    const answer = this.messages.findIndex((m) => isAnswer(m, last));
    return this.messages.slice(answer + 1).filter((m) => m.type === 'values');
  }

  close(): void {
    this.socket.close();
  }
}

describe('browser delivery on the local runtime', () => {
  let runtime: Runtime;
  let adminToken: string;
  let environments: { key: string; sdkKey: string; clientSideId: string }[];
  const browsers: Browser[] = [];

  const api = demoApi(
    () => runtime.apiUrl,
    () => adminToken,
  );
  const patchFlag = (flag: string, instructions: unknown[], env = 'production') =>
    api('PATCH', `/flags/${flag}?env=${env}`, { instructions });
  const environment = (key: string) =>
    environments.find((e) => e.key === key) as (typeof environments)[number];
  const browser = async (env = 'production') => {
    const opened = await Browser.open(`${runtime.wsUrl}/?clientSideId=${environment(env).clientSideId}`);
    browsers.push(opened);
    return opened;
  };
  /** Waits for a push on `proof` caused by `change`: any push to `quiet` must have arrived before it. */
  async function provenQuiet(quiet: Browser, proof: Browser, change: () => Promise<unknown>) {
    const before = proof.pushes().length;
    await change();
    await eventually(() => expect(proof.pushes().length).toBeGreaterThan(before));
    return quiet.pushes();
  }

  const ada = { kind: 'user', key: 'ada' };
  const bob = { kind: 'user', key: 'bob', plan: 'pro' };
  const carol = { kind: 'user', key: 'carol' };
  const clientSide = { usingEnvironmentId: true, usingMobileKey: false };

  beforeAll(async () => {
    const [http, ws, dynamodb, kinesis] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    runtime = await startPlatform({
      ports: { http, ws, dynamodb, kinesis },
      dataDir,
      inMemory: false,
      logger,
      logLevel: undefined,
    });
    adminToken = runtime.local?.adminToken as string;
    environments = runtime.local?.projects.find((p) => p.key === 'demo')?.environments ?? [];
    await api('POST', '/environments/production/segments', {
      key: 'browser-beta',
      name: 'Browser beta',
      included: [],
    });
    await api('POST', '/flags', { key: 'banner', name: 'Banner', clientSideAvailability: clientSide });
    await api('POST', '/flags', { key: 'beta-ui', name: 'Beta UI', clientSideAvailability: clientSide });
    await api('POST', '/flags', { key: 'pro-badge', name: 'Pro badge', clientSideAvailability: clientSide });
    await patchFlag('banner', [{ kind: 'turnFlagOn' }]);
    await patchFlag('beta-ui', [
      { kind: 'turnFlagOn' },
      { kind: 'updateFallthrough', variation: 1 },
      {
        kind: 'addRule',
        rule: {
          id: 'beta',
          clauses: [{ attribute: 'key', op: 'segmentMatch', values: ['browser-beta'] }],
          variation: 0,
        },
      },
    ]);
    await patchFlag('pro-badge', [{ kind: 'turnFlagOn' }, { kind: 'updateFallthrough', variation: 1 }]);
  });

  afterEach(() => {
    for (const opened of browsers.splice(0)) opened.close();
  });

  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers identify with every client-side flag for the context and its id, never a server-only flag', async () => {
    const page = await browser();
    const answer = await page.identify(ada);
    expect(answer).toMatchObject({ type: 'values', id: 1 });
    expect(answer.values?.banner).toEqual({
      value: true,
      variationIndex: 0,
      version: expect.any(Number),
      reason: { kind: 'FALLTHROUGH' },
    });
    expect(answer.values?.['new-checkout']).toMatchObject({ value: true });
    for (const serverOnly of ['search-algorithm', 'rate-limits', 'beta-dashboard']) {
      expect(answer.values).not.toHaveProperty(serverOnly);
    }
  });

  it('pushes a new rule to the context it targets, and nothing to an untouched one', async () => {
    const [adaPage, bobPage] = [await browser(), await browser()];
    const answer = await adaPage.identify(ada);
    await bobPage.identify(bob);
    await patchFlag('banner', [
      {
        kind: 'addRule',
        rule: { id: 'ada-off', clauses: [{ attribute: 'key', op: 'in', values: ['ada'] }], variation: 1 },
      },
    ]);
    await eventually(() => expect(adaPage.pushes()).toHaveLength(1));
    expect(adaPage.pushes()[0]).toEqual({
      type: 'values',
      id: 1,
      partial: true,
      stateAt: expect.any(Number),
      values: {
        banner: {
          value: false,
          variationIndex: 1,
          version: expect.any(Number),
          reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'ada-off' },
        },
      },
    });
    // Evaluated on a later read of the environment than the answer.
    expect(adaPage.pushes()[0]?.stateAt).toBeGreaterThan(answer.stateAt ?? Number.POSITIVE_INFINITY);
    // A change reaching bob afterwards proves the first one sent him nothing.
    const quiet = await provenQuiet(adaPage, bobPage, () =>
      patchFlag('pro-badge', [
        {
          kind: 'addRule',
          rule: { id: 'pro', clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }], variation: 0 },
        },
      ]),
    );
    expect(bobPage.pushes().map((m) => Object.keys(m.values ?? {}))).toEqual([['pro-badge']]);
    expect(quiet).toHaveLength(1);
  });

  it('pushes a segment change to the contexts it moves, and only to them', async () => {
    const [carolPage, adaPage] = [await browser(), await browser()];
    expect((await carolPage.identify(carol)).values?.['beta-ui']).toMatchObject({ value: false });
    await adaPage.identify(ada);
    await api('PATCH', '/environments/production/segments/browser-beta', {
      instructions: [{ kind: 'addIncludedTargets', values: ['carol'] }],
    });
    await eventually(() => expect(carolPage.pushes()).toHaveLength(1));
    expect(carolPage.pushes()[0]?.values).toEqual({
      'beta-ui': expect.objectContaining({
        value: true,
        reason: expect.objectContaining({ kind: 'RULE_MATCH' }),
      }),
    });
    const quiet = await provenQuiet(adaPage, carolPage, () =>
      patchFlag('beta-ui', [{ kind: 'addTargets', variation: 1, values: ['carol'] }]),
    );
    expect(quiet).toEqual([]);
  });

  it('switches values with a second identify, and pushes for the new context with its id', async () => {
    const page = await browser();
    expect((await page.identify(ada)).values?.['pro-badge']).toMatchObject({ value: false });
    const second = await page.identify(bob);
    expect(second).toMatchObject({ type: 'values', id: 2 });
    expect(second.values?.['pro-badge']).toMatchObject({ value: true });
    await patchFlag('pro-badge', [{ kind: 'addTargets', variation: 1, values: ['bob'] }]);
    await eventually(() => expect(page.pushes()).toHaveLength(1));
    expect(page.pushes()[0]).toMatchObject({ id: 2, values: { 'pro-badge': { value: false } } });
  });

  it('never pushes a server-only flag', async () => {
    const page = await browser();
    await page.identify(ada);
    const quiet = await provenQuiet(page, page, async () => {
      await patchFlag('search-algorithm', [{ kind: 'turnFlagOff' }]);
      await patchFlag('rate-limits', [{ kind: 'turnFlagOff' }]);
      await patchFlag('new-checkout', [{ kind: 'turnFlagOff' }]);
    });
    expect(quiet.flatMap((m) => Object.keys(m.values ?? {}))).toEqual(['new-checkout']);
    await patchFlag('new-checkout', [{ kind: 'turnFlagOn' }]);
    // Delivered before the next test identifies its pages, which would otherwise get this push.
    await eventually(() =>
      expect(page.pushes().some((m) => m.values?.['new-checkout']?.value === true)).toBe(true),
    );
  });

  it('pushes through fan-out workers when the environment is above the inline threshold', async () => {
    process.env.FANOUT_INLINE_MAX_CONNECTIONS = '0';
    try {
      const [adaPage, bobPage] = [await browser(), await browser()];
      await adaPage.identify(ada);
      await bobPage.identify(bob);
      await patchFlag('pro-badge', [{ kind: 'addTargets', variation: 0, values: ['ada'] }]);
      await eventually(() => expect(adaPage.pushes()).toHaveLength(1));
      expect(adaPage.pushes()[0]?.values).toEqual({ 'pro-badge': expect.objectContaining({ value: true }) });
      const quiet = await provenQuiet(bobPage, adaPage, () =>
        patchFlag('pro-badge', [{ kind: 'removeTargets', variation: 0, values: ['ada'] }]),
      );
      expect(quiet).toEqual([]);
    } finally {
      delete process.env.FANOUT_INLINE_MAX_CONNECTIONS;
    }
  });

  it('refuses identify on a server SDK connection', async () => {
    const server = await Browser.open(`${runtime.wsUrl}/?key=${environment('production').sdkKey}`);
    browsers.push(server);
    expect(await server.identify(ada)).toMatchObject({ type: 'error', id: 1, code: 'unsupported_action' });
  });

  it('resyncs on reconnect with a change made while away', async () => {
    const first = await browser();
    expect((await first.identify(carol)).values?.banner).toMatchObject({ value: true });
    first.close();
    await patchFlag('banner', [{ kind: 'turnFlagOff' }]);
    const again = await browser();
    expect((await again.identify(carol)).values?.banner).toMatchObject({
      value: false,
      reason: { kind: 'OFF' },
    });
    await patchFlag('banner', [{ kind: 'turnFlagOn' }]);
    await eventually(() => expect(again.pushes()).toHaveLength(1));
  });

  it('in secure mode, refuses a missing or wrong hash and accepts the one the SDK key makes', async () => {
    const staging = environment('staging');
    await api('PATCH', '/environments/staging', {
      instructions: [{ kind: 'updateSecureMode', value: true }],
    });
    const page = await browser('staging');
    // The handler caches environments for a few seconds, as it does credentials.
    await eventually(
      async () => expect(await page.identify(ada)).toMatchObject({ code: 'secure_mode_hash_required' }),
      15_000,
    );
    const keyHash = createHash('sha256').update(staging.sdkKey).digest('hex');
    const hash = (canonicalKey: string) => createHmac('sha256', keyHash).update(canonicalKey).digest('hex');
    expect(await page.identify(ada, hash('bob'))).toMatchObject({ type: 'error', code: 'invalid_hash' });
    const accepted = await page.identify(ada, hash('ada'));
    expect(accepted).toMatchObject({ type: 'values' });
    expect(accepted.values).toHaveProperty('new-checkout');
    const multi = { kind: 'multi', user: { key: 'ada' }, org: { key: 'acme' } };
    expect(await page.identify(multi, hash('org:acme:user:ada'))).toMatchObject({ type: 'values' });
  });
});
