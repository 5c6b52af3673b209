import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { createInvokeApi } from './invoke-api.js';

const request = (url: string, headers: Record<string, string> = {}, method = 'POST') =>
  ({ url, method, headers }) as unknown as IncomingMessage;
const body = (value: unknown) => Buffer.from(JSON.stringify(value));

function api(handler: (event: unknown) => Promise<unknown>, refused: ReadonlySet<string> = new Set()) {
  const calls: unknown[] = [];
  const invoke = async (event: unknown) => {
    calls.push(event);
    return handler(event);
  };
  const answer = createInvokeApi({
    functions: new Map([['worker', invoke]]),
    logicalName: (name) => (name === 'switchboard-worker' ? 'worker' : undefined),
    logger: createLogger('quiet', () => undefined),
    refused,
  });
  return { answer, calls };
}

const path = (name: string) => `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`;

describe('local Lambda Invoke API', () => {
  it.each([
    'worker',
    'switchboard-worker',
    'arn:aws:lambda:us-east-1:000000000000:function:switchboard-worker',
  ])('runs %s synchronously and returns its result', async (name) => {
    const { answer, calls } = api(async () => ({ ok: true }));
    const response = await answer(request(path(name)), body({ a: 1 }));
    expect(response?.statusCode).toBe(200);
    expect(JSON.parse(String(response?.body))).toEqual({ ok: true });
    expect(calls).toEqual([{ a: 1 }]);
  });

  it('reports a handler error as Lambda does, with X-Amz-Function-Error', async () => {
    const { answer } = api(async () => {
      throw new TypeError('boom');
    });
    const response = await answer(request(path('worker')), body({}));
    expect(response?.statusCode).toBe(200);
    expect(response?.headers['x-amz-function-error']).toEqual(['Unhandled']);
    expect(JSON.parse(String(response?.body))).toEqual({ errorType: 'TypeError', errorMessage: 'boom' });
  });

  it('answers an Event invocation with 202 at once and retries a failing run twice', async () => {
    let runs = 0;
    let release = () => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { answer } = api(async () => {
      runs += 1;
      if (runs === 3) release();
      throw new Error('always fails');
    });
    const response = await answer(request(path('worker'), { 'x-amz-invocation-type': 'Event' }), body({}));
    expect(response?.statusCode).toBe(202);
    await done;
    expect(runs).toBe(3);
  });

  it('answers unknown functions with 404 and leaves other paths alone', async () => {
    const { answer } = api(async () => null);
    const missing = await answer(request(path('nope')), body({}));
    expect(missing?.statusCode).toBe(404);
    expect(missing?.headers['x-amzn-errortype']).toEqual(['ResourceNotFoundException']);
    expect(await answer(request('/api/v1/projects'), Buffer.alloc(0))).toBeUndefined();
    expect(await answer(request(path('worker'), {}, 'GET'), Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses invocations of a function the runtime is told to refuse, without running it', async () => {
    const refused = new Set(['worker']);
    const { answer, calls } = api(async () => 'ran', refused);
    for (const type of ['Event', 'RequestResponse']) {
      const response = await answer(request(path('worker'), { 'x-amz-invocation-type': type }), body({}));
      expect(response?.statusCode).toBe(500);
      expect(response?.headers['x-amzn-errortype']).toEqual(['ServiceException']);
    }
    expect(calls).toEqual([]);
    refused.clear();
    expect((await answer(request(path('worker')), body({})))?.statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });
});
