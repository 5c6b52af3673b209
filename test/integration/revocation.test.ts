import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceOf } from '../../lambdas/domain/connection-slices.js';
import { sha256 } from '../../lambdas/domain/credentials.js';
import { createFanoutHandler } from '../../lambdas/fanout.js';
import { createKeyExpiryHandler } from '../../lambdas/key-expiry.js';
import { createRevokerHandler } from '../../lambdas/revoker.js';
import { createWebSocketHandlers } from '../../lambdas/websocket.js';
import { type Call, controlPlane, ENV, P } from '../helpers/control-plane.js';
import { RecordingBroadcaster, RecordingCloser, RecordingDispatcher } from '../helpers/delivery-fakes.js';
import { streamRecord } from '../helpers/stream-records.js';
import { createIsolatedTables } from '../helpers/tables.js';
import { connectEvent } from '../helpers/ws-events.js';

/**
 * Revocation on DynamoDB Local: connections record their credential; rotating a key away, ending
 * its overlap, or deleting its environment or project stops the fan-out posting to them and makes
 * the revoker (fed the stream record the removal produced) close them.
 */
let call: Call;
let admin: string;
let tables: Record<string, string>;
const documents = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));

beforeAll(async () => {
  tables = await createIsolatedTables();
  ({ call, adminToken: admin } = await controlPlane({ credentialCacheTtlMs: 0 }));
});

let nextId = 0;
const ws = createWebSocketHandlers({ credentialCacheTtlMs: 0 });
async function connect(query: Record<string, string>): Promise<string> {
  const connectionId = `r${++nextId}AAAAAAAAAAA=`;
  const event = connectEvent(query, connectionId);
  expect(await ws.connect(event)).toEqual({ statusCode: 200 });
  return connectionId;
}

async function createEnvironment(project: string, env: string) {
  const created = await call('POST', `${P}/environments`, {
    token: admin,
    params: { project },
    body: { key: env, name: env },
  });
  expect(created.status).toBe(201);
  return created.json as { sdkKey: string; clientSideId: string };
}

async function createProject(project: string) {
  await call('POST', '/api/v1/projects', { token: admin, body: { key: project, name: project } });
  return createEnvironment(project, 'production');
}

const rotate = async (project: string, expiryHours: number): Promise<string> =>
  (
    await call('POST', `${ENV}/keys/rotate`, {
      token: admin,
      params: { project, env: 'production' },
      body: { expiryHours },
    })
  ).json.sdkKey;

let sequence = 5000;
/** The stream record the removal of an SDK key or client-side id item produces. */
const removal = (pk: string, project: string, env = 'production'): DynamoDBRecord =>
  streamRecord(
    'REMOVE',
    { pk, sk: pk.split('#')[0] as string },
    { OldImage: { project, env } },
    String(++sequence),
  );

const change = (project: string, version: number): DynamoDBRecord =>
  streamRecord(
    'MODIFY',
    { pk: `ENV#${project}#production`, sk: 'FLAG#a' },
    { NewImage: { key: 'a', version } },
    String(++sequence),
  );

/** Which of the connections a flag change of `project`'s production environment reaches. */
async function reached(project: string, version: number): Promise<Set<string>> {
  const broadcaster = new RecordingBroadcaster();
  const fanout = createFanoutHandler({
    broadcaster,
    workers: new RecordingDispatcher(),
    inlineMaxConnections: 2000,
  });
  expect(await fanout({ Records: [change(project, version)] })).toEqual({ batchItemFailures: [] });
  return new Set(broadcaster.posts.map((p) => p.connectionId));
}

async function revoke(...records: DynamoDBRecord[]): Promise<string[]> {
  const closer = new RecordingCloser();
  const revoker = createRevokerHandler({ closer, repeatAfterMs: 0 });
  expect(await revoker({ Records: records })).toEqual({ batchItemFailures: [] });
  return closer.closed.sort();
}

async function registered(project: string, connectionId: string): Promise<boolean> {
  const out = await documents().send(
    new GetCommand({
      TableName: tables.connections,
      Key: { pk: `ENV#${project}#production#SLICE#${sliceOf(connectionId)}`, sk: connectionId },
    }),
  );
  return out.Item !== undefined;
}

describe('revocation on DynamoDB', () => {
  it('records the credential and generation of a connection on both of its items', async () => {
    const { sdkKey, clientSideId } = await createProject('facts');
    const server = await connect({ key: sdkKey });
    const browser = await connect({ clientSideId });
    const read = async (pk: string, sk: string) =>
      (await documents().send(new GetCommand({ TableName: tables.connections, Key: { pk, sk } }))).Item;
    const slice = await read(`ENV#facts#production#SLICE#${sliceOf(server)}`, server);
    const pointer = await read(`CONN#${server}`, 'CONN');
    for (const item of [slice, pointer]) {
      expect(item).toMatchObject({
        credential: `sdkKey:${sha256(sdkKey).slice(0, 12)}`,
        generation: expect.any(String),
      });
    }
    expect(await read(`ENV#facts#production#SLICE#${sliceOf(browser)}`, browser)).toMatchObject({
      credential: `clientSideId:${clientSideId}`,
      generation: slice?.generation,
    });
  });

  it('after a rotation without overlap, reaches only the new key’s connections and closes the old key’s', async () => {
    const { sdkKey: oldKey } = await createProject('rotate');
    const old = await connect({ key: oldKey });
    const newKey = await rotate('rotate', 0);
    const current = await connect({ key: newKey });
    expect(await reached('rotate', 2)).toEqual(new Set([current]));
    expect(await revoke(removal(`SDKKEY#${sha256(oldKey)}`, 'rotate'))).toEqual([old]);
    expect(await registered('rotate', old)).toBe(false);
    expect(await registered('rotate', current)).toBe(true);
  });

  it('keeps the old key’s connections through the overlap, then the sweep ends it and they are closed', async () => {
    const { sdkKey: oldKey } = await createProject('overlap');
    const old = await connect({ key: oldKey });
    await rotate('overlap', 1 / 3600);
    expect(await reached('overlap', 2)).toEqual(new Set([old]));
    expect(await createKeyExpiryHandler()()).toEqual({ expired: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await reached('overlap', 3)).toEqual(new Set());
    expect((await createKeyExpiryHandler()()).expired).toBeGreaterThanOrEqual(1);
    const keyItem = await documents().send(
      new GetCommand({ TableName: tables.flags, Key: { pk: `SDKKEY#${sha256(oldKey)}`, sk: 'SDKKEY' } }),
    );
    expect(keyItem.Item).toBeUndefined();
    expect(await revoke(removal(`SDKKEY#${sha256(oldKey)}`, 'overlap'))).toEqual([old]);
  });

  it('closes every connection of a deleted environment, and none of the one re-created in its place', async () => {
    const { sdkKey, clientSideId } = await createProject('again');
    const server = await connect({ key: sdkKey });
    const browser = await connect({ clientSideId });
    expect(
      (await call('DELETE', ENV, { token: admin, params: { project: 'again', env: 'production' } })).status,
    ).toBe(204);
    const recreated = await createEnvironment('again', 'production');
    const fresh = await connect({ key: recreated.sdkKey });
    expect(await reached('again', 1)).toEqual(new Set([fresh]));
    expect(await revoke(removal(`SDKKEY#${sha256(sdkKey)}`, 'again'))).toEqual([browser, server].sort());
    expect(await registered('again', fresh)).toBe(true);
  });

  it('refuses a rotated-away key at $connect at once, though a connect just read it', async () => {
    const { sdkKey } = await createProject('instant');
    // Built as the functions are: no cache setting given.
    const deployed = createWebSocketHandlers();
    expect(await deployed.connect(connectEvent({ key: sdkKey }, `r${++nextId}AAAAAAAAAAA=`))).toEqual({
      statusCode: 200,
    });
    await rotate('instant', 0);
    expect(await deployed.connect(connectEvent({ key: sdkKey }, `r${++nextId}AAAAAAAAAAA=`))).toEqual({
      statusCode: 401,
    });
  });

  it('closes every connection of a deleted project', async () => {
    const { sdkKey, clientSideId } = await createProject('doomed');
    const ids = [await connect({ key: sdkKey }), await connect({ clientSideId })];
    expect(
      (await call('DELETE', '/api/v1/projects/{project}', { token: admin, params: { project: 'doomed' } }))
        .status,
    ).toBe(204);
    expect(await revoke(removal(`CLIENTSIDE#${clientSideId}`, 'doomed'))).toEqual(ids.sort());
  });
});
