import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpEvent } from '../../test/helpers/http-events.js';
import {
  count,
  countCalls,
  instrumented,
  instrumentedHttp,
  logger,
  METRICS_NAMESPACE,
  metered,
} from './telemetry.js';
import { type CapturedTelemetry, captureTelemetry } from './telemetry-capture.js';
import { parseTelemetryLine, REDACTED, tally } from './telemetry-core.js';
import { liteLogger } from './telemetry-lite.js';

const context = (awsRequestId: string) =>
  ({ functionName: 'switchboard-fanout', awsRequestId, memoryLimitInMB: '256' }) as unknown as Context;

let telemetry: CapturedTelemetry;
beforeEach(() => {
  telemetry = captureTelemetry();
});
afterEach(() => telemetry.restore());

describe('redaction', () => {
  const secretNames = [
    'key',
    'sdkKey',
    'token',
    'Authorization',
    'secret',
    'password',
    'context',
    'attributes',
  ];
  /** A name no redaction rule matches. */
  const safeName = fc
    .stringMatching(/^[a-z]{3,10}$/)
    .filter((name) => !/^(?:key|token|secret|context)/.test(name));
  /** Long and random enough to appear nowhere else in a record. */
  const secret = fc.stringMatching(/^[A-Za-z0-9]{20,32}$/);
  const credential = fc.tuple(fc.constantFrom('sbt_', 'sdk-', 'Bearer '), secret).map(([p, s]) => `${p}${s}`);
  /** The secret under a secret-named attribute, as a string or deeper, below 0–3 harmless levels. */
  const hidden = fc
    .tuple(
      fc.array(safeName, { maxLength: 3 }),
      fc.constantFrom(...secretNames),
      fc.boolean(),
      secret,
      fc.constantFrom('string', 'object', 'array'),
    )
    .map(([path, name, upper, value, shape]) => {
      const held = shape === 'string' ? value : shape === 'object' ? { inner: value } : [value];
      const leaf = { [upper ? name.toUpperCase() : name]: held };
      return {
        value,
        attributes: path.reduceRight<Record<string, unknown>>((inner, n) => ({ [n]: inner }), leaf),
      };
    });
  const writers = [
    ['Powertools logger', (attributes: Record<string, unknown>) => logger.warn('hello', attributes)],
    ['lite logger', (attributes: Record<string, unknown>) => liteLogger.warn('hello', attributes)],
  ] as const;

  for (const [name, write] of writers) {
    it(`never lets a secret-named attribute's value into a record (${name})`, () => {
      fc.assert(
        fc.property(
          fc.dictionary(safeName, fc.jsonValue({ maxDepth: 2 })),
          hidden,
          (others, { value, attributes }) => {
            telemetry.lines.length = 0;
            write({ ...others, ...attributes });
            expect(telemetry.lines).toHaveLength(1);
            expect(telemetry.lines[0]).not.toContain(value);
            expect(telemetry.lines[0]).toContain(REDACTED);
          },
        ),
      );
    });

    it(`masks credentials inside any logged string, also in an error (${name})`, () => {
      fc.assert(
        fc.property(
          fc.string(),
          credential,
          fc.string(),
          fc.boolean(),
          (before, secretValue, after, asError) => {
            telemetry.lines.length = 0;
            const text = `${before} ${secretValue} ${after}`;
            write(asError ? { error: new Error(text) } : { detail: text });
            expect(telemetry.lines[0]).not.toContain(secretValue);
          },
        ),
      );
    });
  }

  it('keeps harmless attributes, such as a flag key, as they are', () => {
    logger.info('changed', { flagKey: 'new-checkout', version: 3 });
    expect(telemetry.logs).toMatchObject([
      { level: 'INFO', message: 'changed', flagKey: 'new-checkout', version: 3 },
    ]);
  });
});

describe('instrumented handlers', () => {
  it('stamp records with the request id, the cold start and the correlation id, and flush metrics per invocation', async () => {
    const handler = instrumented(async (_event: unknown) => {
      logger.warn('working');
      count('PostsSent', 2);
      count('PostsGone', 0);
      return 'done';
    });
    await expect(handler({ requestContext: { requestId: 'corr-1' } }, context('req-1'))).resolves.toBe(
      'done',
    );
    await handler({}, context('req-2'));
    expect(telemetry.logs).toMatchObject([
      {
        message: 'working',
        function_request_id: 'req-1',
        correlation_id: 'corr-1',
        function_name: 'switchboard-fanout',
      },
      { message: 'working', function_request_id: 'req-2' },
    ]);
    expect(telemetry.logs[1]).not.toHaveProperty('correlation_id');
    expect(typeof telemetry.logs[0]?.cold_start).toBe('boolean');
    expect(telemetry.logs[1]?.cold_start).toBe(false);
    expect(telemetry.metrics).toHaveLength(2);
    expect(telemetry.metrics[0]).toMatchObject({ namespace: METRICS_NAMESPACE, values: { PostsSent: [2] } });
    expect(telemetry.metrics[0]?.values).not.toHaveProperty('PostsGone');
  });

  it('flush metrics when the handler throws, and write nothing when none were recorded', async () => {
    const failing = instrumented(async (_event: unknown) => {
      count('PostsFailed');
      throw new Error('boom');
    });
    await expect(failing({})).rejects.toThrow('boom');
    await instrumented(async (_event: unknown) => undefined)({});
    expect(telemetry.values('PostsFailed')).toEqual([1]);
    expect(telemetry.lines).toHaveLength(1);
  });

  it('count HTTP 4xx and 5xx answers per route, and rejections under their own metric', async () => {
    const answers = [404, 200, 503];
    const handler = instrumentedHttp(
      async (_event: APIGatewayProxyEventV2) => ({ statusCode: answers.shift() as number }),
      'EventsRejected',
    );
    const event = httpEvent({ route: { method: 'POST', path: '/sdk/v1/events' } });
    for (let i = 0; i < 3; i++) await handler(event);
    const thrower = instrumentedHttp(
      async (_event: APIGatewayProxyEventV2): Promise<{ statusCode: number }> => {
        throw new Error('down');
      },
    );
    await expect(thrower(event)).rejects.toThrow('down');
    const byRoute = telemetry.metrics.filter((m) => m.dimensions.route === 'POST /sdk/v1/events');
    expect(byRoute.map((m) => Object.keys(m.values)[0])).toEqual(['Http4xx', 'Http5xx', 'Http5xx']);
    expect(telemetry.values('EventsRejected')).toEqual([1]);
  });
});

describe('metering helpers', () => {
  it('count calls, an amount read from each result, or tallies, and leave the rest of an object alone', async () => {
    class Service {
      readonly factor = 2;
      #calls = 0;
      async ingest(n: number) {
        this.#calls += 1;
        return { accepted: n * this.factor };
      }
      calls() {
        return this.#calls;
      }
    }
    const ingest = metered(new Service(), 'ingest', 'EventsIngested', (result) => result.accepted);
    await ingest.ingest(3);
    expect(ingest.factor).toBe(2);
    expect(ingest.calls()).toBe(1);
    const load = countCalls('SnapshotLoads', (x: number) => x + 1);
    expect(load(1)).toBe(2);
    tally('PostsThrottled', 2);
    await instrumented(async (_event: unknown) => undefined)({});
    await instrumented(async (_event: unknown) => undefined)({});
    expect(telemetry.values('EventsIngested')).toEqual([6]);
    expect(telemetry.values('SnapshotLoads')).toEqual([1]);
    expect(telemetry.values('PostsThrottled')).toEqual([2]);
    expect(telemetry.metrics).toHaveLength(1);
  });

  it('reads nothing but log records and EMF documents', () => {
    expect(parseTelemetryLine('not json')).toBeUndefined();
    expect(parseTelemetryLine('[1]')).toBeUndefined();
    expect(parseTelemetryLine('{"message":"no level"}')).toBeUndefined();
  });
});

describe('the lite logger', () => {
  it('writes records of the Powertools shape', async () => {
    const { instrumentedLite } = await import('./telemetry-lite.js');
    await instrumentedLite(async (_event: unknown) =>
      liteLogger.error('$connect failed', { error: new Error('x') }),
    )({ requestContext: { requestId: 'corr-9' } }, context('req-9'));
    expect(telemetry.logs).toMatchObject([
      {
        level: 'ERROR',
        message: '$connect failed',
        service: 'switchboard',
        cold_start: true,
        function_name: 'switchboard-fanout',
        function_request_id: 'req-9',
        correlation_id: 'corr-9',
        error: { name: 'Error', message: 'x' },
      },
    ]);
  });
});
