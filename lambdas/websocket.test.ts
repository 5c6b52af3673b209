import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tables } from '@switchboard/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryConnectionStore } from '../test/helpers/delivery-fakes.js';
import { newSdkKey, sha256 } from './domain/credentials.js';
import { createWebSocketHandlers, type WebSocketEvent } from './websocket.js';

const sdkKey = newSdkKey();
/** A document client that knows one SDK key, enough for the `AuthService` lookups. */
const client = {
  send: async (command: { input: { Key?: { pk?: string } } }) =>
    command.input.Key?.pk === `SDKKEY#${sha256(sdkKey)}`
      ? { Item: { pk: 'x', sk: 'SDKKEY', project: 'p', env: 'production' } }
      : {},
} as unknown as DynamoDBDocumentClient;

const event = (overrides: Partial<WebSocketEvent> & { query?: Record<string, string> } = {}) =>
  ({
    requestContext: { connectionId: 'abc=', connectedAt: 1_700_000_000_000, routeKey: '$default' },
    queryStringParameters: overrides.query,
    ...overrides,
  }) as unknown as WebSocketEvent;

/** A store holding one server SDK's connection, `abc=`, in `p`/`production`. */
async function serverConnection(): Promise<MemoryConnectionStore> {
  const connections = new MemoryConnectionStore();
  await connections.register({
    project: 'p',
    env: 'production',
    connectionId: 'abc=',
    connectedAt: 0,
    sdk: 'server',
  });
  return connections;
}

describe('WebSocket handlers', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    // The DynamoDB adapters read every table name when built.
    for (const table of tables) process.env[table.envVar] = table.name;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('answers ping with pong and anything else with an error message, as the route response', async () => {
    const { message } = createWebSocketHandlers({ client });
    expect(await message(event({ body: '{"action":"ping"}' }))).toEqual({
      statusCode: 200,
      body: '{"type":"pong"}',
    });
    const reply = await message(event({ body: '{"action":"subscribe"}' }));
    expect(JSON.parse(reply.body as string)).toMatchObject({ type: 'error', code: 'unknown_action' });
    const binary = await message(event({ body: 'AAEC', isBase64Encoded: true }));
    expect(JSON.parse(binary.body as string)).toMatchObject({ type: 'error', code: 'invalid_message' });
  });

  it('answers identify on $default: unsupported on a server connection, unavailable when storage fails', async () => {
    const connections = await serverConnection();
    const { message } = createWebSocketHandlers({ client, connections });
    const identify = JSON.stringify({ action: 'identify', id: 3, context: { kind: 'user', key: 'ada' } });
    const refused = await message(event({ body: identify }));
    expect(JSON.parse(refused.body as string)).toMatchObject({
      type: 'error',
      id: 3,
      code: 'unsupported_action',
    });

    connections.find = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const failed = await message(event({ body: identify }));
      expect(JSON.parse(failed.body as string)).toMatchObject({ type: 'error', id: 3, code: 'unavailable' });
    } finally {
      console.error = original;
    }
    // The failure is logged, the context is not.
    expect(JSON.stringify(logged)).not.toContain('ada');
  });

  it("puts an ack on the analytics stream for the connection's environment, and answers nothing", async () => {
    const connections = await serverConnection();
    const published: string[] = [];
    const { message } = createWebSocketHandlers({
      client,
      connections,
      events: { publish: async (records) => void published.push(...records) },
      receiptSettings: async () => ({ enabled: true, sampleRate: 1 }),
      clock: { now: () => new Date(1_250) },
    });
    const ack = { action: 'ack', kind: 'flag', key: 'beta', version: 4, at: 1_000 };
    expect(await message(event({ body: JSON.stringify(ack) }))).toEqual({ statusCode: 200 });
    expect(published.map((record) => JSON.parse(record))).toEqual([
      {
        v: 1,
        project: 'p',
        env: 'production',
        receivedAt: 1_250,
        payloadId: 'ack/abc=/flag/beta/4',
        part: 0,
        events: [{ kind: 'ack', flag: 'beta', version: 4, latencyMs: 250 }],
      },
    ]);
    // From a connection that is not registered, nothing; a malformed ack is an error reply.
    await message(event({ body: JSON.stringify(ack), requestContext: { connectionId: 'zzz=' } as never }));
    expect(published).toHaveLength(1);
    const bad = await message(event({ body: JSON.stringify({ ...ack, version: 'x' }) }));
    expect(JSON.parse(bad.body as string)).toMatchObject({ type: 'error', code: 'invalid_message' });
  });

  it('accepts a known SDK key and registers the connection', async () => {
    const connections = new MemoryConnectionStore();
    const { connect } = createWebSocketHandlers({ client, connections, credentialCacheTtlMs: 0 });
    expect(await connect(event({ query: { key: sdkKey } }))).toEqual({ statusCode: 200 });
    expect([...connections.connections.keys()]).toEqual(['abc=']);
  });

  it('answers 500 without detail when the registration fails, and registers nothing', async () => {
    const connections = new MemoryConnectionStore();
    connections.register = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    const { connect } = createWebSocketHandlers({ client, connections, credentialCacheTtlMs: 0 });
    const original = console.error;
    console.error = () => undefined;
    try {
      expect(await connect(event({ query: { key: sdkKey } }))).toEqual({ statusCode: 500 });
    } finally {
      console.error = original;
    }
  });
});
