import { eventSources, type FunctionName, functionNamed } from '@switchboard/topology';
import { CONNECTION_SLICES } from '../../lambdas/domain/connection-slices.js';
import priceTable from './prices.json' with { type: 'json' };

/**
 * The monthly AWS bill of a Switchboard deployment, as a pure function of the load and of the
 * behaviour the code has (every default below names the file it comes from). docs/cost.md explains
 * each term; `npm run cost` prints it.
 */

/** The four numbers that size a deployment. */
export interface Load {
  /** Server SDK instances, each holding one WebSocket around the clock. */
  readonly servers: number;
  /** Distinct browsers a day (daily active), each opening pages with the browser SDK. */
  readonly browsers: number;
  /** Server-side evaluations a day across the fleet (local; they only shape the summaries). */
  readonly evaluationsPerDay: number;
  /** Flag or segment changes a day (PATCHes that reach the fan-out). */
  readonly changesPerDay: number;
}

/** Behaviour and sizes the bill depends on. `defaultAssumptions` holds the code's values. */
export interface Assumptions {
  /** Node and browser SDK keep-alive (`packages/node-sdk/src/options.ts`, `packages/browser/src/options.ts`). */
  readonly pingIntervalMinutes: number;
  /** Age at which an SDK replaces its connection, on average (110 ± 5 min, same files). */
  readonly connectionLifetimeMinutes: number;
  /** Snapshot GETs per server (re)connect: the sync and the confirming fetch 1.1 s later (docs/delivery.md). */
  readonly snapshotGetsPerConnect: number;
  /** Event flush interval of both SDKs (`flushInterval`, 10 s). */
  readonly flushIntervalSeconds: number;
  /** Page views per browser per day; each opens one WebSocket (no default in the code: a stated guess). */
  readonly pageViewsPerBrowserPerDay: number;
  /** How long a page keeps its socket open (a stated guess). */
  readonly minutesPerPageView: number;
  /** `identify` messages per page view (one on open, `packages/browser/src/client.ts`). */
  readonly identifiesPerPageView: number;
  /** Event posts per page view: one flush after the load's evaluations (`packages/browser/src/events.ts` posts only non-empty batches). */
  readonly browserEventPostsPerPageView: number;
  /** Client-side flags a page evaluates (the counters in its summary). */
  readonly clientFlagsPerPageView: number;
  /** Flags and segments stored in the environment. */
  readonly flags: number;
  /** Variations per flag. */
  readonly variationsPerFlag: number;
  /** Bytes of one stored flag item (rules, targets); the environment's partition is `flags` of them. */
  readonly flagItemBytes: number;
  /** Snapshot body on the wire as a share of the stored bytes (br/gzip, docs/control-plane.md). */
  readonly snapshotCompression: number;
  /** Bytes of one patch frame (one changed flag). */
  readonly frameBytes: number;
  /** Share of all connections in the environment a change is made in (1: one production environment). */
  readonly connectionsPerChangeShare: number;
  /** Share of connected browsers whose values a change alters (docs/delivery.md: posts are exactly those). */
  readonly browsersAlteredPerChange: number;
  /** Posts per change per connection: 1 today; the fast-path hand-off may post each change twice. */
  readonly postsPerChangePerConnection: number;
  /** Acknowledgements sent back per post (delivery receipts' sampling rate; 0 = off). */
  readonly ackSamplingRate: number;
  /** Fan-out: connections posted inline before slices go to workers (`FANOUT_INLINE_MAX_CONNECTIONS`). */
  readonly inlineMaxConnections: number;
  /** Connection slices (`CONNECTION_SLICES`), i.e. workers for a big environment. */
  readonly connectionSlices: number;
  /**
   * Posts per second of one fan-out invocation: 256 in flight at 20–40 ms a post, just under what
   * signing allows on its one vCPU (~0.15 ms a post, ~6,700/s; docs/delivery.md).
   */
  readonly postsPerSecondPerInvocation: number;
  /** API Gateway's account-wide callback throttle, shared by all posting invocations (docs/delivery.md). */
  readonly accountPostsPerSecond: number;
  /** Bytes of a server connection item (docs/delivery.md: ~150 B) and of a browser one with its context and digest. */
  readonly serverConnectionItemBytes: number;
  readonly browserConnectionItemBytes: number;
  /** Summary size: bytes per (flag, variation) counter and fixed bytes per record (docs/analytics.md: 6,787 B for 150 counters). */
  readonly summaryBytesPerCounter: number;
  readonly recordEnvelopeBytes: number;
  /** Kinesis capacity mode (`lib/data-streams.ts` deploys on-demand). */
  readonly kinesisMode: 'on-demand' | 'provisioned';
  /** The aggregator mapping's batching window (`packages/topology/src/event-sources.ts`: 1 s). */
  readonly aggregatorWindowSeconds: number;
  /** Shards an on-demand stream starts with (a provisioned one gets only what its throughput needs). */
  readonly kinesisMinShards: number;
  /** Bytes of one API Gateway access-log line (`lib/access-logs.ts` JSON) and of Lambda's START/END/REPORT lines. */
  readonly accessLogLineBytes: number;
  readonly lambdaLogBytesPerInvocation: number;
  /** Dashboard use: page loads a month, bytes and requests per load (docs/dashboard.md: 124 KB first page), API calls per load. */
  readonly dashboardLoadsPerMonth: number;
  readonly dashboardBytesPerLoad: number;
  readonly dashboardRequestsPerLoad: number;
  readonly dashboardApiCallsPerLoad: number;
  /** Handler durations in ms, billed per 1 ms (measured where docs/control-plane.md has figures; estimates otherwise). */
  readonly durationsMs: Readonly<Record<DurationKey, number>>;
  /** Unique browsers a month per daily browser, for per-MAU list prices (DAU/MAU ≈ 1/3). */
  readonly monthlyUniquePerDailyBrowser: number;
  /** AWS AppConfig agent's poll interval, for the comparison. */
  readonly appConfigPollSeconds: number;
}

type DurationKey =
  | 'connect'
  | 'disconnect'
  | 'ping'
  | 'identify'
  | 'snapshot'
  | 'ingest'
  | 'api'
  | 'invocationBase'
  | 'aggregatorWrite';

/** A function's memory in GB, as `packages/topology/src/functions.ts` declares it (Lambda's default 256 MB otherwise). */
const memoryGb = (name: FunctionName) => (functionNamed(name).memoryMb ?? 256) / 1024;

const aggregatorMapping = eventSources.find((source) => source.function === 'aggregator');

export const defaultAssumptions: Assumptions = {
  pingIntervalMinutes: 5,
  connectionLifetimeMinutes: 110,
  snapshotGetsPerConnect: 2,
  flushIntervalSeconds: 10,
  pageViewsPerBrowserPerDay: 5,
  minutesPerPageView: 3,
  identifiesPerPageView: 1,
  browserEventPostsPerPageView: 1,
  clientFlagsPerPageView: 10,
  flags: 50,
  variationsPerFlag: 2,
  flagItemBytes: 1024,
  snapshotCompression: 0.2,
  frameBytes: 1024,
  connectionsPerChangeShare: 1,
  browsersAlteredPerChange: 0.1,
  postsPerChangePerConnection: 1,
  ackSamplingRate: 0,
  inlineMaxConnections: 2000,
  connectionSlices: CONNECTION_SLICES,
  postsPerSecondPerInvocation: 6400,
  accountPostsPerSecond: 10_000,
  serverConnectionItemBytes: 150,
  browserConnectionItemBytes: 1000,
  summaryBytesPerCounter: 45,
  recordEnvelopeBytes: 400,
  kinesisMode: 'on-demand',
  aggregatorWindowSeconds: aggregatorMapping?.maxBatchingWindowSeconds ?? 1,
  kinesisMinShards: 4,
  accessLogLineBytes: 300,
  lambdaLogBytesPerInvocation: 300,
  dashboardLoadsPerMonth: 1000,
  dashboardBytesPerLoad: 150 * 1024,
  dashboardRequestsPerLoad: 6,
  dashboardApiCallsPerLoad: 5,
  durationsMs: {
    connect: 15,
    disconnect: 12,
    ping: 2,
    identify: 25,
    snapshot: 13,
    ingest: 15,
    api: 50,
    invocationBase: 20,
    aggregatorWrite: 10,
  },
  monthlyUniquePerDailyBrowser: 3,
  appConfigPollSeconds: 45,
};

/** One line of the bill. `unitUsd` is the blended price when the quantity spans tiers. */
export interface LineItem {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  /** Where the quantity comes from. */
  readonly basis: string;
}

export interface Estimate {
  readonly load: Load;
  readonly items: readonly LineItem[];
  readonly totalUsd: number;
}

interface Tier {
  readonly upTo?: number;
  readonly usd: number;
}
interface Price {
  readonly unit: string;
  readonly usd?: number;
  readonly tiers?: readonly Tier[];
}
export type PriceTable = typeof priceTable;
export type PriceKey = keyof PriceTable['prices'];

/**
 * What `quantity` costs under a (possibly tiered) price: each tier's price applies to the units inside it.
 *
 * @example
 * ```ts
 * priceOf({ unit: 'message', tiers: [{ upTo: 1e9, usd: 1e-6 }, { usd: 8e-7 }] }, 1.5e9); // 1400
 * ```
 */
export function priceOf(price: Price, quantity: number): number {
  if (!price.tiers) return quantity * (price.usd ?? 0);
  let cost = 0;
  let from = 0;
  for (const tier of price.tiers) {
    const upTo = tier.upTo ?? Number.POSITIVE_INFINITY;
    cost += Math.max(0, Math.min(quantity, upTo) - from) * tier.usd;
    from = upTo;
    if (quantity <= upTo) break;
  }
  return cost;
}

const DAYS = 30;
const MINUTES = DAYS * 24 * 60;
const SECONDS = MINUTES * 60;
const HOURS = DAYS * 24;
const KB = 1024;
const GB = 1024 ** 3;
const GB_DECIMAL = 1e9;
const MESSAGE_INCREMENT = 32 * KB;

const ceilDiv = (bytes: number, unit: number) => Math.max(1, Math.ceil(bytes / unit));

/**
 * The monthly bill (30 days, on-demand list prices, no free tier) for a load.
 *
 * @example
 * ```ts
 * const { totalUsd, items } = estimate({ servers: 20, browsers: 10_000, evaluationsPerDay: 1e7, changesPerDay: 10 });
 * ```
 */
export function estimate(
  load: Load,
  overrides: Partial<Assumptions> = {},
  table: PriceTable = priceTable,
): Estimate {
  const a: Assumptions = { ...defaultAssumptions, ...overrides };
  const ms = a.durationsMs;
  const items: LineItem[] = [];
  const line = (service: string, item: string, quantity: number, key: PriceKey, basis: string) => {
    const price: Price = table.prices[key];
    const monthlyUsd = priceOf(price, quantity);
    items.push({
      service,
      item,
      quantity,
      unit: price.unit,
      unitUsd: quantity > 0 ? monthlyUsd / quantity : (price.usd ?? price.tiers?.[0]?.usd ?? 0),
      monthlyUsd,
      basis,
    });
  };

  // Connections and what keeps them alive.
  const serverMinutes = load.servers * MINUTES;
  const serverConnects = serverMinutes / a.connectionLifetimeMinutes;
  const serverPings = serverMinutes / a.pingIntervalMinutes;
  const pageViews = load.browsers * a.pageViewsPerBrowserPerDay * DAYS;
  const browserMinutes = pageViews * a.minutesPerPageView;
  const browserPings = pageViews * Math.floor(a.minutesPerPageView / a.pingIntervalMinutes);
  const identifies = pageViews * a.identifiesPerPageView;
  const connects = serverConnects + pageViews;
  const concurrentBrowsers = browserMinutes / MINUTES;

  // Delivery: every change posts to each server connection and to the browsers it alters.
  const changes = load.changesPerDay * DAYS;
  const serversPerChange = load.servers * a.connectionsPerChangeShare;
  const browsersPerChange = concurrentBrowsers * a.connectionsPerChangeShare;
  const postsPerChange =
    (serversPerChange + browsersPerChange * a.browsersAlteredPerChange) * a.postsPerChangePerConnection;
  const browserPostsPerChange =
    browsersPerChange * a.browsersAlteredPerChange * a.postsPerChangePerConnection;
  const workersPerChange =
    serversPerChange + browsersPerChange > a.inlineMaxConnections ? a.connectionSlices : 0;
  const postingInvocations = 1 + workersPerChange;
  const postRate = Math.min(a.postsPerSecondPerInvocation, a.accountPostsPerSecond / postingInvocations);
  const postingSecondsPerChange = postsPerChange / postRate;
  // A worker hands the rest of its slice to a fresh invocation with 30 s of its 300 s left.
  const continuationsPerChange =
    workersPerChange * Math.floor(postingSecondsPerChange / postingInvocations / 270);
  const posts = changes * postsPerChange;
  const acks = posts * a.ackSamplingRate;

  // Analytics: one summary per flush per SDK instance that evaluated something in the window.
  const windowsPerDay = 86_400 / a.flushIntervalSeconds;
  const evalsPerServerWindow = load.servers > 0 ? load.evaluationsPerDay / load.servers / windowsPerDay : 0;
  const serverPosts = load.servers * (SECONDS / a.flushIntervalSeconds) * Math.min(1, evalsPerServerWindow);
  const serverCounters = Math.max(1, Math.min(a.flags * a.variationsPerFlag, evalsPerServerWindow));
  const serverRecordBytes = a.recordEnvelopeBytes + serverCounters * a.summaryBytesPerCounter;
  const browserPosts = pageViews * a.browserEventPostsPerPageView;
  const browserRecordBytes = a.recordEnvelopeBytes + a.clientFlagsPerPageView * a.summaryBytesPerCounter;
  const records = serverPosts + browserPosts;
  // Each ack is a one-event record of its own (under 1 KB, billed as 1 KB).
  const kinesisKb =
    serverPosts * ceilDiv(serverRecordBytes, KB) + browserPosts * ceilDiv(browserRecordBytes, KB) + acks;
  const recordBytes = serverPosts * serverRecordBytes + browserPosts * browserRecordBytes;

  // Aggregator: per shard, one batch per window or per 1,000 records; one write per
  // distinct counter and bucket (minute + hour), one last-evaluated write per flag, one claim per
  // named record (the Node SDK names its posts; the browser SDK does not).
  const recordsPerSecond = records / SECONDS;
  const shards = Math.max(
    a.kinesisMode === 'on-demand' ? a.kinesisMinShards : 1,
    Math.ceil(recordsPerSecond / 1000),
    Math.ceil(recordBytes / SECONDS / (1024 * KB)),
  );
  const perShard = recordsPerSecond / shards;
  // Records arrive at random (Poisson): a shard's window holds a batch if at least one record came
  // in, so a quiet stream makes one batch per record and a busy one one per window or 1,000 records.
  // Lambda reads each shard about once a second, so a shorter window behaves like 1 s.
  const window = Math.max(1, a.aggregatorWindowSeconds);
  const batchesPerSecond = shards * Math.max((1 - Math.exp(-perShard * window)) / window, perShard / 1000);
  const recordsPerBatch = batchesPerSecond > 0 ? recordsPerSecond / batchesPerSecond : 0;
  const countersPerRecord =
    records > 0 ? (serverPosts * serverCounters + browserPosts * a.clientFlagsPerPageView) / records : 0;
  const countersPerBatch = Math.min(a.flags * a.variationsPerFlag, recordsPerBatch * countersPerRecord);
  const flagsPerBatch = Math.min(a.flags, (recordsPerBatch * countersPerRecord) / a.variationsPerFlag);
  const batches = batchesPerSecond * SECONDS;
  // Claims: one per named record, the Node SDK's posts and every ack.
  const aggregatorWrites = batches * (2 * countersPerBatch + flagsPerBatch) + serverPosts + acks;

  // DynamoDB request units.
  const envRead = ceilDiv(a.flags * a.flagItemBytes, 4 * KB); // strongly consistent Query of the partition
  const connectRru = connects * 1; // credential lookup, consistent, every connect
  const connectWru = connects * 4; // TransactWriteItems: slice item + back-pointer, 2 WRU each
  const disconnectRru = connects * 1; // consistent Get of the back-pointer
  const disconnectWru = connects * 4; // TransactWriteItems: two deletes
  const snapshotRru = serverConnects * a.snapshotGetsPerConnect * envRead;
  const identifyRru = identifies * (1 + envRead); // find + the environment read after the store
  const identifyWru = identifies * 2; // context update + answer digest
  const changeWru = changes * 8; // flag item + audit entry in one transaction (estimate)
  const changeRru = changes * 2; // the flag before the write + the token (estimate)
  const connectionBytesPerChange =
    serversPerChange * a.serverConnectionItemBytes + browsersPerChange * a.browserConnectionItemBytes;
  const fanoutReadRru =
    changes *
    (Math.ceil(connectionBytesPerChange / (4 * KB)) * 0.5 +
      (browsersPerChange > 0 ? postingInvocations * envRead : 0));
  const fanoutWru = changes * browserPostsPerChange; // what each posted browser now holds

  // Requests on the HTTP API.
  const snapshotGets = serverConnects * a.snapshotGetsPerConnect;
  const dashboardApiCalls = a.dashboardLoadsPerMonth * a.dashboardApiCallsPerLoad;
  const httpRequests = snapshotGets + serverPosts + browserPosts + changes + dashboardApiCalls;

  // WebSocket messages (each way counts; 32 KB increments).
  const frameMessages = ceilDiv(a.frameBytes, MESSAGE_INCREMENT);
  const wsMessages = 2 * (serverPings + browserPings) + identifies * 2 + posts * frameMessages + acks;
  line(
    'API Gateway',
    'WebSocket messages',
    wsMessages,
    'webSocketMessages',
    `pings ${fmt(serverPings + browserPings)} × 2 (ping + pong route response), identify ${fmt(identifies)} × 2, posts ${fmt(posts)} × ${frameMessages}, acks ${fmt(acks)}`,
  );
  line(
    'API Gateway',
    'WebSocket connection minutes',
    serverMinutes + browserMinutes,
    'webSocketConnectionMinutes',
    `servers ${fmt(load.servers)} × ${fmt(MINUTES)} min + ${fmt(pageViews)} page views × ${a.minutesPerPageView} min`,
  );
  line(
    'API Gateway',
    'HTTP API requests',
    httpRequests,
    'httpApiRequests',
    `snapshot GETs ${fmt(snapshotGets)} (${a.snapshotGetsPerConnect} per server connect), event posts ${fmt(serverPosts + browserPosts)}, changes ${fmt(changes)}, dashboard ${fmt(dashboardApiCalls)}`,
  );

  // Lambda: invocations and GB-seconds per function.
  const gbs = (name: FunctionName, invocations: number, durationMs: number) =>
    memoryGb(name) * invocations * (Math.ceil(durationMs) / 1000);
  const aggregatorMs =
    ms.invocationBase + ((2 * countersPerBatch + flagsPerBatch + recordsPerBatch) / 16) * ms.aggregatorWrite;
  const fanoutInvocations = changes * (postingInvocations + continuationsPerChange);
  const fanoutGbs =
    memoryGb('fanout') *
    changes *
    (postingSecondsPerChange + postingInvocations * (ms.invocationBase / 1000));
  const invocations: readonly [string, number, number][] = [
    ['ws-connect', connects, gbs('ws-connect', connects, ms.connect)],
    ['ws-disconnect', connects, gbs('ws-disconnect', connects, ms.disconnect)],
    [
      'ws-message',
      serverPings + browserPings + identifies + acks,
      gbs('ws-message', serverPings + browserPings + acks, ms.ping) +
        gbs('ws-message', identifies, ms.identify),
    ],
    ['sdk', snapshotGets, gbs('sdk', snapshotGets, ms.snapshot)],
    ['ingest', serverPosts + browserPosts, gbs('ingest', serverPosts + browserPosts, ms.ingest)],
    ['aggregator', batches, gbs('aggregator', batches, aggregatorMs)],
    ['fanout + fanout-worker', fanoutInvocations, fanoutGbs],
    ['api', changes + dashboardApiCalls, gbs('api-authoring', changes + dashboardApiCalls, ms.api)],
  ];
  const lambdaInvocations = invocations.reduce((sum, [, n]) => sum + n, 0);
  line(
    'Lambda',
    'requests',
    lambdaInvocations,
    'lambdaRequests',
    invocations.map(([name, n]) => `${name} ${fmt(n)}`).join(', '),
  );
  line(
    'Lambda',
    'arm64 GB-seconds',
    invocations.reduce((sum, [, , g]) => sum + g, 0),
    'lambdaArmGbSeconds',
    `${invocations.map(([name, , g]) => `${name} ${fmt(g)}`).join(', ')}; fan-out posts at ${fmt(postRate)}/s per invocation`,
  );

  // DynamoDB on demand.
  line(
    'DynamoDB',
    'write request units',
    connectWru + disconnectWru + identifyWru + changeWru + fanoutWru + aggregatorWrites,
    'dynamoWriteRequestUnits',
    `connect/disconnect ${fmt(connectWru + disconnectWru)}, identify ${fmt(identifyWru)}, changes ${fmt(changeWru)}, browser digests ${fmt(fanoutWru)}, aggregator ${fmt(aggregatorWrites)} (${fmt(batches)} batches × ${fmt(2 * countersPerBatch + flagsPerBatch)} + claims)`,
  );
  line(
    'DynamoDB',
    'read request units',
    connectRru + disconnectRru + snapshotRru + identifyRru + changeRru + fanoutReadRru,
    'dynamoReadRequestUnits',
    `connect/disconnect ${fmt(connectRru + disconnectRru)}, snapshots ${fmt(snapshotRru)} (${envRead} RRU each, no cache hit), identify ${fmt(identifyRru)}, fan-out reads ${fmt(fanoutReadRru)}, changes ${fmt(changeRru)}`,
  );
  const counterItems = records > 0 ? a.flags * a.variationsPerFlag * (2 * 1440 + 90 * 24) : 0;
  const storageGb =
    (counterItems * 300 +
      serverPosts * (8 / DAYS) * 200 +
      load.servers * a.serverConnectionItemBytes +
      concurrentBrowsers * a.browserConnectionItemBytes +
      (load.servers + concurrentBrowsers) * a.serverConnectionItemBytes + // back-pointers
      a.flags * a.flagItemBytes +
      changes * 12 * 3 * KB) /
    GB_DECIMAL;
  line(
    'DynamoDB',
    'storage',
    storageGb,
    'dynamoStorageGbMonth',
    'counters (minute buckets 2 days, hour buckets 90 days), payload claims (8 days), connections, flags, a year of audit entries',
  );
  line('DynamoDB', 'stream reads by the fan-out', changes, 'dynamoStreamsReads', 'free for Lambda triggers');

  // Kinesis.
  const recordsNote = `${fmt(records)} records (${fmt(serverPosts)} server, ${fmt(browserPosts)} browser), ${fmt(shards)} shards`;
  if (a.kinesisMode === 'on-demand') {
    line('Kinesis', 'on-demand stream-hours', HOURS, 'kinesisOnDemandStreamHours', 'one stream (events)');
    line(
      'Kinesis',
      'data in',
      kinesisKb / (KB * KB),
      'kinesisOnDemandGbIn',
      `${recordsNote}, each rounded up to 1 KB`,
    );
    line('Kinesis', 'data out', recordBytes / GB, 'kinesisOnDemandGbOut', 'one consumer (the aggregator)');
  } else {
    line('Kinesis', 'shard-hours', shards * HOURS, 'kinesisProvisionedShardHours', recordsNote);
    const putUnits =
      serverPosts * ceilDiv(serverRecordBytes, 25 * KB) + browserPosts * ceilDiv(browserRecordBytes, 25 * KB);
    line('Kinesis', 'PUT payload units', putUnits, 'kinesisProvisionedPutUnits', '25 KB units per record');
  }

  // CloudWatch Logs: an access-log line per WebSocket route request and HTTP request, Lambda's
  // START/END/REPORT per invocation; the handlers log nothing on their success paths.
  const wsRouteRequests = 2 * connects + serverPings + browserPings + identifies + acks;
  const logGb =
    ((wsRouteRequests + httpRequests) * a.accessLogLineBytes +
      lambdaInvocations * a.lambdaLogBytesPerInvocation) /
    GB;
  line(
    'CloudWatch',
    'log ingestion',
    logGb,
    'cloudWatchLogsIngestGb',
    `${fmt(wsRouteRequests + httpRequests)} access-log lines × ${a.accessLogLineBytes} B + ${fmt(lambdaInvocations)} invocations × ${a.lambdaLogBytesPerInvocation} B`,
  );
  line(
    'CloudWatch',
    'log storage',
    logGb,
    'cloudWatchLogsStorageGbMonth',
    'retention one month, uncompressed (upper bound)',
  );

  // Dashboard.
  const dashboardRequests = a.dashboardLoadsPerMonth * a.dashboardRequestsPerLoad;
  line(
    'CloudFront + S3',
    'dashboard transfer',
    (a.dashboardLoadsPerMonth * a.dashboardBytesPerLoad) / GB,
    'cloudFrontGbOut',
    `${fmt(a.dashboardLoadsPerMonth)} loads × ${fmt(a.dashboardBytesPerLoad / KB)} KB`,
  );
  line(
    'CloudFront + S3',
    'dashboard HTTPS requests',
    dashboardRequests,
    'cloudFrontHttpsRequests',
    `${a.dashboardRequestsPerLoad} per load`,
  );
  line(
    'CloudFront + S3',
    'S3 GETs (cache misses)',
    dashboardRequests * 0.1,
    's3GetRequests',
    '10 % of requests miss the cache',
  );
  line('CloudFront + S3', 'S3 storage', 0.005, 's3StorageGbMonth', 'the built site, ~5 MB');

  // Data transfer out of API Gateway.
  const outBytes =
    serverConnects * a.flags * a.flagItemBytes * a.snapshotCompression + // the confirming GET is a 304
    snapshotGets * 300 +
    (serverPosts + browserPosts + changes + dashboardApiCalls) * 300 +
    posts * (a.frameBytes + 20) +
    (serverPings + browserPings) * 40 +
    identifies * (a.clientFlagsPerPageView * 120 + 40);
  line(
    'Data transfer',
    'out to the internet',
    outBytes / GB,
    'dataTransferOutGb',
    'snapshots, posts, pongs, identify answers, HTTP responses',
  );

  return { load, items, totalUsd: items.reduce((sum, i) => sum + i.monthlyUsd, 0) };
}

/** A competitor's list price for the same load, or why there is none. */
export interface Comparison {
  readonly product: string;
  readonly monthlyUsd: number | undefined;
  readonly basis: string;
  readonly sources: readonly string[];
}

/**
 * LaunchDarkly's Foundation list price and AWS AppConfig's for the same load, from the price table.
 *
 * @example
 * ```ts
 * compare({ servers: 20, browsers: 10_000, evaluationsPerDay: 1e7, changesPerDay: 10 });
 * ```
 */
export function compare(
  load: Load,
  overrides: Partial<Assumptions> = {},
  table: PriceTable = priceTable,
): Comparison[] {
  const a: Assumptions = { ...defaultAssumptions, ...overrides };
  const c = table.competitors;
  const mau = load.browsers * a.monthlyUniquePerDailyBrowser;
  const polls = load.servers * (SECONDS / a.appConfigPollSeconds);
  const received = load.servers * load.changesPerDay * DAYS;
  return [
    {
      product: 'LaunchDarkly Foundation',
      monthlyUsd:
        load.servers * c.launchDarklyFoundationServiceConnection.usd +
        mau * c.launchDarklyFoundationClientMau.usd,
      basis: `${fmt(load.servers)} service connections × $${c.launchDarklyFoundationServiceConnection.usd} + ${fmt(mau)} client-side MAU × $${c.launchDarklyFoundationClientMau.usd * 1000}/1k (billed yearly; Enterprise prices are not public)`,
      sources: [c.launchDarklyFoundationServiceConnection.source, c.launchDarklyFoundationClientMau.seenIn],
    },
    {
      product: 'AWS AppConfig (servers only)',
      monthlyUsd: polls * c.appConfigRequests.usd + received * c.appConfigReceived.usd,
      basis: `${fmt(polls)} polls (agent every ${a.appConfigPollSeconds} s) × $${c.appConfigRequests.usd} + ${fmt(received)} configurations received (each change by each server) × $${c.appConfigReceived.usd}; no browser SDK or per-user evaluation, so browsers are not covered`,
      sources: [c.appConfigRequests.source, c.appConfigRequests.seenIn],
    },
  ];
}

/** A startup, a scale-up and a large site. Only the scale-up's evaluations are given; the other rates are stated choices. */
export const namedSizes: readonly { readonly name: string; readonly load: Load }[] = [
  {
    name: 'startup',
    load: { servers: 20, browsers: 10_000, evaluationsPerDay: 10_000_000, changesPerDay: 10 },
  },
  {
    name: 'scale-up',
    load: { servers: 1000, browsers: 100_000, evaluationsPerDay: 1_000_000_000, changesPerDay: 50 },
  },
  {
    name: 'large site',
    load: { servers: 10_000, browsers: 1_000_000, evaluationsPerDay: 10_000_000_000, changesPerDay: 200 },
  },
];

/**
 * A count with thousands separators, or two significant digits below 1.
 *
 * @example
 * ```ts
 * fmt(1234567.8); // '1,234,568'
 * fmt(0.01234); // '0.012'
 * ```
 */
export function fmt(n: number): string {
  if (n !== 0 && Math.abs(n) < 1) return n.toPrecision(2);
  return Math.round(n).toLocaleString('en-US');
}
