/**
 * The Lambda bundles as `cdk synth` builds them: each function's minified size, its largest inputs
 * (esbuild's metafile, by package) and, in a fresh Node.js process per function, the time to import
 * the bundle and to answer a first invocation against DynamoDB Local and kinesalite. The bundles'
 * externals (the AWS SDK, and Powertools, which Lambda takes from the runtime and from Powertools'
 * layer at /opt/nodejs/node_modules) resolve here from the repository's node_modules: the same
 * packages, loaded the same way, at the versions package-lock.json installs. Each function
 * passes or fails issue #14's targets (bench/bundles-budgets.ts): its bundle at most 100 KB, and its
 * import + first call at most 100 ms over the `floor` peer's, run just before it each time (importing
 * the runtime's DynamoDB client, which every function pays, varies with the machine's load). Run with
 * `npm run bench:bundles`; the figures are in docs/deploy.md.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { EventEnvelope } from '@switchboard/core/events';
import {
  createStreams,
  createTables,
  localDynamoClient,
  localKinesisClient,
  startDynamoDbLocal,
  startKinesisLocal,
} from '@switchboard/local';
import { type FunctionName, functionNameVar, streams, tables } from '@switchboard/topology';
import { App } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { bundleMetafileContext, repositoryRoot } from '../lib/functions.js';
import { SwitchboardStack } from '../lib/switchboard-stack.js';
import { fixtureDashboard } from '../test/cdk/synth.js';
import { controlPlane, ENV, P } from '../test/helpers/control-plane.js';
import { httpEvent } from '../test/helpers/http-events.js';
import { kinesisEvent, kinesisRecord } from '../test/helpers/kinesis-events.js';
import { BUNDLE_TARGET_BYTES, COLD_TARGET_MS, coldExempt } from './bundles-budgets.js';

/** Inside the repository, so a bundle's external imports resolve as Lambda's runtime and layer provide them. */
const outdir = join(repositoryRoot, 'node_modules/.cache/switchboard-bench/cdk.out');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The longest function name, `admin-token-registrar`. */
const NAME_WIDTH = 21;

/** Handlers measured beside the functions, with no verdict of their own. */
type Peer = 'floor' | 'powertools';

interface Bundle {
  readonly name: FunctionName | Peer;
  readonly handler: string;
  readonly file: string;
  readonly bytes: number;
  /** Output bytes per package or source folder, largest first. */
  readonly inputs: readonly (readonly [string, number])[];
}

function synthesize(): Bundle[] {
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({
    outdir,
    context: { 'aws:cdk:enable-asset-metadata': true, [bundleMetafileContext]: true },
  });
  const stack = new SwitchboardStack(app, 'Bench', { dashboard: { appDir: fixtureDashboard } });
  app.synth();
  return stack.functions.declarations.map((declaration) => {
    const cfn = stack.functions.function(declaration.name).node.defaultChild as CfnFunction;
    const asset = join(outdir, cfn.getMetadata('aws:asset:path') as string);
    const file = join(asset, 'index.mjs');
    return {
      name: declaration.name,
      handler: declaration.handler ?? 'handler',
      file,
      bytes: statSync(file).size,
      inputs: largestInputs(join(asset, 'index.meta.json')),
    };
  });
}

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, { readonly bytesInOutput: number }> }>;
}

function largestInputs(metafile: string): [string, number][] {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
  const totals = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const owner = ownerOf(input);
      totals.set(owner, (totals.get(owner) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 4);
}

/** `node_modules/zod/v4/core/x.js` → `zod`; `packages/core/src/x.ts` → `packages/core`. */
function ownerOf(input: string): string {
  const modules = input.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope = '', name = ''] = input.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  return input.split('/').slice(0, 2).join('/');
}

/**
 * The peer every function is measured against in the same run: a handler that only imports the
 * DynamoDB client every function loads from the runtime, so what a bundle adds on top is visible
 * on a machine whose absolute times vary with its load.
 */
function floorBundle(): Bundle {
  return peerBundle('floor', '');
}

/**
 * A second peer, measured like the functions: the floor plus Powertools Logger and Metrics, loaded as the
 * functions load them from the layer. Its time over the floor is what the layer's modules add to
 * the cold start of every function that imports them.
 */
function powertoolsBundle(): Bundle {
  return peerBundle(
    'powertools',
    "import { Logger } from '@aws-lambda-powertools/logger'; import { Metrics } from '@aws-lambda-powertools/metrics'; new Logger(); new Metrics();",
  );
}

function peerBundle(name: Peer, imports: string): Bundle {
  const file = join(outdir, `${name}.mjs`);
  writeFileSync(
    file,
    `import '@aws-sdk/client-dynamodb'; import '@aws-sdk/lib-dynamodb'; ${imports} export const handler = async () => ({ statusCode: 200 });\n`,
  );
  return { name, handler: 'handler', file, bytes: statSync(file).size, inputs: [] };
}

interface Seeded {
  readonly adminToken: string;
  readonly sdkKey: string;
  readonly clientSideId: string;
}

async function seed(): Promise<Seeded> {
  const { call, adminToken } = await controlPlane();
  await call('POST', '/api/v1/projects', { token: adminToken, body: { key: 'bench', name: 'Bench' } });
  const env = await call('POST', `${P}/environments`, {
    token: adminToken,
    params: { project: 'bench' },
    body: { key: 'production', name: 'Production' },
  });
  for (let i = 0; i < 20; i++) {
    await call('POST', `${P}/flags`, {
      token: adminToken,
      params: { project: 'bench' },
      body: {
        key: `flag-${i}`,
        name: `Flag ${i}`,
        clientSideAvailability: { usingEnvironmentId: true, usingMobileKey: false },
      },
    });
  }
  await call('GET', ENV, { token: adminToken, params: { project: 'bench', env: 'production' } });
  return { adminToken, sdkKey: env.json.sdkKey, clientSideId: env.json.clientSideId };
}

/** One representative first invocation per function: what its trigger sends most often. */
function firstEvent(name: Bundle['name'], seeded: Seeded): unknown {
  const route = (method: 'GET' | 'POST', path: string) => ({ method, path });
  const webSocket = (routeKey: string, extra: object = {}) => ({
    requestContext: {
      connectionId: 'benchAAAAAAAAAA=',
      connectedAt: Date.now(),
      routeKey,
      eventType: 'MESSAGE',
    },
    ...extra,
  });
  const envelope: EventEnvelope = {
    v: 1,
    project: 'bench',
    env: 'production',
    receivedAt: Date.now(),
    events: [
      {
        kind: 'summary',
        startDate: Date.now() - 60_000,
        endDate: Date.now(),
        features: {
          'flag-1': { default: false, counters: [{ variation: 0, version: 1, value: true, count: 3 }] },
        },
      },
    ],
  };
  switch (name) {
    case 'api-authoring':
      return httpEvent({
        route: route('GET', `${P}/flags`),
        params: { project: 'bench' },
        headers: { authorization: `Bearer ${seeded.adminToken}` },
      });
    case 'api-admin':
      return httpEvent({
        route: route('GET', '/api/v1/projects'),
        headers: { authorization: `Bearer ${seeded.adminToken}` },
      });
    case 'api-insights':
      return httpEvent({
        route: route('GET', `${P}/audit`),
        params: { project: 'bench' },
        headers: { authorization: `Bearer ${seeded.adminToken}` },
      });
    case 'api-evaluate':
      return httpEvent({
        route: route('POST', `${ENV}/evaluate`),
        params: { project: 'bench', env: 'production' },
        headers: { authorization: `Bearer ${seeded.adminToken}` },
        body: { kind: 'user', key: 'bench-user' },
      });
    case 'sdk':
      return httpEvent({ route: route('GET', '/sdk/v1/flags'), headers: { authorization: seeded.sdkKey } });
    case 'ingest':
      return httpEvent({
        route: route('POST', '/sdk/v1/events'),
        headers: { authorization: seeded.sdkKey },
        body: envelope.events,
      });
    case 'ws-connect':
      return webSocket('$connect', { queryStringParameters: { key: seeded.sdkKey } });
    case 'ws-disconnect':
      return webSocket('$disconnect');
    case 'ws-message':
      return webSocket('$default', { body: '{"action":"ping"}' });
    case 'fanout':
      return {
        Records: [
          {
            eventID: '1',
            eventName: 'MODIFY',
            eventSource: 'aws:dynamodb',
            dynamodb: {
              Keys: marshall({ pk: 'ENV#bench#production', sk: 'FLAG#flag-1' }),
              NewImage: marshall({
                pk: 'ENV#bench#production',
                sk: 'FLAG#flag-1',
                key: 'flag-1',
                version: 2,
              }),
              SequenceNumber: '1',
            },
          },
        ],
      };
    case 'fanout-worker':
      return { project: 'bench', env: 'production', slice: 0, frames: [] };
    case 'aggregator':
      return kinesisEvent([kinesisRecord(envelope, 1)]);
    case 'revoker':
      // No removed credential: the revoker reads nothing and answers at once.
      return { Records: [] };
    case 'key-expiry':
    case 'admin-token-registrar':
    case 'floor':
    case 'powertools':
      return {};
    default: {
      // A function added to the topology without a first event would be invoked with none.
      const unhandled: never = name;
      throw new Error(`No first event for function "${unhandled}"`);
    }
  }
}

/**
 * Imports the bundle and invokes its handler once, in a fresh process: prints {importMs, ownImportMs,
 * invokeMs, status}. The bundle's static imports from the runtime and the layer (BENCH_EXTERNALS) are
 * loaded first, so `ownImportMs` is the bundle's own code alone, the part its size and its schemas
 * decide, apart from the SDK loading that dominates `importMs` and moves with the machine.
 */
const child = `
const { performance } = await import('node:perf_hooks');
const started = performance.now();
for (const external of JSON.parse(process.env.BENCH_EXTERNALS)) await import(external);
const externalsLoaded = performance.now();
const module = await import(process.env.BENCH_BUNDLE);
const imported = performance.now();
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000 };
const result = await module[process.env.BENCH_HANDLER](JSON.parse(process.env.BENCH_EVENT), context);
const answered = performance.now();
console.log(JSON.stringify({ importMs: imported - started, ownImportMs: imported - externalsLoaded, invokeMs: answered - imported, status: result?.statusCode ?? 'ok' }));
process.exit(0);
`;

interface ColdStart {
  readonly importMs: number;
  readonly ownImportMs: number;
  readonly invokeMs: number;
  readonly status: number | string;
}

/** The packages a bundle imports statically from the runtime and the layer, as its source names them. */
function staticExternals(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const imports = source.matchAll(
    /import\s*(?:[^'";]*?from\s*)?["']((?:@aws-sdk|@aws-lambda-powertools)\/[^"']+)["']/g,
  );
  return [...new Set([...imports].map(([, specifier]) => specifier as string))];
}

/**
 * Secrets Manager as the registrar meets it: every GetSecretValue answers the admin token, so its
 * first run pays the client's import and first request as on AWS, less the network.
 */
async function startSecretsStub(): Promise<{ server: Server; endpoint: string }> {
  const token = `sbt_${randomBytes(32).toString('base64url')}`;
  const server = createServer((request, response) => {
    request.resume().on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({ ARN: 'bench-admin-token', Name: 'bench-admin-token', SecretString: token }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Asynchronous: kinesalite runs in this process and must keep answering while the child calls it. */
async function coldStart(bundle: Bundle, event: unknown, env: NodeJS.ProcessEnv): Promise<ColdStart> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', child],
    {
      env: {
        ...env,
        BENCH_BUNDLE: bundle.file,
        BENCH_EXTERNALS: JSON.stringify(staticExternals(bundle.file)),
        BENCH_HANDLER: bundle.handler,
        BENCH_EVENT: JSON.stringify(event),
      },
      encoding: 'utf8',
    },
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as ColdStart;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  console.log('Synthesising (esbuild bundles every function)…');
  const bundles = synthesize();
  const dynamo = await startDynamoDbLocal();
  const kinesis = await startKinesisLocal();
  const secrets = await startSecretsStub();
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_KINESIS: kinesis.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      ADMIN_TOKEN_SECRET_ARN: 'bench-admin-token',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      // Nothing is posted or invoked: the environment has no connections and no large slice.
      WS_MANAGEMENT_ENDPOINT: 'http://127.0.0.1:9',
      [functionNameVar('fanout-worker')]: 'fanout-worker',
    };
    Object.assign(process.env, env);
    const dynamoClient = localDynamoClient(dynamo.endpoint);
    await createTables(dynamoClient, tables, (table) => {
      env[table.envVar] = process.env[table.envVar] = `bench-${table.name}`;
      return `bench-${table.name}`;
    });
    dynamoClient.destroy();
    const kinesisClient = localKinesisClient(kinesis.endpoint);
    await createStreams(
      kinesisClient,
      streams.map((stream) => {
        env[stream.envVar] = process.env[stream.envVar] = `bench-${stream.name}`;
        return { name: `bench-${stream.name}`, shardCount: stream.localShardCount };
      }),
    );
    kinesisClient.destroy();
    const seeded = await seed();

    console.log(
      `\nFunction bundles (minified ESM, @aws-sdk/* and @aws-lambda-powertools/* external), cold start median of ${RUNS} fresh processes; ` +
        `targets: bundle ≤ ${kb(BUNDLE_TARGET_BYTES)}, import + 1st call ≤ ${COLD_TARGET_MS} ms over floor`,
    );
    console.log(
      `${'function'.padEnd(NAME_WIDTH)}  bundle  size   import   (own)  1st call  total  over floor  cold   status  largest inputs`,
    );
    const floor = floorBundle();
    const floorEvent = firstEvent('floor', seeded);
    const failed: string[] = [];
    for (const bundle of [floor, powertoolsBundle(), ...bundles]) {
      const event = firstEvent(bundle.name, seeded);
      const runs: ColdStart[] = [];
      // Each run is paired with a floor run just before it, so that the difference cancels the load
      // the machine had at that moment; the median difference is the figure judged.
      const overFloor: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const peer = await coldStart(floor, floorEvent, env);
        const own = await coldStart(bundle, event, env);
        runs.push(own);
        overFloor.push(own.importMs + own.invokeMs - (peer.importMs + peer.invokeMs));
      }
      const importMs = median(runs.map((r) => r.importMs));
      const ownImportMs = median(runs.map((r) => r.ownImportMs));
      const invokeMs = median(runs.map((r) => r.invokeMs));
      const totalMs = importMs + invokeMs;
      const overFloorMs = median(overFloor);
      const sizeMet = bundle.bytes <= BUNDLE_TARGET_BYTES;
      const isPeer = bundle.name === 'floor' || bundle.name === 'powertools';
      const coldJudged = !isPeer && !coldExempt.has(bundle.name as FunctionName);
      const coldMet = !coldJudged || overFloorMs <= COLD_TARGET_MS;
      if (!isPeer && !(sizeMet && coldMet)) failed.push(bundle.name);
      const verdict = (met: boolean) => (isPeer ? '' : met ? 'pass' : 'FAIL');
      const coldVerdict = coldJudged || isPeer ? verdict(coldMet) : 'n/a';
      const ms = (value: number, width: number) => `${value.toFixed(0).padStart(width)} ms`;
      const inputs = bundle.inputs.map(([owner, bytes]) => `${owner} ${kb(bytes)}`).join(', ');
      console.log(
        `${bundle.name.padEnd(NAME_WIDTH)} ${kb(bundle.bytes).padStart(7)}  ${verdict(sizeMet).padEnd(4)} ${ms(importMs, 6)} ${ms(
          ownImportMs,
          4,
        )} ${ms(invokeMs, 6)} ${ms(totalMs, 4)} ${ms(overFloorMs, 7)}    ${coldVerdict.padEnd(4)}   ${String(
          runs[0]?.status,
        ).padEnd(6)}  ${inputs}`,
      );
    }
    console.log(
      failed.length === 0
        ? '\nEvery function meets both targets.'
        : `\nNot met by: ${failed.join(', ')}. Cold times vary with the machine's load; compare within one run.`,
    );
  } finally {
    secrets.server.close();
    await kinesis.stop();
    await dynamo.stop();
  }
}

await main();
