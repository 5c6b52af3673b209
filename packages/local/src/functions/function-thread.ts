import { SHARE_ENV, Worker } from 'node:worker_threads';
import { writeLine } from '../../../../lambdas/adapters/telemetry-core.js';

/** What a function's worker thread is started with. */
export interface FunctionThreadData {
  readonly name: string;
  /** As declared, for error messages. */
  readonly entry: string;
  readonly entryPath: string;
  readonly exportName: string;
  readonly memoryMb: number;
}

export interface ToThread {
  readonly id: number;
  readonly event: unknown;
  readonly deadline: number;
}

export type FromThread =
  | { readonly type: 'ready' }
  | { readonly type: 'telemetry'; readonly line: string; readonly level: Parameters<typeof writeLine>[1] }
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly error: {
        readonly name: string;
        readonly message: string;
        readonly stack?: string | undefined;
      };
    };

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

const workerEntry = new URL('./function-worker.mjs', import.meta.url);

/**
 * One function in its own worker thread, as a Lambda execution environment has its own process: its
 * own module instances and event loop, and a core of its own when the machine has one to spare.
 * `process.env` is shared with the runtime, which sets the handler environment once for all.
 * Invocations interleave on the thread's event loop as in-process ones do. A thread that dies
 * fails its pending invocations and is started again on the next one, as Lambda replaces a crashed
 * environment.
 */
export class FunctionThread {
  private worker: Worker | undefined;
  private started: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped = false;

  constructor(private readonly data: FunctionThreadData) {}

  /** Starts the thread and imports the handler; rejects with the import's error. */
  start(): Promise<Worker> {
    this.started ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(workerEntry, { workerData: this.data, env: SHARE_ENV, execArgv: [] });
      worker.on('message', (message: FromThread) => {
        if (message.type === 'telemetry') {
          writeLine(message.line, message.level);
          return;
        }
        if (message.type === 'ready') {
          this.worker = worker;
          resolve(worker);
          return;
        }
        this.settle(message);
      });
      worker.once('error', (error) => {
        reject(error);
        this.failAll(error);
      });
      worker.once('exit', (code) => {
        this.started = undefined;
        this.worker = undefined;
        const error = new Error(`${this.data.name}: execution environment exited (code ${code})`);
        reject(error);
        this.failAll(error);
      });
    });
    return this.started;
  }

  async invoke(event: unknown, deadline: number): Promise<unknown> {
    if (this.stopped) throw new Error(`${this.data.name}: the runtime is stopping`);
    const worker = this.worker ?? (await this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, event, deadline } satisfies ToThread);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.started = undefined;
    this.worker = undefined;
    await worker?.terminate();
  }

  private settle(message: Exclude<FromThread, { type: 'ready' | 'telemetry' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'result') {
      pending.resolve(message.result);
      return;
    }
    pending.reject(Object.assign(new Error(message.error.message), message.error));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
