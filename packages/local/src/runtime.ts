import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { setTelemetrySink } from '../../../lambdas/adapters/telemetry-core.js';
import {
  createTables,
  localCredentials,
  localDynamoClient,
  localRegion,
  startDynamoDbLocal,
} from './engines/dynamodb.js';
import { createStreams, localKinesisClient, startKinesisLocal } from './engines/kinesis.js';
import { EngineControl } from './faults/engine-control.js';
import { createFaultsApi } from './faults/faults-api.js';
import { RuntimeFaults } from './faults/runtime-faults.js';
import { handlerEnvironment } from './functions/handler-env.js';
import { createInvokeApi } from './functions/invoke-api.js';
import { loadFunctions } from './functions/load-functions.js';
import { createExamplesApi, localDemoConfig } from './http/examples.js';
import { createHttpGateway } from './http/gateway.js';
import type { GatewayResponse } from './http/http-result.js';
import { createLogger, type LogFormat, type Logger, type LogLevel } from './log.js';
import { checkpointsFor } from './pollers/checkpoints.js';
import { dynamoDbStreamSource } from './pollers/dynamodb-source.js';
import { type EventSourcePoller, startEventSourcePoller } from './pollers/event-source-poller.js';
import { kinesisStreamSource } from './pollers/kinesis-source.js';
import { startSchedules } from './schedules/scheduler.js';
import { seedOnFirstStart } from './seed/first-start.js';
import type { LocalJson } from './seed/local-json.js';
import { physicalName, platformTopology, type RuntimeTopology } from './topology.js';
import { apiGatewayLimits, ConnectionRegistry, type WebSocketLimits } from './websocket/connections.js';
import { createWebSocketGateway } from './websocket/gateway.js';
import { createManagementApi } from './websocket/management-api.js';

export interface RuntimeOptions {
  /**
   * 0 picks a free port. Engine ports matter only to a process that restarts the runtime: handler
   * modules stay loaded, and with them clients bound to the first endpoints.
   * @default { http: 4000, ws: 4001, dynamodb: free, kinesis: free }
   */
  readonly ports?: {
    readonly http?: number;
    readonly ws?: number;
    readonly dynamodb?: number;
    readonly kinesis?: number;
  };
  /** Keep nothing on disk. @default false */
  readonly inMemory?: boolean;
  /** Delete the data folder before starting. @default false */
  readonly reset?: boolean;
  /**
   * Where data and `local.json` live. @default `<rootDir>/.switchboard`, or in memory a temporary
   * folder removed at stop (its `local.json` holds credentials of data that is gone)
   */
  readonly dataDir?: string;
  /** @default the platform's declaration in `@switchboard/topology` */
  readonly topology?: RuntimeTopology;
  /** Repository root; function entries and `lambdas/bootstrap.ts` are resolved from it. */
  readonly rootDir?: string;
  /** Seed the demo project on an empty flags table. @default true */
  readonly seed?: boolean;
  /** @default 'normal' */
  readonly logLevel?: LogLevel;
  /** `json` prints every line as a JSON record, the handlers' log records and metrics included. @default 'text' */
  readonly logFormat?: LogFormat;
  readonly logger?: Logger;
  readonly webSocketLimits?: Partial<WebSocketLimits>;
  /** Throttle HTTP routes by the topology's per-route limits, as API Gateway does. @default false */
  readonly throttle?: boolean;
  /** Idle poll interval of the stream pollers. @default 50 */
  readonly pollIntervalMs?: number;
  /** Pause before a failed batch is retried. @default 200 */
  readonly retryDelayMs?: number;
  /** Runs every scheduled function this often instead of its declared rate (tests). @default the declared rate */
  readonly scheduleIntervalMs?: number;
  /** Built dashboard to serve. @default `<rootDir>/packages/dashboard/dist` when it exists */
  readonly staticDir?: string;
  /**
   * Origins besides the runtime's own whose pages may call the management API (a dashboard served
   * elsewhere, e.g. by a dev server). @default none: the dashboard is served on the API's origin
   */
  readonly dashboardOrigins?: readonly string[];
  /**
   * Functions that run in worker threads of their own, as in their own execution environments, so
   * their CPU work leaves the gateways' event loop. @default {@link deliveryThreads}
   */
  readonly functionThreads?: readonly string[];
  /** Called when an engine dies while the runtime runs. */
  readonly onCrash?: (error: Error) => void;
  /**
   * Address the HTTP and WebSocket gateways listen on. Their `@connections` and Lambda `Invoke`
   * APIs take no credentials (as on AWS, where IAM guards them), so anyone who reaches them can push
   * flag values into connected apps: loopback unless asked otherwise. @default '127.0.0.1'
   */
  readonly host?: string;
}

export interface Runtime {
  readonly apiUrl: string;
  readonly wsUrl: string;
  readonly dataDir: string | undefined;
  /** The seeded credentials, when seeding ran or `local.json` was reused. */
  readonly local: LocalJson | undefined;
  /** Milliseconds from the call to healthy. */
  readonly startupMs: number;
  /** The address the gateways listen on, as the HTTP server reports it. */
  readonly host: string;
  /** Switches for tests and benchmarks that show what happens when a part of delivery is held back. */
  readonly controls: RuntimeControls;
  /** Fault injection: `@connections` errors, crashing invocations, engine stops and restarts. */
  readonly faults: RuntimeFaults;
  stop(): Promise<void>;
}

export interface RuntimeControls {
  /**
   * Stops (or restarts) reading the streams of `fn`'s event source mappings, as disabling a mapping
   * does on AWS: records wait in the stream and are delivered on resume.
   */
  pauseEventSource(fn: string, paused: boolean): void;
  /** Makes the Lambda `Invoke` API refuse (or accept again) calls to `fn` with 500 `ServiceException`. */
  refuseInvoke(fn: string, refused: boolean): void;
}

/**
 * The fan-out signs and sends a post per connection: on the gateways' event loop that burst would
 * hold back the API's answers and the gateway's reading of the first post (docs/local-runtime.md).
 */
export const deliveryThreads: readonly string[] = ['fanout'];

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePort((server.address() as AddressInfo).port));
  });
}

/** Side APIs on the HTTP port (`@connections`, Lambda `Invoke`): the first that claims the path answers. */
const firstAnswer =
  (...apis: ((request: IncomingMessage, body: Buffer) => Promise<GatewayResponse | undefined>)[]) =>
  async (request: IncomingMessage, body: Buffer): Promise<GatewayResponse | undefined> => {
    for (const api of apis) {
      const answer = await api(request, body);
      if (answer) return answer;
    }
    return undefined;
  };

function close(server: Server): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
}

/**
 * Starts the whole platform on this machine: DynamoDB Local and kinesalite, the tables and streams
 * of the topology, every function's handler, the HTTP and WebSocket gateways and the event source
 * pollers; seeds the demo project on first start.
 *
 * @example
 * const runtime = await startRuntime({ ports: { http: 0, ws: 0 }, inMemory: true, seed: false });
 * await fetch(`${runtime.apiUrl}/health`);
 * await runtime.stop();
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const started = performance.now();
  const rootDir = options.rootDir ?? repositoryRoot;
  const topology = options.topology ?? platformTopology;
  const logger = options.logger ?? createLogger(options.logLevel ?? 'normal', console.log, options.logFormat);
  // An in-memory runtime (a benchmark, `--in-memory`) must not overwrite the `local.json` whose
  // admin token and SDK keys belong to the data `npm start` keeps on disk.
  const scratch = options.inMemory && !options.dataDir;
  const stateDir =
    options.dataDir ??
    (scratch ? mkdtempSync(join(tmpdir(), 'switchboard-')) : join(rootDir, '.switchboard'));
  const dataDir = options.inMemory ? undefined : stateDir;
  if (options.reset) rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });

  const cleanups: (() => Promise<void>)[] = [];
  if (scratch) cleanups.push(async () => rmSync(stateDir, { recursive: true, force: true }));
  const faults = new RuntimeFaults(dataDir !== undefined);
  let stopping = false;
  let serving = false;
  let healthy = false;
  const stop = async () => {
    stopping = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };

  try {
    const startDynamo = (port = options.ports?.dynamodb) =>
      startDynamoDbLocal({
        ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
        ...(port ? { port } : {}),
      });
    const startKinesis = (port = options.ports?.kinesis) =>
      startKinesisLocal({
        ...(dataDir ? { dataDir: join(dataDir, 'kinesis') } : {}),
        ...(port ? { port } : {}),
      });
    const [dynamoStart, kinesisStart] = await Promise.allSettled([startDynamo(), startKinesis()]);
    if (dynamoStart.status === 'rejected' || kinesisStart.status === 'rejected') {
      // Started side by side; whichever came up is stopped again.
      if (dynamoStart.status === 'fulfilled') await dynamoStart.value.stop();
      if (kinesisStart.status === 'fulfilled') await kinesisStart.value.stop();
      throw dynamoStart.status === 'rejected'
        ? dynamoStart.reason
        : (kinesisStart as PromiseRejectedResult).reason;
    }
    const dynamo = dynamoStart.value;
    const kinesis = kinesisStart.value;
    const dynamoControl = new EngineControl('dynamodb', dynamo, async () => {
      const restarted = await startDynamo(dynamo.port);
      watchDynamo(restarted.process);
      return restarted;
    });
    const watchDynamo = (child: typeof dynamo.process) =>
      child.once('exit', (code, signal) => {
        if (stopping || dynamoControl.intentionallyStopped) return;
        const error = new Error(`DynamoDB Local exited unexpectedly (${signal ?? `code ${code}`})`);
        logger.warn(error.message);
        options.onCrash?.(error);
      });
    watchDynamo(dynamo.process);
    faults.addEngine(dynamoControl);
    faults.addEngine(new EngineControl('kinesis', kinesis, () => startKinesis(kinesis.port)));
    cleanups.push(() => faults.stopEngines());

    // The handlers' records (Powertools logs and metrics) join the runtime's own output.
    setTelemetrySink((line) => logger.telemetry(line));
    cleanups.push(async () => setTelemetrySink(undefined));
    const functions = new Map<string, (event: unknown) => Promise<unknown>>();
    const refusedInvokes = new Set<string>();
    const pollersOf = new Map<string, EventSourcePoller[]>();
    const limits = { ...apiGatewayLimits, ...options.webSocketLimits };
    const connections = new ConnectionRegistry(limits);
    const ws = createWebSocketGateway({ topology, functions, connections, limits, logger });
    const host = options.host ?? '127.0.0.1';
    const staticDir = options.staticDir ?? join(rootDir, 'packages/dashboard/dist');
    const http = createHttpGateway({
      topology,
      functions,
      logger,
      throttle: options.throttle ?? false,
      healthy: () => healthy,
      serving: () => serving,
      management: firstAnswer(
        faults.connectionsApi,
        createFaultsApi(faults),
        createManagementApi(connections, limits.maxMessageBytes),
        createInvokeApi({
          functions,
          logger,
          logicalName: (name) => topology.functions.find((fn) => physicalName(fn.name) === name)?.name,
          refused: refusedInvokes,
        }),
        createExamplesApi({ rootDir, config: () => localDemoConfig(join(stateDir, 'local.json')) }),
      ),
      ...(existsSync(staticDir) ? { staticDir } : {}),
      // The dashboard calls the API on its own origin; the WebSocket URL is known once listening.
      runtimeConfig: () => ({
        apiUrl: '',
        wsUrl: `ws://localhost:${(ws.server.address() as AddressInfo | null)?.port}`,
      }),
    });
    const httpPort = await listen(http, options.ports?.http ?? 4000, host);
    cleanups.push(() => close(http));
    const wsPort = await listen(ws.server, options.ports?.ws ?? 4001, host);
    cleanups.push(async () => {
      await ws.closeAll();
      await close(ws.server);
    });
    const apiUrl = `http://localhost:${httpPort}`;
    const wsUrl = `ws://localhost:${wsPort}`;

    Object.assign(
      process.env,
      handlerEnvironment(
        topology,
        {
          dynamodb: dynamo.endpoint,
          kinesis: kinesis.endpoint,
          management: apiUrl,
        },
        options.dashboardOrigins,
      ),
    );
    const dynamodb = localDynamoClient(dynamo.endpoint);
    const kinesisClient = localKinesisClient(kinesis.endpoint);
    const streamsClient = new DynamoDBStreamsClient({
      endpoint: dynamo.endpoint,
      region: localRegion,
      credentials: localCredentials,
      requestHandler: new NodeHttpHandler(),
    });
    cleanups.push(async () => {
      dynamodb.destroy();
      kinesisClient.destroy();
      streamsClient.destroy();
    });
    await createTables(dynamodb, topology.tables, (table) => physicalName(table.name));
    await createStreams(
      kinesisClient,
      topology.streams.map((stream) => ({
        name: physicalName(stream.name),
        shardCount: stream.localShardCount,
      })),
    );
    const threads = new Set(options.functionThreads ?? deliveryThreads);
    const loaded = await loadFunctions(topology, rootDir, threads);
    cleanups.push(() => loaded.stop());
    for (const name of threads) faults.runsInThread(name);
    for (const [name, invoke] of loaded.invokers) functions.set(name, faults.wrap(name, invoke));

    const checkpoints = checkpointsFor(dataDir);
    const pollers: EventSourcePoller[] = [];
    cleanups.push(async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    });
    for (const mapping of topology.eventSources) {
      const invoke = functions.get(mapping.function);
      if (!invoke) throw new Error(`Event source for undeclared function "${mapping.function}"`);
      const source =
        mapping.source.kind === 'dynamodb'
          ? await dynamoDbStreamSource(dynamodb, streamsClient, physicalName(mapping.source.table))
          : await kinesisStreamSource(kinesisClient, physicalName(mapping.source.stream), mapping.function);
      const poller = startEventSourcePoller<unknown>({
        mapping,
        source: source as never,
        invoke,
        checkpoints,
        logger,
        ...(options.pollIntervalMs === undefined ? {} : { idlePollMs: options.pollIntervalMs }),
        ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
      });
      pollers.push(poller);
      pollersOf.set(mapping.function, [...(pollersOf.get(mapping.function) ?? []), poller]);
    }
    await Promise.all(pollers.map((poller) => poller.positioned));
    cleanups.push(
      startSchedules({
        schedules: topology.schedules ?? [],
        functions,
        logger,
        intervalMs: options.scheduleIntervalMs,
      }),
    );
    serving = true;

    const flags = topology.tables.find((table) => table.name === 'flags');
    const local =
      options.seed !== false && flags
        ? await seedOnFirstStart({
            dynamodb,
            flagsTable: physicalName(flags.name),
            rootDir,
            localJsonPath: join(stateDir, 'local.json'),
            apiUrl,
            wsUrl,
            logger,
          })
        : undefined;
    healthy = true;
    const startupMs = Math.round(performance.now() - started);
    const bound = (http.address() as AddressInfo).address;
    const controls: RuntimeControls = {
      pauseEventSource(fn, paused) {
        const found = pollersOf.get(fn);
        if (!found) throw new Error(`No event source mapping invokes "${fn}"`);
        for (const poller of found) {
          if (paused) poller.pause();
          else poller.resume();
        }
      },
      refuseInvoke(fn, refused) {
        if (!functions.has(fn)) throw new Error(`No function "${fn}"`);
        if (refused) refusedInvokes.add(fn);
        else refusedInvokes.delete(fn);
      },
    };
    return { apiUrl, wsUrl, dataDir, local, startupMs, host: bound, controls, faults, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
