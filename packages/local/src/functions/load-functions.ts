import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { RuntimeTopology } from '../topology.js';
import { FunctionThread } from './function-thread.js';
import { lambdaContext } from './lambda-context.js';

/** Runs one function as Lambda would: fresh context, the declared timeout, errors as rejections. */
export type Invoke = (event: unknown) => Promise<unknown>;

type Handler = (event: unknown, context: Context) => unknown;

export interface LoadedFunctions {
  readonly invokers: ReadonlyMap<string, Invoke>;
  /** Ends the functions' worker threads. */
  stop(): Promise<void>;
}

/** Thrown when an invocation runs past the function's declared timeout, as Lambda reports it. */
export class InvocationTimeoutError extends Error {
  override readonly name = 'InvocationTimeoutError';
  constructor(functionName: string, seconds: number) {
    super(`${functionName}: Task timed out after ${seconds.toFixed(2)} seconds`);
  }
}

/** The declared handler export of an imported function module. */
export function handlerOf(module: Record<string, unknown>, entry: string, exportName: string): Handler {
  const handler = module[exportName];
  if (typeof handler !== 'function')
    throw new Error(`${entry} does not export a function named "${exportName}"`);
  return handler as Handler;
}

/**
 * Loads every declared function and returns an invoker per function name. Functions named in
 * `threads` run in worker threads of their own (see {@link FunctionThread}); the others are imported
 * into this process, where start-up is fast and stack traces and debuggers work as in any Node
 * program. Either way handlers share `process.env` (identical for all, as the stack configures them).
 */
export async function loadFunctions(
  topology: RuntimeTopology,
  rootDir: string,
  threads: ReadonlySet<string> = new Set(),
): Promise<LoadedFunctions> {
  const invokers = new Map<string, Invoke>();
  const started: FunctionThread[] = [];
  const load = async (fn: RuntimeTopology['functions'][number]): Promise<void> => {
    const entryPath = resolve(rootDir, fn.entry);
    const exportName = fn.handler ?? 'handler';
    const memoryMb = fn.memoryMb ?? 256;
    const timeoutSeconds = fn.timeoutSeconds ?? 10;
    if (threads.has(fn.name)) {
      const thread = new FunctionThread({ name: fn.name, entry: fn.entry, entryPath, exportName, memoryMb });
      started.push(thread);
      await thread.start();
      invokers.set(fn.name, (event) =>
        withTimeout((deadline) => thread.invoke(event, deadline), fn.name, timeoutSeconds),
      );
      return;
    }
    const handler = handlerOf(await import(pathToFileURL(entryPath).href), fn.entry, exportName);
    invokers.set(fn.name, (event) =>
      withTimeout(
        async (deadline) => handler(event, lambdaContext(fn.name, memoryMb, deadline)),
        fn.name,
        timeoutSeconds,
      ),
    );
  };
  const stop = async () => {
    await Promise.all(started.map((thread) => thread.stop()));
  };
  try {
    await Promise.all(topology.functions.map(load));
  } catch (error) {
    await stop();
    throw error;
  }
  return { invokers, stop };
}

async function withTimeout(
  run: (deadline: number) => Promise<unknown>,
  name: string,
  timeoutSeconds: number,
): Promise<unknown> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeoutError(name, timeoutSeconds)), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => run(deadline)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
