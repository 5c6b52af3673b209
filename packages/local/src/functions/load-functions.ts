import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { RuntimeTopology } from '../topology.js';
import { lambdaContext } from './lambda-context.js';

/** Runs one function as Lambda would: fresh context, the declared timeout, errors as rejections. */
export type Invoke = (event: unknown) => Promise<unknown>;

type Handler = (event: unknown, context: Context) => unknown;

/** Thrown when an invocation runs past the function's declared timeout, as Lambda reports it. */
export class InvocationTimeoutError extends Error {
  override readonly name = 'InvocationTimeoutError';
  constructor(functionName: string, seconds: number) {
    super(`${functionName}: Task timed out after ${seconds.toFixed(2)} seconds`);
  }
}

/**
 * Imports every declared function's `entry` (relative to `rootDir`) in this process and returns an
 * invoker per function name. In-process rather than worker threads: the runtime already runs under
 * tsx, start-up stays fast, and stack traces and debuggers work as in any Node program; the price
 * is that handlers share `process.env` (identical for all of them, as the stack configures them).
 */
export async function loadFunctions(
  topology: RuntimeTopology,
  rootDir: string,
): Promise<Map<string, Invoke>> {
  const invokers = new Map<string, Invoke>();
  for (const fn of topology.functions) {
    const module = (await import(pathToFileURL(resolve(rootDir, fn.entry)).href)) as Record<string, unknown>;
    const exportName = fn.handler ?? 'handler';
    const handler = module[exportName];
    if (typeof handler !== 'function') {
      throw new Error(`${fn.entry} does not export a function named "${exportName}"`);
    }
    const timeoutSeconds = fn.timeoutSeconds ?? 10;
    invokers.set(fn.name, (event) =>
      invokeWithTimeout(handler as Handler, event, fn.name, fn.memoryMb ?? 256, timeoutSeconds),
    );
  }
  return invokers;
}

async function invokeWithTimeout(
  handler: Handler,
  event: unknown,
  name: string,
  memoryMb: number,
  timeoutSeconds: number,
): Promise<unknown> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeoutError(name, timeoutSeconds)), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([
      Promise.resolve().then(() => handler(event, lambdaContext(name, memoryMb, deadline))),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
