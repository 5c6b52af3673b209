import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { setTelemetrySink } from '../../../../lambdas/adapters/telemetry-core.js';
import type { FromThread, FunctionThreadData, ToThread } from './function-thread.js';
import { lambdaContext } from './lambda-context.js';
import { handlerOf } from './load-functions.js';

/** The inside of a function's worker thread: imports the handler once, then runs invocations as they come. */
const data = workerData as FunctionThreadData;
const port = parentPort;
if (!port) throw new Error('function-host runs only in a worker thread');
const reply = (message: FromThread) => port.postMessage(message);

// The handlers' records join the runtime's output, as in-process handlers' do.
setTelemetrySink((line, level) => reply({ type: 'telemetry', line, level }));
const handler = handlerOf(await import(pathToFileURL(data.entryPath).href), data.entry, data.exportName);
const run = async ({ id, event, deadline }: ToThread) => {
  try {
    const result = await handler(event, lambdaContext(data.name, data.memoryMb, deadline));
    reply({ type: 'result', id, result });
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    reply({ type: 'error', id, error: { name: error.name, message: error.message, stack: error.stack } });
  }
};
// Invocations that arrive together start one per turn of the event loop, with its I/O in between:
// started back to back, the first one's reads would wait for every other one's start.
const queued: ToThread[] = [];
const startNext = () => {
  const next = queued.shift();
  if (next) void run(next);
  if (queued.length > 0) setImmediate(startNext);
};
port.on('message', (message: ToThread) => {
  queued.push(message);
  if (queued.length === 1) setImmediate(startNext);
});
reply({ type: 'ready' });
