import { contextSchema } from '@switchboard/core/schema';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDocumentClient } from '../../lambdas/adapters/dynamodb/client.js';
import {
  createWebSocketHandlers,
  type WebSocketEvent,
  type WebSocketHandler,
} from '../../lambdas/websocket.js';
import { controlPlane, P, seedProject } from '../helpers/control-plane.js';
import {
  expectNoPollution,
  fuzzRuns,
  fuzzTimeout,
  hostileString,
  hostileValue,
  jsonSchemaOf,
  ownObject,
  schemaArbitrary,
  spyOnWrites,
} from '../helpers/fuzz.js';
import { createIsolatedTables } from '../helpers/tables.js';

/**
 * Hostile input on the WebSocket API, in-process against DynamoDB Local: `$connect` query strings
 * and `$default` frames. `$connect` answers 200, 401 or 403 and registers nothing unless 200;
 * `$default` always answers a protocol message, an error one with a documented code (never
 * `unavailable`, which means the server failed) and with nothing written.
 */

const RUNS = 60;
/** Error codes of protocol v1 a client may get for what it sent (`ws-protocol.ts`). */
const CLIENT_ERRORS = [
  'invalid_message',
  'unknown_action',
  'unsupported_action',
  'invalid_context',
  'context_too_large',
  'secure_mode_hash_required',
  'invalid_hash',
];

const spy = spyOnWrites(sharedDocumentClient());
let connect: WebSocketHandler;
let message: WebSocketHandler;
let credentials: { sdkKey: string; clientSideId: string; secureId: string; stagingKey: string };
let connectionIds = 0;

const event = (connectionId: string, extra: Partial<WebSocketEvent>): WebSocketEvent =>
  ({
    requestContext: {
      connectionId,
      connectedAt: Date.now(),
      routeKey: extra.body === undefined ? '$connect' : '$default',
      eventType: extra.body === undefined ? 'CONNECT' : 'MESSAGE',
    },
    isBase64Encoded: false,
    ...extra,
  }) as unknown as WebSocketEvent;

/** A context from core's own schema, with hostile values mixed in at every level. */
const contextJsonSchema = jsonSchemaOf(contextSchema);
const context = schemaArbitrary(contextJsonSchema.schema, {
  resolve: contextJsonSchema.resolve,
  hostility: 1,
});

const pickValid = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: hostileValue, weight: 1 });

const identify = fc
  .record(
    {
      action: fc.constant('identify'),
      id: pickValid(fc.integer({ min: 1, max: 1_000_000 })),
      context,
      hash: pickValid(fc.stringMatching(/^[0-9a-f]{64}$/)),
    },
    { requiredKeys: ['action', 'id'] },
  )
  .map((fields) => ownObject(Object.entries(fields)));

const frame: fc.Arbitrary<{ body: string; isBase64Encoded?: boolean }> = fc.oneof(
  { arbitrary: identify.map((m) => ({ body: JSON.stringify(m) })), weight: 10 },
  { arbitrary: fc.constant({ body: '{"action":"ping"}' }), weight: 1 },
  {
    arbitrary: fc
      .tuple(hostileValue, fc.jsonValue({ maxDepth: 2 }))
      .map(([action, rest]) => ({ body: JSON.stringify({ action, rest }) ?? 'null' })),
    weight: 2,
  },
  { arbitrary: hostileValue.map((value) => ({ body: JSON.stringify(value) ?? '' })), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      { body: '' },
      { body: '{' },
      { body: '{"action":"identify","id":1,"context":' },
      {
        body: `{"action":"identify","id":1,"context":{"kind":"user","key":"k","a":${'['.repeat(4000)}${']'.repeat(4000)}}}`,
      },
      { body: `{"action":"identify","id":1,"context":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}` },
      { body: `{"action":"identify","id":1,"context":{"kind":"user","key":"${'k'.repeat(130_000)}"}}` },
      { body: '{"action":"ping","__proto__":{"polluted":true}}' },
      { body: 'eyJhY3Rpb24iOiJwaW5nIn0=', isBase64Encoded: true },
    ),
    weight: 2,
  },
);

beforeAll(async () => {
  await createIsolatedTables();
  const { call, adminToken } = await controlPlane();
  const token = adminToken;
  const { production, secure, staging } = await seedProject(call, token, 'ws', [
    { key: 'production' },
    { key: 'secure', secureMode: true },
    { key: 'staging' },
  ]);
  await call('POST', `${P}/flags`, {
    token,
    params: { project: 'ws' },
    body: {
      key: 'banner',
      name: 'Banner',
      clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
    },
  });
  credentials = {
    sdkKey: production.sdkKey,
    clientSideId: production.clientSideId,
    secureId: secure.clientSideId,
    stagingKey: staging.sdkKey,
  };
  ({ connect, message } = createWebSocketHandlers({ client: spy.client }));
  for (const [id, query] of [
    ['client', { clientSideId: credentials.clientSideId }],
    ['server', { key: credentials.sdkKey }],
    ['secure', { clientSideId: credentials.secureId }],
  ] as const) {
    expect(await connect(event(id, { queryStringParameters: query }))).toEqual({ statusCode: 200 });
  }
}, 60_000);

describe('hostile WebSocket input', () => {
  it(
    '$connect: 200, 401 or 403 for any query string, and nothing registered unless 200',
    async () => {
      const credential = (valid: string[]) =>
        fc.oneof(
          { arbitrary: fc.constantFrom(...valid), weight: 3 },
          { arbitrary: hostileString, weight: 3 },
          {
            arbitrary: fc.constantFrom(` ${valid[0]}`, `Bearer ${valid[0]}`, `${valid[0]},${valid[0]}`),
            weight: 1,
          },
        );
      const query = fc.record(
        {
          key: credential([credentials.sdkKey, credentials.stagingKey]),
          clientSideId: credential([credentials.clientSideId, credentials.secureId]),
          extra: hostileString,
          __proto__: hostileString,
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(fc.option(query, { nil: null, freq: 10 }), async (parameters) => {
          const writes = spy.writes();
          const id = `fz-${++connectionIds}`;
          const result = await connect(
            event(id, {
              queryStringParameters: parameters === null ? null : ownObject(Object.entries(parameters)),
            } as Partial<WebSocketEvent>),
          );
          expect([200, 401, 403]).toContain(result.statusCode);
          if (result.statusCode !== 200)
            expect(spy.writes() - writes, 'writes from a refused $connect').toBe(0);
          expectNoPollution();
        }),
        fuzzRuns(RUNS),
      );
    },
    fuzzTimeout(RUNS, 500),
  );

  it(
    '$default: a protocol message for any frame, errors with a documented code and nothing written',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('client', 'server', 'secure', 'ghost'),
          frame,
          async (connectionId, { body, isBase64Encoded }) => {
            const writes = spy.writes();
            const result = await message(
              event(connectionId, { body, isBase64Encoded: isBase64Encoded ?? false }),
            );
            expect(result.statusCode).toBe(200);
            const reply = JSON.parse(result.body as string) as Record<string, unknown>;
            expect(['pong', 'values', 'error']).toContain(reply.type);
            if (reply.type === 'error') {
              expect(CLIENT_ERRORS).toContain(reply.code);
              expect(reply.message).toEqual(expect.any(String));
              if ('id' in reply)
                expect(Number.isSafeInteger(reply.id) && (reply.id as number) >= 1).toBe(true);
              expect(spy.writes() - writes, 'writes from a refused frame').toBe(0);
            }
            expectNoPollution();
          },
        ),
        fuzzRuns(RUNS * 2),
      );
    },
    fuzzTimeout(RUNS * 2, 500),
  );
});
