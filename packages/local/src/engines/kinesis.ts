import { mkdirSync } from 'node:fs';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
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
  stop(): Promise<void>;
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
  const [handler] = engine.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!handler) throw new Error('kinesalite exposes no request handler');
  const front = createDualProtocolServer(handler as never);
  await listen(front, options.port ?? 0);
  const { port } = front.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      // Closing kinesalite's own (never listening) server closes its LevelDB and releases the lock.
      await new Promise<void>((resolve) => engine.close(() => resolve()));
    },
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
