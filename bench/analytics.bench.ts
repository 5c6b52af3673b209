/**
 * Analytics benchmarks (not tests): `npm run bench:analytics` (add `-- --skip-e2e` to leave out the
 * local runtime). Figures are recorded in docs/analytics.md.
 *
 * 1. Aggregator: events per second through the aggregation in-process (CPU only), and DynamoDB
 *    writes per 10,000 events for a realistic mix, against the number of distinct keys.
 * 2. SDK: evaluations per second with summarising on and off, side by side; bytes sent per million
 *    evaluations.
 * 3. End to end on the local runtime: SDK flush → counts visible in the insights API.
 */
import { performance } from 'node:perf_hooks';
import type { EventEnvelope, SummaryEvent } from '@switchboard/core/events';
import { type HttpFetch, init, type Platform, type SwitchboardClient, silentLogger } from '@switchboard/node';
import { bucketStart, EventAggregator, granularities } from '../lambdas/domain/aggregate.js';
import { AggregatorService } from '../lambdas/services/aggregator-service.js';

const skipE2e = process.argv.includes('--skip-e2e');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// A realistic mix: 1,000 flags × 3 variations, contexts of 100 kinds, custom events with 100 keys,
// sent by SDK instances of one environment within one minute. One "event" is one summary counter
// line or one custom event.
// ---------------------------------------------------------------------------------------------
const FLAGS = 1_000;
const VARIATIONS = 3;
const KINDS = 100;
const NOW = Date.UTC(2026, 10, 26, 2, 0, 30);
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = (n: number) => Math.floor(random() * n);

/** `records` envelopes holding `events` events in total, 90% summary lines and 10% custom events. */
function mix(events: number, records: number): EventEnvelope[] {
  const perRecord = Math.ceil(events / records);
  const envelopes: EventEnvelope[] = [];
  let made = 0;
  for (let r = 0; r < records && made < events; r++) {
    const features: Record<string, SummaryEvent['features'][string]> = {};
    const custom: EventEnvelope['events'][number][] = [];
    let lines = 0;
    for (let i = 0; i < perRecord && made < events; i++, made++) {
      if (i % 10 === 9) {
        custom.push({
          kind: 'custom',
          key: `event-${pick(100)}`,
          contextKeys: { [`kind-${pick(KINDS)}`]: `ctx-${pick(100)}` },
          metricValue: random() * 100,
          creationDate: NOW - pick(20_000),
        });
        continue;
      }
      const flag = `flag-${pick(FLAGS)}`;
      if (!features[flag]) features[flag] = { contextKinds: [`kind-${pick(KINDS)}`], counters: [] };
      const feature = features[flag] as {
        counters: { variation: number; version: number; value: number; count: number }[];
      };
      feature.counters.push({ variation: pick(VARIATIONS), version: 7, value: 0, count: 1 + pick(1_000) });
      lines++;
    }
    const summary: SummaryEvent = { kind: 'summary', startDate: NOW - 10_000, endDate: NOW, features };
    envelopes.push({
      v: 1,
      project: 'demo',
      env: 'production',
      receivedAt: NOW + 1_000,
      events: lines > 0 ? [summary, ...custom] : custom,
    });
  }
  return envelopes;
}

/** Distinct keys of the mix, counted independently of the aggregator. */
function distinctKeys(envelopes: EventEnvelope[]): number {
  const keys = new Set<string>();
  for (const e of envelopes) {
    for (const event of e.events) {
      if (event.kind === 'summary') {
        const time = Math.min(event.endDate, e.receivedAt);
        for (const [flag, feature] of Object.entries(event.features)) {
          if (feature.counters.some((c) => c.count > 0)) keys.add(`last ${e.env} ${flag}`);
          for (const c of feature.counters) {
            if (c.count <= 0) continue;
            for (const g of granularities)
              keys.add(`${e.env} ${flag} ${c.variation} ${g} ${bucketStart(time, g)}`);
          }
        }
      } else {
        const time = Math.min(event.creationDate, e.receivedAt);
        for (const g of granularities) keys.add(`${e.env} custom ${event.key} ${g} ${bucketStart(time, g)}`);
      }
    }
  }
  return keys.size;
}

async function aggregatorBench(): Promise<void> {
  console.log('\n## Aggregator (in-process, CPU only)\n');
  const envelopes = mix(10_000, 100);
  const records = envelopes.map((e, i) => ({
    shard: 'shardId-000000000000',
    sequenceNumber: String(49_000_000_000 + i),
    data: JSON.stringify(e),
  }));
  const events = new EventAggregator();
  envelopes.forEach((e, i) => {
    events.add(e, i);
  });
  const total = events.eventCount;

  // Warm up, then time aggregation alone and JSON decoding + aggregation.
  const rounds = 200;
  const time = (fn: () => void) => {
    for (let i = 0; i < 20; i++) fn();
    const samples: number[] = [];
    for (let s = 0; s < 5; s++) {
      const t0 = performance.now();
      for (let i = 0; i < rounds; i++) fn();
      samples.push((total * rounds) / ((performance.now() - t0) / 1000));
    }
    return median(samples);
  };
  const aggregateOnly = time(() => {
    const a = new EventAggregator();
    for (let i = 0; i < envelopes.length; i++) a.add(envelopes[i] as EventEnvelope, i);
    a.counts();
    a.lastEvaluated();
  });
  const withDecode = time(() => {
    const a = new EventAggregator();
    for (let i = 0; i < records.length; i++) a.add(JSON.parse((records[i] as { data: string }).data), i);
    a.counts();
    a.lastEvaluated();
  });

  // Writes: run the real aggregator service against a writer that only counts.
  let writes = 0;
  const service = new AggregatorService(
    {
      addCount: async () => {
        writes++;
        return true;
      },
      touchLastEvaluated: async () => {
        writes++;
      },
      claimPart: async () => true,
    },
    { log: () => {} },
  );
  await service.process(records);
  const distinct = distinctKeys(envelopes);

  console.log(
    `| events per batch | records | aggregate only | JSON decode + aggregate | DynamoDB writes | distinct keys |`,
  );
  console.log(`|---|---|---|---|---|---|`);
  console.log(
    `| ${fmt(total)} | ${records.length} | ${fmt(aggregateOnly)} events/s | ${fmt(withDecode)} events/s | ${fmt(writes)} | ${fmt(distinct)} |`,
  );
  if (writes !== distinct) console.log(`!! writes (${writes}) differ from distinct keys (${distinct})`);
}

// ---------------------------------------------------------------------------------------------
// SDK overhead
// ---------------------------------------------------------------------------------------------
function sdkFlags(count: number) {
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    flags[`flag-${i}`] = {
      key: `flag-${i}`,
      version: 3,
      on: true,
      salt: `flag-${i}`,
      variations: ['a', 'b', 'c'],
      offVariation: 0,
      targets: [],
      contextTargets: [],
      rules: [
        {
          id: 'pro',
          clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }],
          variation: 2,
        },
      ],
      fallthrough: {
        rollout: {
          variations: [
            { variation: 0, weight: 50_000 },
            { variation: 1, weight: 50_000 },
          ],
        },
      },
      prerequisites: [],
    };
  }
  return { flags, segments: {} };
}

/** A client on bootstrap data whose socket never opens and whose event posts are only measured. */
function benchClient(sendEvents: boolean, posted: number[]): SwitchboardClient {
  const fetch: HttpFetch = async (url, init) => {
    if (url.endsWith('/sdk/v1/events')) posted.push(Buffer.byteLength(init.body ?? ''));
    return {
      status: url.endsWith('/sdk/v1/events') ? 202 : 503,
      headers: new Headers(),
      json: async () => ({}),
    };
  };
  const platform: Partial<Platform> = {
    fetch,
    // A socket that never opens and reports its close, so close() returns.
    openWebSocket: (_url, handlers) => ({
      send: () => {},
      close: () => queueMicrotask(() => handlers.onClose({ code: 1000, reason: '' })),
    }),
  };
  return init({
    sdkKey: 'sdk-bench',
    baseUrl: 'http://127.0.0.1:9',
    streamUrl: 'ws://127.0.0.1:9',
    bootstrap: sdkFlags(50),
    logger: silentLogger,
    sendEvents,
    flushInterval: 3600,
    platform,
  });
}

async function sdkBench(): Promise<void> {
  console.log('\n## SDK: evaluations per second, summarising on vs off\n');
  const contexts = Array.from({ length: 100 }, (_, i) => ({
    kind: 'user',
    key: `user-${i}`,
    plan: i % 5 === 0 ? 'pro' : 'free',
  }));
  const posted: number[] = [];
  const on = benchClient(true, posted);
  const off = benchClient(false, []);
  const n = 1_000_000;
  // Rates per CPU-second of this process, not wall time: on a shared machine wall time measures the
  // neighbours as much as the code.
  const run = (client: SwitchboardClient) => {
    const t0 = process.cpuUsage();
    for (let i = 0; i < n; i++)
      client.stringVariation(`flag-${i % 50}`, contexts[i % 100] as Record<string, unknown>, 'x');
    const used = process.cpuUsage(t0);
    return n / ((used.user + used.system) / 1e6);
  };
  for (let i = 0; i < 3; i++) {
    run(on);
    run(off);
  }
  const onRates: number[] = [];
  const offRates: number[] = [];
  for (let round = 0; round < 11; round++) {
    // Alternate, so drift in machine load hits both sides alike.
    offRates.push(run(off));
    onRates.push(run(on));
  }
  const rateOn = median(onRates);
  const rateOff = median(offRates);
  console.log('| summarising | evaluations per CPU-second (median of 11 × 1,000,000) |');
  console.log('|---|---|');
  console.log(`| off (sendEvents: false) | ${fmt(rateOff)} |`);
  console.log(`| on | ${fmt(rateOn)} |`);
  console.log(`| slowdown | ${((1 - rateOn / rateOff) * 100).toFixed(1)}% |`);

  await on.flush();
  posted.length = 0;
  for (let i = 0; i < 1_000_000; i++)
    on.stringVariation(`flag-${i % 50}`, contexts[i % 100] as Record<string, unknown>, 'x');
  await on.flush();
  const bytes50 = posted.reduce((a, b) => a + b, 0);
  console.log(`\nBytes sent per 1,000,000 evaluations (one flush, 50 flags × 3 variations): ${fmt(bytes50)}`);
  await on.close();
  await off.close();
}

// ---------------------------------------------------------------------------------------------
// End to end on the local runtime
// ---------------------------------------------------------------------------------------------
async function endToEnd(): Promise<void> {
  console.log('\n## End to end on the local runtime: flush → counts visible in insights\n');
  // Imported only here: loading the runtime's modules slows the CPU benchmarks above by half.
  const { freePort, platformTopology, startRuntime } = await import('@switchboard/local');
  const [dynamodb, kinesis] = await Promise.all([freePort(), freePort()]);
  const runtime = await startRuntime({
    ports: { http: 0, ws: 0, dynamodb, kinesis },
    inMemory: true,
    topology: platformTopology,
    logLevel: 'quiet',
  });
  try {
    const local = runtime.local;
    const env = local?.projects[0]?.environments.find((e) => e.key === 'production');
    const client = init({
      sdkKey: env?.sdkKey as string,
      baseUrl: runtime.apiUrl,
      streamUrl: runtime.wsUrl,
      logger: silentLogger,
      flushInterval: 3600,
    });
    await client.waitForInitialization({ timeout: 20 });
    const path = `${runtime.apiUrl}/api/v1/projects/demo/environments/production/flags/new-checkout/insights?granularity=hour`;
    const total = async () => {
      const response = await fetch(path, { headers: { authorization: `Bearer ${local?.adminToken}` } });
      return ((await response.json()) as { total: number }).total;
    };
    const delays: number[] = [];
    let expected = await total();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 1_000; i++)
        client.boolVariation('new-checkout', { kind: 'user', key: `u${i}` }, false);
      expected += 1_000;
      const t0 = performance.now();
      await client.flush();
      while ((await total()) < expected) await new Promise((r) => setTimeout(r, 10));
      delays.push(performance.now() - t0);
    }
    console.log(`| runs | median | max |`);
    console.log(`|---|---|---|`);
    console.log(`| 5 | ${fmt(median(delays))} ms | ${fmt(Math.max(...delays))} ms |`);
    await client.close();
  } finally {
    await runtime.stop();
  }
}

await aggregatorBench();
await sdkBench();
if (!skipE2e) await endToEnd();
