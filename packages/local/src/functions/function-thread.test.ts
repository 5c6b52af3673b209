import { resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { setTelemetrySink, telemetrySink } from '../../../../lambdas/adapters/telemetry-core.js';
import type { RuntimeTopology } from '../topology.js';
import { FunctionThread } from './function-thread.js';
import { InvocationTimeoutError, loadFunctions } from './load-functions.js';

const entry = 'packages/local/src/functions/fixtures/handlers.ts';
const rootDir = resolve(import.meta.dirname, '../../../..');
const threads: FunctionThread[] = [];

const thread = (exportName: string) => {
  const started = new FunctionThread({
    name: `test-${exportName}`,
    entry,
    entryPath: resolve(rootDir, entry),
    exportName,
    memoryMb: 128,
  });
  threads.push(started);
  return started;
};

afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.stop()));
});

describe('FunctionThread', () => {
  it('runs the handler in a thread of its own, with a Lambda context built from the deadline', async () => {
    const echo = thread('echo');
    const result = (await echo.invoke({ hello: 'world' }, Date.now() + 3_000)) as Record<string, unknown>;
    expect(result).toMatchObject({ event: { hello: 'world' }, functionName: 'test-echo', invocations: 1 });
    expect(result.threadId).not.toBe(threadId);
    expect(result.remainingMs).toBeGreaterThan(1_000);
    expect(result.remainingMs).toBeLessThanOrEqual(3_000);
    // The module stays loaded between invocations, as in a warm execution environment.
    expect(await echo.invoke({}, Date.now() + 3_000)).toMatchObject({ invocations: 2 });
  });

  it('rejects with the handler’s error name and message', async () => {
    await expect(thread('fails').invoke({}, Date.now() + 3_000)).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'bad event',
    });
  });

  it('starts invocations that arrive together one per turn of its event loop', async () => {
    const records = thread('recordsTurns');
    await records.start();
    const [, second] = await Promise.all([
      records.invoke({ name: 'a' }, Date.now() + 3_000),
      records.invoke({ name: 'b' }, Date.now() + 3_000),
    ]);
    expect(second).toEqual(['a started', 'a: next turn', 'b started']);
  });

  it('passes the handler’s log records to the runtime’s telemetry sink', async () => {
    const lines: [string, string][] = [];
    const previous = telemetrySink();
    setTelemetrySink((line, level) => lines.push([line, level]));
    try {
      await thread('logs').invoke({}, Date.now() + 3_000);
      expect(lines).toEqual([['{"level":"WARN","message":"from a thread"}', 'warn']]);
    } finally {
      setTelemetrySink(previous);
    }
  });

  it('shares process.env with the runtime, changes included', async () => {
    const reads = thread('readsEnvironment');
    await reads.start();
    process.env.FUNCTION_THREAD_TEST_VALUE = 'set after start';
    try {
      expect(await reads.invoke({}, Date.now() + 3_000)).toBe('set after start');
    } finally {
      delete process.env.FUNCTION_THREAD_TEST_VALUE;
    }
  });

  it('fails the invocation of an environment that exits, and starts a fresh one for the next', async () => {
    const exits = thread('exits');
    await expect(exits.invoke({}, Date.now() + 3_000)).rejects.toThrow(/exited \(code 3\)/);
    await expect(exits.invoke({}, Date.now() + 3_000)).rejects.toThrow(/exited \(code 3\)/);
  });

  it('refuses to start a handler that is not exported', async () => {
    await expect(thread('missing').start()).rejects.toThrow(/does not export a function named "missing"/);
  });

  it('refuses invocations once stopped', async () => {
    const echo = thread('echo');
    await echo.start();
    await echo.stop();
    await expect(echo.invoke({}, Date.now() + 3_000)).rejects.toThrow(/stopping/);
  });
});

describe('loadFunctions with threads', () => {
  const topology = {
    functions: [
      { name: 'in-thread', entry, handler: 'echo', timeoutSeconds: 3 },
      { name: 'in-process', entry, handler: 'echo', timeoutSeconds: 3 },
      { name: 'slow', entry, handler: 'sleeps', timeoutSeconds: 0.2 },
    ],
  } as unknown as RuntimeTopology;

  it('runs the named functions in threads and the others in this process, each under its timeout', async () => {
    const loaded = await loadFunctions(topology, rootDir, new Set(['in-thread', 'slow']));
    try {
      const inThread = (await loaded.invokers.get('in-thread')?.({})) as { threadId: number };
      const inProcess = (await loaded.invokers.get('in-process')?.({})) as { threadId: number };
      expect(inThread.threadId).not.toBe(threadId);
      expect(inProcess.threadId).toBe(threadId);
      await expect(loaded.invokers.get('slow')?.({})).rejects.toThrow(InvocationTimeoutError);
    } finally {
      await loaded.stop();
    }
  });
});
