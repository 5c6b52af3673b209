import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoConnectionStore } from '../../lambdas/adapters/dynamodb/connection-store.js';
import { instrumented } from '../../lambdas/adapters/telemetry.js';
import { captureTelemetry } from '../../lambdas/adapters/telemetry-capture.js';
import { fastPathEvents } from '../../lambdas/domain/committed-changes.js';
import { sliceOf } from '../../lambdas/domain/connection-slices.js';
import type { ItemChange } from '../../lambdas/domain/delivery.js';
import { createFanoutHandler } from '../../lambdas/fanout.js';
import { createFanoutWorkerHandler } from '../../lambdas/fanout-worker.js';
import { createWebSocketHandlers, type WebSocketEvent } from '../../lambdas/websocket.js';
import { type Call, controlPlane, P } from '../helpers/control-plane.js';
import { RecordingBroadcaster, RecordingDispatcher } from '../helpers/delivery-fakes.js';
import { createIsolatedTables } from '../helpers/tables.js';
import { connectEvent as wsConnectEvent } from '../helpers/ws-events.js';

let call: Call;
let admin: string;
let sdkKey: string;
let clientSideId: string;
let tables: Record<string, string>;
const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));

beforeAll(async () => {
  tables = await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ credentialCacheTtlMs: 0 }));
  await call('POST', '/api/v1/projects', { token: admin, body: { key: 'live', name: 'Live' } });
  const env = await call('POST', `${P}/environments`, {
    token: admin,
    params: { project: 'live' },
    body: { key: 'production', name: 'Production' },
  });
  sdkKey = env.json.sdkKey;
  clientSideId = env.json.clientSideId;
});

let nextId = 0;
const connectEvent = (query: Record<string, string>, connectionId = `c${++nextId}AAAAAAAAAA=`) =>
  wsConnectEvent(query, connectionId);

const slicePk = (connectionId: string) => `ENV#live#production#SLICE#${sliceOf(connectionId)}`;

async function itemsOf(connectionId: string) {
  const client = documents();
  const slice = await client.send(
    new GetCommand({ TableName: tables.connections, Key: { pk: slicePk(connectionId), sk: connectionId } }),
  );
  const pointer = await client.send(
    new GetCommand({ TableName: tables.connections, Key: { pk: `CONN#${connectionId}`, sk: 'CONN' } }),
  );
  return { slice: slice.Item, pointer: pointer.Item };
}

describe('WebSocket handlers on DynamoDB', () => {
  const ws = () => createWebSocketHandlers({ credentialCacheTtlMs: 0 });

  it('registers a connection with a valid SDK key in its slice, with a back-pointer and a TTL', async () => {
    const event = connectEvent({ key: sdkKey });
    expect(await ws().connect(event)).toEqual({ statusCode: 200 });
    const { slice, pointer } = await itemsOf(event.requestContext.connectionId);
    expect(slice).toMatchObject({ project: 'live', env: 'production', sdk: 'server' });
    expect(pointer).toMatchObject({ slicePk: slicePk(event.requestContext.connectionId) });
    const ttl = Number(slice?.ttl);
    expect(ttl * 1000 - event.requestContext.connectedAt).toBeGreaterThan(2 * 3600 * 1000);
  });

  it('registers a browser connection by client-side id', async () => {
    const event = connectEvent({ clientSideId });
    expect(await ws().connect(event)).toEqual({ statusCode: 200 });
    expect((await itemsOf(event.requestContext.connectionId)).slice).toMatchObject({ sdk: 'client' });
  });

  it('stores a browser’s identify with its answer’s digest, never an older id over a newer one', async () => {
    const event = connectEvent({ clientSideId });
    const { connectionId } = event.requestContext;
    await ws().connect(event);
    const identify = (id: number, key: string) =>
      ws().message({
        ...event,
        requestContext: { ...event.requestContext, routeKey: '$default' },
        body: JSON.stringify({ action: 'identify', id, context: { kind: 'user', key } }),
      } as WebSocketEvent);
    expect(JSON.parse((await identify(2, 'ada')).body as string)).toMatchObject({ type: 'values', id: 2 });
    expect(JSON.parse((await identify(1, 'bob')).body as string)).toMatchObject({ type: 'values', id: 1 });
    const { slice } = await itemsOf(connectionId);
    expect(slice).toMatchObject({ identifyId: 2, context: JSON.stringify({ kind: 'user', key: 'ada' }) });
    expect(JSON.parse(slice?.answer as string)).toEqual(expect.any(Object));
    const store = new DynamoConnectionStore(documents(), 16);
    const found = await store.find(connectionId);
    expect(found).toMatchObject({ project: 'live', env: 'production', sdk: 'client' });
    const page = await store.listSlice(found as NonNullable<typeof found>, found?.slice as number, {});
    expect(page.connections.find((c) => c.connectionId === connectionId)?.identity).toMatchObject({
      id: 2,
      answer: expect.any(Object),
    });
    await ws().disconnect(event);
    expect(
      await store.identify(
        { ...(found as NonNullable<typeof found>), connectionId },
        { context: '{}', id: 3, at: 0 },
      ),
    ).toBe('gone');
  });

  it.each([
    ['no credential', {}, 401],
    ['an unknown SDK key', { key: `sdk-${'A'.repeat(43)}` }, 401],
    ['an unknown client-side id', { clientSideId: 'f'.repeat(24) }, 401],
    ['both credentials', { key: 'x', clientSideId: 'y' }, 403],
  ])('answers %s with %i and registers nothing', async (_name, query, status) => {
    const event = connectEvent(query as Record<string, string>);
    expect(await ws().connect(event)).toEqual({ statusCode: status });
    expect(await itemsOf(event.requestContext.connectionId)).toEqual({
      slice: undefined,
      pointer: undefined,
    });
  });

  it('refuses a rotated-out key', async () => {
    const rotated = await call('POST', `${P}/environments/{env}/keys/rotate`, {
      token: admin,
      params: { project: 'live', env: 'production' },
      body: { expiryHours: 0 },
    });
    expect(rotated.status).toBe(200);
    const event = connectEvent({ key: sdkKey });
    expect(await ws().connect(event)).toEqual({ statusCode: 401 });
    sdkKey = rotated.json.sdkKey;
    expect(await ws().connect(connectEvent({ key: sdkKey }))).toEqual({ statusCode: 200 });
  });

  it('removes both items on $disconnect', async () => {
    const handlers = ws();
    const event = connectEvent({ key: sdkKey });
    await handlers.connect(event);
    await handlers.disconnect(event);
    expect(await itemsOf(event.requestContext.connectionId)).toEqual({
      slice: undefined,
      pointer: undefined,
    });
    // A second $disconnect (or one for a connection never registered) is harmless.
    await expect(handlers.disconnect(event)).resolves.toEqual({ statusCode: 200 });
  });
});

describe('fan-out on DynamoDB', () => {
  let sequence = 1000;
  const record = (sk: string, version: number, extra: object = {}): DynamoDBRecord =>
    ({
      eventID: String(++sequence),
      eventName: 'MODIFY',
      dynamodb: {
        Keys: marshall({ pk: 'ENV#live#production', sk }),
        NewImage: marshall({ pk: 'ENV#live#production', sk, key: sk.split('#')[1], version, ...extra }),
        SequenceNumber: String(sequence),
      },
    }) as unknown as DynamoDBRecord;

  async function connected(count: number): Promise<string[]> {
    const handlers = createWebSocketHandlers({ credentialCacheTtlMs: 0 });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const event = connectEvent({ key: sdkKey }, `f${i}-${++nextId}AAAAAAA=`);
      await handlers.connect(event);
      ids.push(event.requestContext.connectionId);
    }
    return ids;
  }

  it('posts to every connection of the environment, deletes the gone ones, and reports nothing', async () => {
    const ids = await connected(12);
    const broadcaster = new RecordingBroadcaster();
    const gone = ids.slice(0, 3);
    for (const id of gone) broadcaster.gone.add(id);
    const fanout = createFanoutHandler({
      broadcaster,
      workers: new RecordingDispatcher(),
      inlineMaxConnections: 2000,
    });
    const event: DynamoDBStreamEvent = { Records: [record('FLAG#a', 1), record('FLAG#a', 2)] };
    expect(await fanout(event)).toEqual({ batchItemFailures: [] });
    const reached = new Set(broadcaster.posts.map((p) => p.connectionId));
    for (const id of ids.slice(3)) expect(reached.has(id)).toBe(true);
    expect(broadcaster.posts.every((p) => JSON.parse(p.frame).version === 2)).toBe(true);
    for (const id of gone) expect(await itemsOf(id)).toEqual({ slice: undefined, pointer: undefined });
    for (const id of ids.slice(3)) expect((await itemsOf(id)).slice).toBeDefined();
  });

  it('hands only the connections whose posts failed to a worker, which posts to those alone', async () => {
    const [failing] = await connected(1);
    const broadcaster = new RecordingBroadcaster();
    broadcaster.failing.add(failing as string);
    const workers = new RecordingDispatcher();
    const fanout = createFanoutHandler({ broadcaster, workers, inlineMaxConnections: 2000 });
    const first = record('FLAG#b', 5);
    expect(await fanout({ Records: [first, record('SEGMENT#s', 2)] })).toEqual({ batchItemFailures: [] });
    const [retry] = workers.tasks;
    expect(retry).toMatchObject({ slice: sliceOf(failing as string), connections: [failing], attempt: 1 });

    const recovered = new RecordingBroadcaster();
    await createFanoutWorkerHandler({ broadcaster: recovered, workers, retryDelayMs: () => 0 })(retry);
    expect(recovered.posts.map((p) => p.connectionId)).toEqual([failing, failing]);

    workers.failing = true;
    expect(await fanout({ Records: [first, record('SEGMENT#s', 2)] })).toEqual({
      batchItemFailures: [{ itemIdentifier: first.dynamodb?.SequenceNumber }],
    });
  });

  it('posts a change once to each server connection when both paths deliver it (the fast path’s marks)', async () => {
    const ids = await connected(6);
    const broadcaster = new RecordingBroadcaster();
    const fanout = createFanoutHandler({ broadcaster, workers: new RecordingDispatcher() });
    const change: ItemChange = {
      project: 'live',
      env: 'production',
      kind: 'flag',
      key: 'm',
      version: 7,
      data: { key: 'm', version: 7 },
      sequence: 'handoff#0',
    };
    for (const event of fastPathEvents([change])) await fanout(event);
    const telemetry = captureTelemetry();
    try {
      expect(await instrumented(fanout)({ Records: [record('FLAG#m', 7)] })).toEqual({
        batchItemFailures: [],
      });
      expect(telemetry.values('PostsSkipped')[0]).toBeGreaterThanOrEqual(ids.length);
    } finally {
      telemetry.restore();
    }
    for (const id of ids) expect(broadcaster.framesTo(id)).toHaveLength(1);
    // A version the fast path did not post goes to every connection again.
    await fanout({ Records: [record('FLAG#m', 8)] });
    for (const id of ids) expect(broadcaster.framesTo(id)).toHaveLength(2);
  });

  it('hands slices beyond the inline threshold to workers, continuing after what it posted', async () => {
    const broadcaster = new RecordingBroadcaster();
    const workers = new RecordingDispatcher();
    const fanout = createFanoutHandler({ broadcaster, workers, inlineMaxConnections: 16 });
    expect(await fanout({ Records: [record('FLAG#c', 1)] })).toEqual({ batchItemFailures: [] });
    const store = new DynamoConnectionStore(documents(), 16);
    // Every slice with more than one connection was continued by a worker from its second one.
    for (const task of workers.tasks) {
      const first = await store.listSlice(task, task.slice, { limit: 1 });
      expect(task.startAfter).toBe(first.connections[0]?.connectionId);
    }
    expect(workers.tasks.length).toBeGreaterThan(0);
  });
});
