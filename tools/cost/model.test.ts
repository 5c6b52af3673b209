import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, estimate, type Load, priceOf } from './model.js';
import { run } from './report.js';

const lineOf = (load: Load, item: string, overrides = {}) => {
  const found = estimate(load, overrides).items.find((i) => i.item === item);
  if (!found) throw new Error(`no line "${item}"`);
  return found;
};

describe('estimate, worked by hand', () => {
  // 2 servers, 10 browsers a day, 17,280 evaluations a day, 1 change a day; no dashboard use.
  // Month = 30 days = 43,200 min = 2,592,000 s.
  const load: Load = { servers: 2, browsers: 10, evaluationsPerDay: 17_280, changesPerDay: 1 };
  const noDashboard = { dashboardLoadsPerMonth: 0 };
  const line = (item: string) => lineOf(load, item, noDashboard);

  it('counts WebSocket messages and connection minutes', () => {
    // Servers: 2 × 43,200 = 86,400 connection-minutes; pings 86,400 / 5 = 17,280, each a ping in
    // and a pong out = 34,560 messages.
    // Browsers: 10 × 5 page views × 30 days = 1,500 page views × 3 min = 4,500 minutes; no ping
    // inside 3 min; 1,500 identifies × 2 (in + answer) = 3,000 messages.
    // Changes: 30 a month; connected browsers on average 4,500 / 43,200 = 0.104167, of which 10 %
    // are altered → posts per change 2 + 0.0104167 = 2.0104167; × 30 = 60.3125 one-message posts.
    // Messages 34,560 + 3,000 + 60.3125 = 37,620.3125 × $1.00/M = $0.0376203.
    expect(line('WebSocket messages').quantity).toBeCloseTo(37_620.3125, 6);
    expect(line('WebSocket messages').monthlyUsd).toBeCloseTo(0.0376203, 7);
    // 86,400 + 4,500 = 90,900 minutes × $0.25/M = $0.022725.
    expect(line('WebSocket connection minutes').quantity).toBe(90_900);
    expect(line('WebSocket connection minutes').monthlyUsd).toBeCloseTo(0.022725, 9);
  });

  it('counts HTTP requests, Kinesis data and Lambda invocations', () => {
    // Server connects: 86,400 / 110 = 785.4545, 2 snapshot GETs each = 1,570.909.
    // Evaluations per server per 10 s window: 17,280 / 2 / 8,640 = 1, so every window flushes:
    // 2 × 259,200 = 518,400 server posts; browsers post once per page view: 1,500.
    // HTTP: 1,570.909 + 518,400 + 1,500 + 30 changes = 521,500.909 × $1.00/M = $0.5215009.
    expect(line('HTTP API requests').quantity).toBeCloseTo(521_500.909, 2);
    expect(line('HTTP API requests').monthlyUsd).toBeCloseTo(0.5215009, 7);
    // Records: server 400 + 1 × 45 = 445 B, browser 400 + 10 × 45 = 850 B, each billed as 1 KB:
    // 519,900 KB / 1,048,576 = 0.4958153 GB × $0.08 = $0.0396652.
    expect(line('data in').quantity).toBeCloseTo(0.4958153, 7);
    expect(line('data in').monthlyUsd).toBeCloseTo(0.0396652, 7);
    // Invocations: connect and disconnect 785.4545 + 1,500 = 2,285.4545 each; ws-message 17,280
    // pings + 1,500 identifies = 18,780; sdk 1,570.909; ingest 519,900; fan-out 30; api 30.
    // Aggregator: 519,900 / 2,592,000 = 0.2005787 records/s over 4 shards, x = 0.0501447 per shard
    // per 1 s window; a window holds a batch with probability 1 − e^−x = x − x²/2 + x³/6 − x⁴/24
    // = 0.0501447 − 0.0012572 + 0.0000210 − 0.0000003 = 0.0489082, so 4 × 0.0489082 × 2,592,000
    // = 507,080.1 batches.
    // 4,570.909 + 18,780 + 1,570.909 + 519,900 + 507,080.1 + 60 = 1,051,961.9 × $0.20/M = $0.2103924.
    expect(line('requests').quantity).toBeCloseTo(1_051_961.9, 0);
    expect(line('requests').monthlyUsd).toBeCloseTo(0.2103924, 6);
  });

  it('counts DynamoDB write units', () => {
    // Connect and disconnect: two-item transactions, 4 WRU each: 2 × 2,285.4545 × 4 = 18,283.636.
    // Identify: 1,500 × 2 = 3,000. Changes: 30 × 8 = 240. Browser digests: 30 × 0.0104167 = 0.3125.
    // Aggregator: far below the caps (100 counters, 50 flags per batch) a batch writes 2 per
    // counter (minute and hour bucket) and 1 per flag (counters / 2 variations), so however the
    // records fall into batches that is 2 × 533,400 counters (518,400 × 1 + 1,500 × 10) + 266,700
    // = 1,333,500; plus one payload claim per server record 518,400
    // = 1,851,900. Total 18,283.636 + 3,000 + 240 + 0.3125 + 1,851,900 = 1,873,423.949
    // × $0.625/M = $1.1708900.
    expect(line('write request units').quantity).toBeCloseTo(1_873_423.949, 2);
    expect(line('write request units').monthlyUsd).toBeCloseTo(1.17089, 6);
  });

  it('totals its lines', () => {
    const result = estimate(load, noDashboard);
    expect(result.totalUsd).toBeCloseTo(
      result.items.reduce((sum, i) => sum + i.monthlyUsd, 0),
      10,
    );
  });
});

describe('priceOf', () => {
  it('prices each tier separately', () => {
    const messages = { unit: 'message', tiers: [{ upTo: 1e9, usd: 1e-6 }, { usd: 8e-7 }] };
    // 1 B × $1.00/M + 0.5 B × $0.80/M = $1,000 + $400.
    expect(priceOf(messages, 1.5e9)).toBeCloseTo(1400, 6);
    expect(priceOf(messages, 2e8)).toBeCloseTo(200, 6);
  });
});

const loads = fc.record({
  servers: fc.integer({ min: 0, max: 20_000 }),
  browsers: fc.integer({ min: 0, max: 2_000_000 }),
  evaluationsPerDay: fc.integer({ min: 0, max: 2e10 }),
  changesPerDay: fc.integer({ min: 0, max: 1000 }),
});

describe('estimate, properties', () => {
  it.each(['servers', 'browsers', 'evaluationsPerDay', 'changesPerDay'] as const)(
    'never costs less with more %s',
    (input) => {
      fc.assert(
        fc.property(loads, fc.integer({ min: 1, max: 1_000_000 }), (load, more) => {
          const base = estimate(load).totalUsd;
          const bigger = estimate({ ...load, [input]: load[input] + more }).totalUsd;
          expect(bigger).toBeGreaterThanOrEqual(base - 1e-9);
        }),
      );
    },
  );

  it('never costs less with more posts per change', () => {
    fc.assert(
      fc.property(loads, (load) => {
        const once = estimate(load).totalUsd;
        const twice = estimate(load, { postsPerChangePerConnection: 2 }).totalUsd;
        expect(twice).toBeGreaterThanOrEqual(once - 1e-9);
      }),
    );
  });

  it('leaves only the fixed costs at zero load', () => {
    const idle = estimate(
      { servers: 0, browsers: 0, evaluationsPerDay: 0, changesPerDay: 0 },
      { dashboardLoadsPerMonth: 0 },
    );
    const charged = idle.items.filter((i) => i.monthlyUsd > 0).map((i) => `${i.service} ${i.item}`);
    expect(charged).toEqual([
      'DynamoDB storage',
      'Kinesis on-demand stream-hours',
      'CloudFront + S3 S3 storage',
    ]);
    // 720 stream-hours × $0.04 + 51,200 B of flags × $0.25/GB + 5 MB of site × $0.023/GB.
    expect(idle.totalUsd).toBeCloseTo(28.8 + 0.0000512 * 0.25 + 0.005 * 0.023, 9);
  });
});

describe('compare', () => {
  it('prices the same load at LaunchDarkly and AppConfig list prices', () => {
    const [launchDarkly, appConfig] = compare({
      servers: 20,
      browsers: 10_000,
      evaluationsPerDay: 1e7,
      changesPerDay: 10,
    });
    // 20 × $10 + 30,000 MAU × $8.33 per 1,000 = $200 + $249.90.
    expect(launchDarkly?.monthlyUsd).toBeCloseTo(449.9, 6);
    // 20 × 2,592,000 / 45 = 1,152,000 polls × $0.0000002 + 20 × 300 changes × $0.0008 = $0.2304 + $4.80.
    expect(appConfig?.monthlyUsd).toBeCloseTo(5.0304, 6);
  });
});

describe('npm run cost', () => {
  it('prints one load line by line', () => {
    const report = run([
      '--servers=2',
      '--browsers=10',
      '--evaluations-per-day=17280',
      '--changes-per-day=1',
    ]);
    expect(report.code).toBe(0);
    expect(report.output).toMatch(/WebSocket messages\s+37,620/);
    expect(report.output).toContain('LaunchDarkly Foundation');
  });

  it('prints the three sizes side by side without load flags', () => {
    const report = run([]);
    expect(report.code).toBe(0);
    expect(report.output).toMatch(/startup\s+scale-up\s+large site/);
  });

  it('names what is missing or malformed', () => {
    expect(run(['--servers', '5'])).toEqual({
      output:
        'give all four load flags or none; missing --browsers, --evaluations-per-day, --changes-per-day',
      code: 2,
    });
    expect(run(['--flags=-3']).output).toBe('--flags must be a non-negative number, got "-3"');
    expect(run(['--kinesis-mode', 'fast']).code).toBe(2);
  });
});
