import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createLogger, freePort, type Runtime } from '@switchboard/local';
import {
  init,
  nodePlatform,
  type SwitchboardClient,
  type SwitchboardOptions,
  silentLogger,
} from '@switchboard/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAST_PATH_PARTS } from '../../lambdas/domain/committed-changes.js';
import { allSlices, sliceOf } from '../../lambdas/domain/connection-slices.js';
import { demoApi } from './demo-api.js';
import { eventually } from './eventually.js';
import { startPlatform } from './platform.js';

/**
 * Delivery end to end: the platform's real topology and handlers on the local runtime ($connect,
 * $disconnect, $default, the fan-out on the flags stream and its worker through the local Lambda
 * Invoke API), driven only through the HTTP API, and observed through the real Node SDK.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-delivery-'));
// Fixed for the file: a restart must come back where the SDKs and the loaded handlers point.
const ports = Promise.all([freePort(), freePort(), freePort(), freePort()]);
/** The runtime's activity lines (which function ran, how it ended); warnings are printed as well. */
const logLines: string[] = [];
const logger = createLogger('normal', (line) => {
  logLines.push(line);
  if (line.includes(' WARN ')) console.warn(line);
});
const start = async () => {
  const [http, ws, dynamodb, kinesis] = await ports;
  return startPlatform({
    ports: { http, ws, dynamodb, kinesis },
    dataDir,
    inMemory: false,
    logger,
    logLevel: undefined,
  });
};

const alice = { kind: 'user', key: 'alice' };
const carol = { kind: 'user', key: 'carol' };

describe('real-time delivery on the local runtime', () => {
  let runtime: Runtime;
  let adminToken: string;
  let keys: Record<string, string>;
  const clients: SwitchboardClient[] = [];

  const api = demoApi(
    () => runtime.apiUrl,
    () => adminToken,
  );
  const patchFlag = (flag: string, env: string, instructions: unknown[]) =>
    api('PATCH', `/flags/${flag}?env=${env}`, { instructions });

  /** An SDK client of an environment; closed after the test. */
  async function sdk(env = 'production', options: Partial<SwitchboardOptions> = {}) {
    const client = init({
      sdkKey: keys[env] as string,
      baseUrl: runtime.apiUrl,
      streamUrl: runtime.wsUrl,
      logger: silentLogger,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
      // This suite is about delivery; analytics has its own.
      sendEvents: false,
      ...options,
    });
    clients.push(client);
    await client.waitForInitialization({ timeout: 20 });
    const updates: string[] = [];
    client.on('update', ({ kind, key }) => updates.push(`${kind}:${key}`));
    return { client, updates };
  }

  const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const connectionsTable = () => process.env.CONNECTIONS_TABLE as string;
  /** Every registered connection of an environment, read slice by slice as the fan-out does. */
  async function registered(env: string): Promise<string[]> {
    const client = documents();
    const pages = await Promise.all(
      allSlices().map((slice) =>
        client.send(
          new QueryCommand({
            TableName: connectionsTable(),
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `ENV#demo#${env}#SLICE#${slice}` },
          }),
        ),
      ),
    );
    return pages.flatMap((page) => (page.Items ?? []).map((item) => String(item.sk)));
  }

  beforeAll(async () => {
    runtime = await start();
    adminToken = runtime.local?.adminToken as string;
    const environments = runtime.local?.projects.find((p) => p.key === 'demo')?.environments ?? [];
    keys = Object.fromEntries(environments.map((e) => [e.key, e.sdkKey]));
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    delete process.env.FANOUT_INLINE_MAX_CONNECTIONS;
    runtime.controls.pauseEventSource('fanout', false);
    runtime.controls.refuseInvoke('fanout', false);
  });

  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('WebSocket API', () => {
    it('refuses a bad key and registers nothing', async () => {
      const attempt = (query: string) =>
        new Promise<number>((resolve) => {
          import('ws').then(({ default: WebSocket }) => {
            const socket = new WebSocket(`${runtime.wsUrl}/?${query}`);
            socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
            socket.on('open', () => {
              socket.close();
              resolve(101);
            });
          });
        });
      const before = (await registered('production')).length;
      expect(await attempt('key=sdk-not-a-real-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(401);
      expect(await attempt('')).toBe(401);
      expect(await attempt(`key=${keys.production}&clientSideId=aaaaaaaaaaaaaaaaaaaaaaaa`)).toBe(403);
      expect((await registered('production')).length).toBe(before);
    });

    it('registers a connection in its slice, answers ping, and removes it on close', async () => {
      const { default: WebSocket } = await import('ws');
      const before = new Set(await registered('production'));
      const socket = new WebSocket(`${runtime.wsUrl}/?key=${keys.production}`);
      const frames: string[] = [];
      socket.on('message', (data) => frames.push(data.toString()));
      await new Promise((resolve) => socket.once('open', resolve));
      const [id] = (await registered('production')).filter((c) => !before.has(c));
      expect(id).toBeDefined();
      const pointer = await documents().send(
        new GetCommand({ TableName: connectionsTable(), Key: { pk: `CONN#${id}`, sk: 'CONN' } }),
      );
      expect(pointer.Item?.slicePk).toBe(`ENV#demo#production#SLICE#${sliceOf(id as string)}`);
      socket.send('{"action":"ping"}');
      socket.send('{"action":"dance"}');
      await eventually(() => expect(frames).toHaveLength(2));
      expect(JSON.parse(frames[0] as string)).toEqual({ type: 'pong' });
      expect(JSON.parse(frames[1] as string)).toMatchObject({ type: 'error', code: 'unknown_action' });
      socket.close();
      await eventually(async () => expect(await registered('production')).not.toContain(id));
    });
  });

  describe('the fast path and the stream', () => {
    const handOffs = () => logLines.filter((line) => line.includes('λ fanout (Event) ok')).length;
    /**
     * Patches the flag and waits for all of its hand-off's invocations to finish (each writes its
     * marks last), so that none of them ends during the next test's count.
     */
    const patchSettled = async (instructions: unknown[], invocations = FAST_PATH_PARTS) => {
      const before = handOffs();
      await patchFlag('new-checkout', 'production', instructions);
      await eventually(() => expect(handOffs()).toBe(before + invocations));
    };

    /** The write path's mark on the change a PATCH of `new-checkout` in production made (`h`, when handed over). */
    const handOffMark = async (response: Response): Promise<unknown> => {
      const { environments } = (await response.json()) as {
        environments: Record<string, { version: number }>;
      };
      const sk = `flag#new-checkout#${environments.production?.version}`;
      const marks = await documents().send(
        new GetCommand({ TableName: connectionsTable(), Key: { pk: 'POSTED#demo#production', sk } }),
      );
      return marks.Item?.h;
    };

    it('delivers a change through the write path’s hand-off while the stream poller is paused', async () => {
      const { client } = await sdk();
      runtime.controls.pauseEventSource('fanout', true);
      await patchSettled([{ kind: 'turnFlagOff' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, true)).toBe(false));
      await patchSettled([{ kind: 'turnFlagOn' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, false)).toBe(true));
    });

    it('posts each part once when every part goes to two invocations that race for it', async () => {
      const { default: WebSocket } = await import('ws');
      const socket = new WebSocket(`${runtime.wsUrl}/?key=${keys.production}`);
      const frames: { type?: string; key?: string; version?: number; data?: { on?: boolean } }[] = [];
      socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
      await new Promise((resolve) => socket.once('open', resolve));
      const replicas = process.env.FAST_PATH_REPLICAS;
      process.env.FAST_PATH_REPLICAS = '2';
      runtime.controls.pauseEventSource('fanout', true);
      try {
        await patchSettled([{ kind: 'turnFlagOff' }], 2 * FAST_PATH_PARTS);
        // Every post has been answered; a pong comes after any frame posted before it.
        socket.send('{"action":"ping"}');
        await eventually(() => expect(frames.some((frame) => frame.type === 'pong')).toBe(true));
        // Resuming the poller after the previous test may bring its changes too, each once, and a
        // batch already in flight when it paused again may land after this change: SDKs order
        // patches by version, not by arrival.
        const patches = frames.filter((frame) => frame.key === 'new-checkout');
        const versions = patches.map((frame) => frame.version ?? 0);
        const newest = patches.find((frame) => frame.version === Math.max(...versions));
        expect(newest?.data?.on).toBe(false);
        expect(new Set(versions).size).toBe(versions.length);
      } finally {
        process.env.FAST_PATH_REPLICAS = replicas;
        socket.close();
        await patchSettled([{ kind: 'turnFlagOn' }]);
      }
    });

    it('posts a change once to a connection both paths deliver it to: the stream skips what the fast path marked', async () => {
      const { default: WebSocket } = await import('ws');
      const socket = new WebSocket(`${runtime.wsUrl}/?key=${keys.production}`);
      const frames: { type?: string; key?: string; data?: { on?: boolean } }[] = [];
      socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
      await new Promise((resolve) => socket.once('open', resolve));
      // Registered over a second before the fast path reads its slice (the stream posts to newer ones).
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const streamed = () => logLines.filter((line) => / → fanout \d+ records ok /.test(line)).length;
      const batches = streamed();
      try {
        // The stream runs as it does on AWS: the write path's mark makes it wait for the fast path's.
        const before = handOffs();
        const response = await patchFlag('new-checkout', 'production', [{ kind: 'turnFlagOff' }]);
        expect(await handOffMark(response)).toEqual(expect.any(Number));
        await eventually(() => expect(handOffs()).toBe(before + FAST_PATH_PARTS));
        await eventually(() => expect(streamed()).toBeGreaterThan(batches));
        // Every post has been answered; a pong comes after any frame posted before it.
        socket.send('{"action":"ping"}');
        await eventually(() => expect(frames.some((frame) => frame.type === 'pong')).toBe(true));
        const off = frames.filter((frame) => frame.key === 'new-checkout' && frame.data?.on === false);
        expect(off).toHaveLength(1);
      } finally {
        socket.close();
        await patchSettled([{ kind: 'turnFlagOn' }]);
      }
    });

    it('delivers a change through the stream when the hand-off fails, and the write still succeeds', async () => {
      const { client } = await sdk();
      runtime.controls.refuseInvoke('fanout', true);
      const refusals = logLines.filter((line) => line.includes('λ fanout refused')).length;
      const response = await patchFlag('new-checkout', 'production', [{ kind: 'turnFlagOff' }]);
      expect(response.status).toBe(200);
      // The hand-off's mark is taken back, so the stream does not wait for a fast path that never runs.
      expect(await handOffMark(response)).toBeUndefined();
      // Every part of the hand-off was refused: only the stream delivers this change.
      expect(logLines.filter((line) => line.includes('λ fanout refused')).length).toBe(
        refusals + FAST_PATH_PARTS,
      );
      await eventually(() => expect(client.boolVariation('new-checkout', alice, true)).toBe(false));
      await patchFlag('new-checkout', 'production', [{ kind: 'turnFlagOn' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, false)).toBe(true));
    });
  });

  describe('an SDK', () => {
    it('sees a flag change', async () => {
      const { client, updates } = await sdk();
      expect(client.boolVariation('new-checkout', alice, false)).toBe(true);
      await patchFlag('new-checkout', 'production', [{ kind: 'turnFlagOff' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, true)).toBe(false));
      expect(updates).toContain('flag:new-checkout');
      await patchFlag('new-checkout', 'production', [{ kind: 'turnFlagOn' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, false)).toBe(true));
    });

    it('sees a new flag, its deletion, and the flag created again under the same key', async () => {
      const { client } = await sdk();
      await api('POST', '/flags', { key: 'short-lived', name: 'Short-lived' });
      await eventually(() =>
        expect(client.variationDetail('short-lived', alice, null).reason.kind).not.toBe('ERROR'),
      );
      await api('DELETE', '/flags/short-lived');
      await eventually(() =>
        expect(client.variationDetail('short-lived', alice, null).reason).toEqual({
          kind: 'ERROR',
          errorKind: 'FLAG_NOT_FOUND',
        }),
      );
      // The SDK holds a tombstone; the new flag's versions start above it, so its patch applies.
      await api('POST', '/flags', { key: 'short-lived', name: 'Short-lived again' });
      await eventually(() =>
        expect(client.variationDetail('short-lived', alice, null).reason.kind).not.toBe('ERROR'),
      );
    });

    it('sees a segment change, and the flags that use the segment change with it', async () => {
      const { client, updates } = await sdk();
      expect(client.boolVariation('beta-dashboard', carol, true)).toBe(false);
      await api('PATCH', '/environments/production/segments/beta-testers', {
        instructions: [{ kind: 'addIncludedTargets', values: ['carol'] }],
      });
      await eventually(() => expect(client.boolVariation('beta-dashboard', carol, false)).toBe(true));
      expect(updates).toEqual(expect.arrayContaining(['segment:beta-testers', 'flag:beta-dashboard']));
    });

    it('sees only its own environment’s changes', async () => {
      const production = await sdk('production');
      const staging = await sdk('staging');
      await patchFlag('rate-limits', 'staging', [{ kind: 'turnFlagOff' }]);
      await eventually(() =>
        expect(staging.client.jsonVariation('rate-limits', alice, null)).toEqual({
          requestsPerMinute: 60,
          burst: 10,
        }),
      );
      // A later production change arriving proves the production client was listening all along.
      await patchFlag('search-algorithm', 'production', [{ kind: 'turnFlagOff' }]);
      await eventually(() => expect(production.updates).toContain('flag:search-algorithm'));
      expect(production.updates).not.toContain('flag:rate-limits');
      expect(production.client.jsonVariation('rate-limits', alice, null)).toEqual({
        requestsPerMinute: 600,
        burst: 100,
      });
      expect(staging.updates).not.toContain('flag:search-algorithm');
    });

    it('ignores duplicate and out-of-order patches posted to its connection', async () => {
      const before = new Set(await registered('production'));
      const { client, updates } = await sdk();
      const [id] = (await registered('production')).filter((c) => !before.has(c));
      await patchFlag('new-checkout', 'production', [{ kind: 'turnFlagOff' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, true)).toBe(false));
      const current = (await (await api('GET', '/flags/new-checkout?env=production')).json()) as {
        environments: { production: { version: number } };
      };
      const version = current.environments.production.version;
      const management = new ApiGatewayManagementApiClient({ endpoint: runtime.apiUrl });
      const post = (message: unknown) =>
        management.send(
          new PostToConnectionCommand({
            ConnectionId: id,
            Data: new TextEncoder().encode(JSON.stringify(message)),
          }),
        );
      const stale = {
        key: 'new-checkout',
        on: true,
        variations: [true, false],
        offVariation: 1,
        fallthrough: { variation: 0 },
      };
      const count = updates.length;
      await post({
        type: 'patch',
        kind: 'flag',
        key: 'new-checkout',
        version: version - 1,
        data: { ...stale, version: version - 1 },
      });
      await post({ type: 'patch', kind: 'flag', key: 'new-checkout', version, data: { ...stale, version } });
      await post({ type: 'delete', kind: 'flag', key: 'new-checkout', version });
      // A newer change through the real path, after the stale ones on the same socket.
      await patchFlag('new-checkout', 'production', [{ kind: 'turnFlagOn' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, false)).toBe(true));
      // Only this flag: the SDK's confirming fetch after connecting may still bring another test's change.
      expect(updates.slice(count).filter((update) => update.endsWith(':new-checkout'))).toEqual([
        'flag:new-checkout',
      ]);
    });

    it('receives a flag larger than a WebSocket message through refetch', async () => {
      const { client } = await sdk();
      const blob = 'x'.repeat(140 * 1024);
      await api('POST', '/flags', {
        key: 'huge',
        name: 'Huge',
        kind: 'operational',
        variations: [{ value: { blob } }, { value: { blob: '' } }],
        defaults: { onVariation: 0, offVariation: 1 },
      });
      await eventually(() =>
        expect((client.jsonVariation('huge', alice, null) as { blob?: string } | null)?.blob).toBe(''),
      );
      await patchFlag('huge', 'production', [{ kind: 'turnFlagOn' }]);
      await eventually(() =>
        expect((client.jsonVariation('huge', alice, null) as { blob?: string } | null)?.blob?.length).toBe(
          blob.length,
        ),
      );
    });

    it('gets changes through fan-out workers when the environment is above the inline threshold', async () => {
      process.env.FANOUT_INLINE_MAX_CONNECTIONS = '0';
      const { client } = await sdk('staging');
      const before = logLines.length;
      await patchFlag('new-checkout', 'staging', [{ kind: 'turnFlagOff' }]);
      await eventually(() => expect(client.boolVariation('new-checkout', alice, true)).toBe(false));
      await eventually(() =>
        expect(logLines.slice(before).some((line) => line.includes('λ fanout-worker (Event) ok'))).toBe(true),
      );
    });
  });

  it('deletes a registration whose connection is gone (410) after one fan-out', async () => {
    const { client } = await sdk();
    const ghost = 'Z2hvc3QtY29ubmVjdA=';
    const pk = `ENV#demo#production#SLICE#${sliceOf(ghost)}`;
    const table = connectionsTable();
    const connectedAt = Date.now() - 60_000;
    await documents().send(
      new PutCommand({
        TableName: table,
        Item: { pk, sk: ghost, project: 'demo', env: 'production', sdk: 'server', connectedAt },
      }),
    );
    await documents().send(
      new PutCommand({
        TableName: table,
        Item: { pk: `CONN#${ghost}`, sk: 'CONN', slicePk: pk, connectedAt },
      }),
    );
    await patchFlag('search-algorithm', 'production', [{ kind: 'turnFlagOn' }]);
    await eventually(() =>
      expect(client.stringVariation('search-algorithm', alice, 'none')).not.toBe('none'),
    );
    await eventually(async () => {
      const item = await documents().send(new GetCommand({ TableName: table, Key: { pk, sk: ghost } }));
      const pointer = await documents().send(
        new GetCommand({ TableName: table, Key: { pk: `CONN#${ghost}`, sk: 'CONN' } }),
      );
      expect([item.Item, pointer.Item]).toEqual([undefined, undefined]);
    });
  });

  it('after a runtime restart, reconnects and resyncs a change made while it was away', async () => {
    let holding = false;
    const platform = nodePlatform();
    const { client } = await sdk('production', {
      platform: {
        openWebSocket: (url, handlers) => {
          // Keeps the SDK away until the change is made, whatever its backoff says.
          if (holding) throw new Error('held back by the test');
          return platform.openWebSocket(url, handlers);
        },
      },
    });
    const statuses: string[] = [];
    client.on('status', (status) => statuses.push(status));
    const before = client.boolVariation('new-checkout', alice, false);
    holding = true;
    await runtime.stop();
    await eventually(() => expect(client.getStatus()).toBe('stale'));
    runtime = await start();
    await patchFlag('new-checkout', 'production', [{ kind: before ? 'turnFlagOff' : 'turnFlagOn' }]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the fan-out find no one
    expect(client.boolVariation('new-checkout', alice, before)).toBe(before);
    holding = false;
    await eventually(() => expect(client.boolVariation('new-checkout', alice, before)).toBe(!before), 30_000);
    expect(client.getStatus()).toBe('valid');
    expect(statuses).toContain('stale');
  });
});
