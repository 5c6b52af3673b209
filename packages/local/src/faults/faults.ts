import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Invoke } from '../functions/load-functions.js';
import { awsErrorResponse, type GatewayResponse } from '../http/http-result.js';

/** `@connections` answering an error instead of doing its work, as API Gateway does under load. */
export interface ConnectionsFault {
  /** 429 (`LimitExceededException`, the account's callback throttle) or a 5xx. */
  readonly status: 429 | 500 | 502 | 503;
  /** Answer this many requests with the error, then work again. */
  readonly requests?: number;
  /** Answer with the error for this long (from now), then work again. */
  readonly durationMs?: number;
}

/** An outgoing HTTP request of a handler, as a crash's trigger sees it. */
export interface OutgoingRequest {
  readonly method: string;
  readonly path: string;
  /** `x-amz-target` (the DynamoDB or Kinesis operation), when the request has one. */
  readonly target: string | undefined;
}

/** Request matchers for {@link CrashFault.matching}. */
export const requests = {
  /** `PostToConnection`: one message to one WebSocket. */
  postToConnection: (request: OutgoingRequest) =>
    request.method === 'POST' && request.path.includes('/@connections/'),
  /** A DynamoDB write that changes an item (`PutItem`, `UpdateItem`, `DeleteItem`, batches, transactions). */
  dynamoDbWrite: (request: OutgoingRequest) =>
    /^DynamoDB_\d+\.(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)$/.test(
      request.target ?? '',
    ),
} as const;

/**
 * A function invocation dying part-way: the `afterRequests`-th request matching `matching` that the
 * invocation makes completes (the server applied it), then the invocation fails with
 * {@link InjectedCrashError} and every later request it attempts fails without being sent, as if
 * the process had gone. Requests already in flight at that moment may or may not land, as in a
 * real crash. Lambda's own retry rules then apply (stream mappings, asynchronous `Invoke`).
 */
export interface CrashFault {
  /** Logical function name from the topology, e.g. `fanout-worker` or `aggregator`. */
  readonly function: string;
  /** @default 1 */
  readonly afterRequests?: number;
  /** @default every request */
  readonly matching?: (request: OutgoingRequest) => boolean;
  /** How many invocations crash this way. @default 1 */
  readonly invocations?: number;
}

/** The error a crashed invocation fails with. */
export class InjectedCrashError extends Error {
  override readonly name = 'InjectedCrashError';
  constructor(functionName: string) {
    super(`${functionName}: invocation crashed (injected fault)`);
  }
}

interface ArmedCrash {
  readonly fault: CrashFault;
  remaining: number;
}

/** What an invocation running under an armed crash knows about itself. */
interface Invocation {
  readonly crash: ArmedCrash;
  matched: number;
  crashed: boolean;
  die: (error: Error) => void;
}

type AddRequest = (this: Agent, request: ClientRequest, ...options: unknown[]) => void;

const CONNECTIONS_PATH = /^(?:\/[^/@]+)?\/@connections\//;

/**
 * The local runtime's fault injection (`runtime.faults`): `@connections` errors and crashing
 * invocations. Engine restarts are on the same object, added by the runtime. Nothing here runs
 * until a fault is set, and handlers need no knowledge of it: crashes are observed at the
 * invoker (which runs the handler) and at Node's HTTP agent (which every request of the handler's
 * AWS SDK clients goes through).
 *
 * @example
 * runtime.faults.failConnections({ status: 429, durationMs: 2_000 });
 * runtime.faults.crash({ function: 'aggregator', matching: requests.dynamoDbWrite });
 */
export class FaultInjector {
  #connections: { fault: ConnectionsFault; left: number; until: number } | undefined;
  readonly #crashes: ArmedCrash[] = [];
  readonly #invocations = new AsyncLocalStorage<Invocation>();
  readonly #threaded = new Set<string>();
  #listening = false;
  /** Errors answered by `@connections` since the injector was created. */
  connectionErrors = 0;
  /** Invocations crashed since the injector was created. */
  crashes = 0;

  /** Makes `@connections` answer `status` for the given number of requests and/or duration. */
  failConnections(fault: ConnectionsFault): void {
    if (fault.requests === undefined && fault.durationMs === undefined) {
      throw new RangeError('A connections fault needs `requests`, `durationMs` or both');
    }
    this.#connections = {
      fault,
      left: fault.requests ?? Number.POSITIVE_INFINITY,
      until: fault.durationMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + fault.durationMs,
    };
  }

  /** Arms a crash of the next `fault.invocations` invocations of `fault.function`. */
  crash(fault: CrashFault): void {
    if (this.#threaded.has(fault.function)) {
      throw new Error(
        `${fault.function} runs in a worker thread, whose requests crashes cannot watch: start the runtime with functionThreads: []`,
      );
    }
    this.#listen();
    this.#crashes.push({ fault, remaining: fault.invocations ?? 1 });
  }

  /** Lifts every `@connections` fault and disarms every crash not yet triggered. */
  clear(): void {
    this.#connections = undefined;
    this.#crashes.length = 0;
  }

  /**
   * A side API for the HTTP port, placed before the real `@connections` API: while a connections
   * fault is on, it answers `@connections` requests with the error; otherwise it passes.
   */
  readonly connectionsApi = async (request: IncomingMessage): Promise<GatewayResponse | undefined> => {
    const active = this.#connections;
    if (!active || !CONNECTIONS_PATH.test(request.url ?? '')) return undefined;
    if (active.left <= 0 || Date.now() >= active.until) {
      this.#connections = undefined;
      return undefined;
    }
    active.left--;
    this.connectionErrors++;
    return active.fault.status === 429
      ? awsErrorResponse(429, 'LimitExceededException', { message: 'Rate exceeded' })
      : awsErrorResponse(active.fault.status, 'InternalServerErrorException', {
          message: 'Internal server error',
        });
  };

  /** Marks a function that runs in a worker thread: crashes are refused for it. */
  runsInThread(name: string): void {
    this.#threaded.add(name);
  }

  /** Wraps a function's invoker so that armed crashes apply to its invocations. */
  wrap(name: string, invoke: Invoke): Invoke {
    return (event) => {
      const crash = this.#crashes.find((armed) => armed.fault.function === name && armed.remaining > 0);
      if (!crash) return invoke(event);
      return new Promise((resolve, reject) => {
        const invocation: Invocation = { crash, matched: 0, crashed: false, die: reject };
        this.#invocations.run(invocation, () => invoke(event)).then(resolve, reject);
      });
    };
  }

  /**
   * Watches requests where Node's HTTP client hands them to their agent: `Agent#addRequest`, called
   * synchronously by `http.request` (so in the invocation's async context) before anything is
   * written, which is what lets a crashed invocation's later requests fail unsent. The AWS SDK's
   * Node handler always sends through an agent.
   */
  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    const invocations = this.#invocations;
    const seen = (invocation: Invocation, request: ClientRequest) => this.#seen(invocation, request);
    // Not in Node's typings, but the hook proxy agents (`agent-base`) have long overridden.
    const prototype = Agent.prototype as unknown as { addRequest: AddRequest };
    const addRequest = prototype.addRequest;
    prototype.addRequest = function (this: Agent, request, ...rest) {
      const invocation = invocations.getStore();
      if (invocation) seen(invocation, request);
      addRequest.call(this, request, ...rest);
    };
  }

  /** Counts the request, arms the crash on the one that triggers it, stops those that come after. */
  #seen(invocation: Invocation, request: ClientRequest): void {
    // Checked once the request has its socket, which is before it writes anything: a crashed
    // invocation's process is gone, so nothing it tries afterwards leaves it.
    request.once('socket', () => {
      if (invocation.crashed) request.destroy(new InjectedCrashError(invocation.crash.fault.function));
    });
    if (invocation.crashed) return;
    const { fault } = invocation.crash;
    const target = request.getHeader('x-amz-target');
    const outgoing: OutgoingRequest = {
      method: request.method,
      path: request.path,
      target: typeof target === 'string' ? target : undefined,
    };
    if (fault.matching && !fault.matching(outgoing)) return;
    invocation.matched++;
    if (invocation.matched === (fault.afterRequests ?? 1)) {
      request.once('response', (response: IncomingMessage) =>
        response.once('end', () => this.#kill(invocation)),
      );
    }
  }

  #kill(invocation: Invocation): void {
    if (invocation.crashed || invocation.crash.remaining <= 0) return;
    invocation.crash.remaining--;
    invocation.crashed = true;
    this.crashes++;
    invocation.die(new InjectedCrashError(invocation.crash.fault.function));
  }
}
