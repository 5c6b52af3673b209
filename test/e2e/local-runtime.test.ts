import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { freePort, type Runtime, startRuntime } from '@switchboard/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from './eventually.js';
import { recorded } from './fixtures/recorder.js';
import { e2eTopology } from './fixtures/topology.js';

const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
// Fixed for the file: a restart must find the engines where the loaded handlers' clients point.
const enginePorts = Promise.all([freePort(), freePort()]);
const start = async () => {
  const [dynamodb, kinesis] = await enginePorts;
  return startRuntime({
    ports: { http: 0, ws: 0, dynamodb, kinesis },
    dataDir,
    topology: e2eTopology,
    logLevel: 'quiet',
    pollIntervalMs: 50,
    retryDelayMs: 20,
  });
};

function open(url: string): Promise<{ socket: WebSocket; messages: string[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages: string[] = [];
    socket.on('message', (data) => messages.push(data.toString()));
    socket.once('open', () => resolve({ socket, messages }));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

const closed = (socket: WebSocket) =>
  new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

describe('local runtime, end to end', () => {
  let runtime: Runtime;
  let adminToken: string;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${runtime.apiUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers },
    });

  beforeAll(async () => {
    runtime = await start();
    adminToken = runtime.local?.adminToken as string;
  });

  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('HTTP gateway', () => {
    it('reports health and answers unknown routes as API Gateway does', async () => {
      expect((await fetch(`${runtime.apiUrl}/health`)).status).toBe(200);
      const missing = await fetch(`${runtime.apiUrl}/api/v1/nowhere`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ message: 'Not Found' });
    });

    it('listens on loopback only by default', () => {
      expect(runtime.host).toBe('127.0.0.1');
    });

    it('seeds the demo project with SDK keys that the SDK API accepts', async () => {
      const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
      expect(production?.sdkKey).toBeTruthy();
      const snapshot = await fetch(`${runtime.apiUrl}/sdk/v1/flags`, {
        headers: { authorization: production?.sdkKey as string },
      });
      expect(snapshot.status).toBe(200);
      const body = (await snapshot.json()) as { flags: Record<string, unknown> };
      expect(Object.keys(body.flags)).toEqual(
        expect.arrayContaining(['new-checkout', 'search-algorithm', 'rate-limits', 'beta-dashboard']),
      );
    });
  });

  describe('DynamoDB stream poller', () => {
    it('delivers a flag change to the stream handler, filtered to environment items', async () => {
      const created = await api('/api/v1/projects/demo/flags', {
        method: 'POST',
        body: JSON.stringify({ key: 'e2e-flag', name: 'E2E flag' }),
      });
      expect(created.status).toBe(201);
      const records = await eventually(() => {
        const found = recorded()
          .dynamodbBatches.flat()
          .filter((record) => record.sk === 'FLAG#e2e-flag');
        expect(found.map((record) => record.pk).sort()).toEqual(['ENV#demo#production', 'ENV#demo#staging']);
        return found;
      });
      expect(records.every((record) => record.eventName === 'INSERT')).toBe(true);
      expect(
        recorded()
          .dynamodbBatches.flat()
          .some((record) => record.pk.startsWith('PROJECT#')),
      ).toBe(false);
    });

    it('hands a table write to the handler within a few poll intervals', async () => {
      const dynamodb = new DynamoDBClient({});
      const delays: number[] = [];
      for (let i = 0; i < 5; i++) {
        const sk = `FLAG#delay-probe-${i}`;
        const written = Date.now();
        await dynamodb.send(
          new PutItemCommand({
            TableName: process.env.FLAGS_TABLE,
            Item: { pk: { S: 'ENV#probe#e2e' }, sk: { S: sk } },
          }),
        );
        const arrived = await eventually(() => {
          const record = recorded()
            .dynamodbBatches.flat()
            .find((r) => r.sk === sk);
          expect(record).toBeDefined();
          return record?.receivedAt as number;
        });
        delays.push(arrived - written);
      }
      dynamodb.destroy();
      delays.sort((a, b) => a - b);
      console.log(`stream-to-handler delay (ms): median ${delays[2]}, max ${delays[4]}`);
      expect(delays[2]).toBeLessThan(1000);
    });
  });

  describe('WebSocket gateway and @connections', () => {
    it('routes by action, falls back to $default, and returns the route body', async () => {
      const { socket, messages } = await open(`${runtime.wsUrl}/?key=good`);
      socket.send(JSON.stringify({ action: 'ping' }));
      socket.send('not json');
      await eventually(() => expect(messages).toHaveLength(2));
      const [ping, other] = messages.map((m) => JSON.parse(m));
      expect(ping).toMatchObject({ routeKey: 'ping', eventType: 'MESSAGE' });
      expect(other).toMatchObject({ routeKey: '$default', body: 'not json' });
      socket.close();
    });

    it('works with the real ApiGatewayManagementApiClient, then answers 410 once closed', async () => {
      const { socket, messages } = await open(`${runtime.wsUrl}/?key=good`);
      socket.send('{}');
      await eventually(() => expect(messages).toHaveLength(1));
      const { connectionId } = JSON.parse(messages[0] as string) as { connectionId: string };
      const client = new ApiGatewayManagementApiClient({ endpoint: runtime.apiUrl });
      const paths: string[] = [];
      client.middlewareStack.add(
        (next) => async (args) => {
          paths.push((args.request as { path: string }).path);
          return next(args);
        },
        { step: 'finalizeRequest' },
      );

      await client.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: '{"type":"refetch"}' }),
      );
      await eventually(() => expect(messages.at(-1)).toBe('{"type":"refetch"}'));
      expect(paths).toEqual([`/@connections/${encodeURIComponent(connectionId)}`]);

      const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
      expect(info.ConnectedAt).toBeInstanceOf(Date);
      expect(info.Identity?.SourceIp).toBeTruthy();

      await expect(
        client.send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(128 * 1024 + 1) }),
        ),
      ).rejects.toBeInstanceOf(PayloadTooLargeException);

      const closing = closed(socket);
      await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      await closing;
      await eventually(() => expect(recorded().disconnects).toContain(connectionId));
      const gone = client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' }));
      await expect(gone).rejects.toBeInstanceOf(GoneException);
      await expect(gone).rejects.toMatchObject({ $metadata: { httpStatusCode: 410 } });
      client.destroy();
    });

    it('refuses the handshake when $connect rejects, without a $disconnect', async () => {
      const before = recorded().disconnects.length;
      await expect(open(`${runtime.wsUrl}/?key=bad`)).rejects.toThrow('HTTP 401');
      await new Promise((r) => setTimeout(r, 100));
      expect(recorded().disconnects).toHaveLength(before);
    });

    it('closes with 1009 when a client message exceeds 128 KB', async () => {
      const { socket } = await open(`${runtime.wsUrl}/?key=good`);
      const code = closed(socket);
      socket.send('x'.repeat(128 * 1024 + 1));
      expect(await code).toBe(1009);
    });
  });

  describe('Kinesis poller', () => {
    const put = async (records: object[]) => {
      // A default client, as a handler would make: HTTP/2 and the endpoint from AWS_ENDPOINT_URL_KINESIS.
      const kinesis = new KinesisClient({});
      await kinesis.send(
        new PutRecordsCommand({
          StreamName: process.env.EVENTS_STREAM,
          Records: records.map((data, i) => ({
            PartitionKey: `p${i}`,
            Data: Buffer.from(JSON.stringify(data)),
          })),
        }),
      );
      kinesis.destroy();
    };

    it('delivers records in order and retries from the first reported item failure', async () => {
      await put([{ id: 'a' }, { id: 'b' }, { id: 'c', failOnce: true }, { id: 'd' }, { ignored: true }]);
      const batches = await eventually(() => {
        const seen = recorded().kinesisBatches.map((batch) =>
          batch.map((record) => (record.data as { id: string }).id),
        );
        expect(seen.flat().filter((id) => id === 'd')).toHaveLength(2);
        return seen;
      });
      expect(batches).toEqual([
        ['a', 'b', 'c', 'd'],
        ['c', 'd'],
      ]);
      const first = recorded().kinesisBatches[0]?.[0];
      expect(first?.eventID).toBe(`shardId-000000000000:${first?.sequenceNumber}`);
    });

    it('retries a throwing handler, bisects, and skips only the poison record', async () => {
      await put([
        { thrower: true, n: 1 },
        { thrower: true, n: 2, poison: true },
        { thrower: true, n: 3 },
        { thrower: true, n: 4 },
      ]);
      await eventually(() => {
        const delivered = recorded()
          .throwerBatches.filter((batch) => !batch.some((record) => (record as { poison?: boolean }).poison))
          .flat()
          .map((record) => (record as { n: number }).n);
        expect(delivered).toEqual([1, 3, 4]);
      });
      // Halving costs no retry; the lone poison record gets its one retry and is then given up on.
      expect(recorded().throwerBatches.map((batch) => batch.map((r) => (r as { n: number }).n))).toEqual([
        [1, 2, 3, 4],
        [1, 2],
        [1],
        [2],
        [2],
        [3, 4],
      ]);
    });
  });

  describe('persistence', () => {
    it('keeps data, credentials and stream positions across a restart', async () => {
      const deliveredBefore = recorded().kinesisBatches.length;
      await runtime.stop();
      runtime = await start();
      expect(runtime.local?.adminToken).toBe(adminToken);
      const flag = await api('/api/v1/projects/demo/flags/e2e-flag');
      expect(flag.status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
      // Resumed after the checkpoint: nothing delivered again.
      expect(recorded().kinesisBatches).toHaveLength(deliveredBefore);
    });

    it('prints a working admin token after its own was revoked', async () => {
      const tokens = (await (await api('/api/v1/tokens')).json()) as {
        items: { id: string; name: string }[];
      };
      const bootstrap = tokens.items.find((token) => token.name === 'bootstrap-admin');
      expect((await api(`/api/v1/tokens/${bootstrap?.id}`, { method: 'DELETE' })).status).toBe(204);
      const revoked = adminToken;
      await runtime.stop();
      runtime = await start();
      adminToken = runtime.local?.adminToken as string;
      expect(adminToken).not.toBe(revoked);
      expect((await api('/api/v1/projects')).status).toBe(200);
      const withRevoked = await fetch(`${runtime.apiUrl}/api/v1/projects`, {
        headers: { authorization: `Bearer ${revoked}` },
      });
      expect(withRevoked.status).toBe(401);
    });
  });
});
