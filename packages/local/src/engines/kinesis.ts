import { mkdirSync } from 'node:fs';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Server, Socket } from 'node:net';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ResourceInUseException,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createDualProtocolServer } from './dual-protocol-server.js';
import { localCredentials, localRegion } from './dynamodb.js';

export interface KinesisLocal {
  readonly endpoint: string;
  readonly port: number;
  /** `kill` resets open connections first, so requests in flight fail as on a crash. @default 'graceful' */
  stop(how?: 'graceful' | 'kill'): Promise<void>;
}

export interface StartKinesisLocalOptions {
  /** @default a free port */
  readonly port?: number;
  /** LevelDB folder. @default in memory */
  readonly dataDir?: string;
}

type Kinesalite = (options: Record<string, unknown>) => HttpServer;
const kinesalite = createRequire(import.meta.url)('kinesalite') as Kinesalite;

/**
 * Runs kinesalite in this process (see docs/local-runtime.md for why kinesalite) behind a server that
 * speaks both HTTP/1.1 and h2c. Stream creation is immediate rather than kinesalite's default 500 ms.
 */
export async function startKinesisLocal(options: StartKinesisLocalOptions = {}): Promise<KinesisLocal> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const engine = kinesalite({
    path: options.dataDir,
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
  });
  const [handler] = engine.listeners('request') as Handler[];
  if (!handler) throw new Error('kinesalite exposes no request handler');
  const inflight = trackRequests(handler);
  const front = createDualProtocolServer(inflight.handler as never);
  const sockets = new Set<Socket>();
  front.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listen(front, options.port ?? 0);
  const { port } = front.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: async (how = 'graceful') => {
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      if (how === 'kill') for (const socket of sockets) socket.resetAndDestroy();
      // LevelDB must stay open until the requests it is serving are done, or kinesalite throws.
      await inflight.drained();
      // Idle keep-alive connections (handlers' clients) would hold `close` open indefinitely.
      for (const socket of sockets) socket.destroy();
      await closed;
      // Closing kinesalite's own (never listening) server closes its LevelDB and releases the lock.
      await new Promise<void>((resolve) => engine.close(() => resolve()));
    },
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Counts the requests kinesalite is working on: from arrival to `res.end`, or to the client going
 * away before its body was complete (kinesalite then never gets to the database).
 */
function trackRequests(handler: Handler): { handler: Handler; drained(): Promise<void> } {
  let open = 0;
  const waiting: (() => void)[] = [];
  const done = () => {
    open--;
    if (open === 0) for (const resolve of waiting.splice(0)) resolve();
  };
  return {
    handler: (req, res) => {
      open++;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        done();
      };
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        finish();
        return end(...args);
      }) as ServerResponse['end'];
      req.once('close', () => {
        if (!req.complete) finish();
      });
      handler(req, res);
    },
    drained: () => (open === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** A Kinesis client for the runtime's own pollers (HTTP/1.1 keeps its GetRecords loops simple). */
export function localKinesisClient(endpoint: string): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: localRegion,
    credentials: localCredentials,
    requestHandler: new NodeHttpHandler(),
  });
}

/** Creates each stream (idempotently) and waits until it is ACTIVE. */
export async function createStreams(
  client: KinesisClient,
  streams: readonly { readonly name: string; readonly shardCount: number }[],
): Promise<void> {
  for (const stream of streams) {
    try {
      await client.send(new CreateStreamCommand({ StreamName: stream.name, ShardCount: stream.shardCount }));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    for (;;) {
      const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream.name }));
      if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
