import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector, InjectedCrashError, requests } from './faults.js';

const incoming = (url: string) => ({ url }) as IncomingMessage;

describe('FaultInjector connections fault', () => {
  it('answers @connections with the error for the given number of requests, then passes', async () => {
    const faults = new FaultInjector();
    faults.failConnections({ status: 429, requests: 2 });
    const answers = await Promise.all(
      ['/@connections/a', '/stage/@connections/b', '/@connections/c'].map((url) =>
        faults.connectionsApi(incoming(url)),
      ),
    );
    expect(answers.map((answer) => answer?.statusCode)).toEqual([429, 429, undefined]);
    expect(answers[0]?.headers['x-amzn-errortype']).toEqual(['LimitExceededException']);
    expect(faults.connectionErrors).toBe(2);
  });

  it('lets other paths through and ends a timed fault when its time is up', async () => {
    const faults = new FaultInjector();
    faults.failConnections({ status: 500, durationMs: 30 });
    expect(await faults.connectionsApi(incoming('/api/v1/projects'))).toBeUndefined();
    expect((await faults.connectionsApi(incoming('/@connections/a')))?.statusCode).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await faults.connectionsApi(incoming('/@connections/a'))).toBeUndefined();
  });

  it('refuses a fault that would never end', () => {
    expect(() => new FaultInjector().failConnections({ status: 429 })).toThrow(RangeError);
  });
});

describe('FaultInjector crash', () => {
  let server: Server;
  let hits: string[];
  const post = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      const req = request({ port, path, method: 'POST', host: '127.0.0.1' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end('x');
    });

  beforeAll(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fails the invocation after the n-th matching request lands, and sends nothing after it', async () => {
    hits.length = 0;
    const faults = new FaultInjector();
    faults.crash({ function: 'worker', afterRequests: 2, matching: requests.postToConnection });
    const outcomes: string[] = [];
    const handler = faults.wrap('worker', async () => {
      await post('/@connections/a');
      await post('/other');
      await post('/@connections/b');
      await post('/@connections/c').catch((error: Error) => outcomes.push(error.name));
      return 'finished';
    });
    await expect(handler({})).rejects.toBeInstanceOf(InjectedCrashError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hits).toEqual(['/@connections/a', '/other', '/@connections/b']);
    expect(outcomes).toEqual(['InjectedCrashError']);
    expect(faults.crashes).toBe(1);
  });

  it('crashes only as many invocations as asked, and only of the named function', async () => {
    const faults = new FaultInjector();
    faults.crash({ function: 'worker' });
    const work = async () => {
      await post('/x');
      return 'ok';
    };
    await expect(faults.wrap('other', work)({})).resolves.toBe('ok');
    await expect(faults.wrap('worker', work)({})).rejects.toBeInstanceOf(InjectedCrashError);
    await expect(faults.wrap('worker', work)({})).resolves.toBe('ok');
  });

  it('refuses a crash of a function that runs in a worker thread, whose requests it cannot watch', () => {
    const faults = new FaultInjector();
    faults.runsInThread('fanout');
    expect(() => faults.crash({ function: 'fanout' })).toThrow(/runs in a worker thread/);
    expect(() => faults.crash({ function: 'worker' })).not.toThrow();
  });

  it('recognises DynamoDB writes by their target', () => {
    const write = { method: 'POST', path: '/', target: 'DynamoDB_20120810.UpdateItem' };
    expect(requests.dynamoDbWrite(write)).toBe(true);
    expect(requests.dynamoDbWrite({ ...write, target: 'DynamoDB_20120810.GetItem' })).toBe(false);
  });
});
