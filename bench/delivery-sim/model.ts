/**
 * A discrete-event model of delivering one flag change to the N server-SDK connections of one
 * environment on AWS, as `lambdas/services/fanout-service.ts` does it: a fan-out invocation reads
 * the environment's slices, posts to up to `inlineMaxConnections` itself and hands the rest of each
 * slice to a worker (an asynchronous Invoke); every invocation keeps `postsInFlight` posts in flight
 * on a CPU of `memory / 1,769 MB` vCPU (signing costs `cpuPerPostMs` per post), and every post takes
 * a token from the account's `@connections` throttle (a token bucket: `callbackRps`, burst
 * `callbackBurst`) — the adaptive retry mode paces a client to the throttle, modelled here as
 * waiting for a token rather than as 429s and retries. A connection has applied the change when the
 * first of its posts has crossed API Gateway, reached the SDK and been applied.
 *
 * Paths: `stream` (DynamoDB Streams → fan-out only), `invoke` (the write path's asynchronous Invoke
 * of the fan-out, and the stream as well: its posts are duplicates that share the throttle), `sqs`
 * (the same with an SQS queue as the hand-off).
 */

import { type Percentiles, type Random, sampler } from './distribution.js';
import { EventQueue } from './event-queue.js';

export type DelayName =
  | 'streamToLambda'
  | 'asyncInvoke'
  | 'sqsToLambda'
  | 'handoffCall'
  | 'coldStart'
  | 'query'
  | 'claimWrite'
  | 'postRoundTrip'
  | 'gatewayToClient'
  | 'sdkApply';

export interface SimInputs {
  readonly delays: Readonly<Record<DelayName, Percentiles>>;
  readonly callbackRps: number;
  readonly callbackBurst: number;
  readonly cpuPerPostMs: number;
  readonly mbPerVcpu: number;
  readonly fanoutMemoryMb: number;
  readonly postsInFlight: number;
  readonly slices: number;
  readonly inlineMaxConnections: number;
  readonly workerPageSize: number;
  readonly fanoutColdProbability: number;
  readonly workerColdProbability: number;
  /** The stream's fan-out skips a slice the fast path has finished (a delivered marker per slice). */
  readonly skipDelivered?: boolean;
  /**
   * The stream's fan-out skips a slice the fast path has marked as being posted to in full (it waits
   * for the mark to settle, and the fast path never fails here): `PostedMarks`, as deployed.
   */
  readonly skipPosting?: boolean;
  /**
   * With `skipPosting`: the write path also marks each change as handed over, beside its `Invoke`s
   * (`markedHandoff`), so the stream's fan-out waits for a slice the fast path will post in full
   * even before that slice's `posting` mark has landed. @default false
   */
  readonly handoffMarked?: boolean;
  /**
   * How long the stream's fan-out waits for a slice the fast path is still posting to before it
   * posts to the slice itself (`postedWaitMs`). @default 1000
   */
  readonly postedWaitMs?: number;
  /**
   * Above about this many connections (a slice over its share of it) the fast path posts only its
   * inline share and starts no workers: the stream delivers the rest (`deliverCommitted`).
   */
  readonly fastPathMaxConnections: number;
  /**
   * The fast path as `fastPathInvocations` fan-out invocations started by the write path at once,
   * each owning every `fastPathInvocations`-th slice and posting all of a slice up to its share of
   * `fastPathMaxConnections` itself (no workers; a bigger slice gets its inline share). Absent: one
   * invocation that hands the rest of a slice above its inline share to a worker.
   */
  readonly fastPathInvocations?: number;
  /** Fan-out execution environments kept initialised (provisioned concurrency): the fast path's first ones never start cold. @default 0 */
  readonly fanoutProvisioned?: number;
  /**
   * Invocations per fast-path part (hedging): each replica claims the part (a conditional write,
   * `claimWrite`, made while the slices are read); the first claim wins and posts, the others stop,
   * so a part waits for the quicker of its replicas' starts and hedging costs no duplicate posts.
   * @default 1
   */
  readonly fastPathReplicas?: number;
  /**
   * Replicas without claims (a variation): each posts independently, those beyond the first only
   * to slices up to their share of this many connections, and a connection is reached by whichever
   * post comes first.
   */
  readonly unclaimedHedgeMaxConnections?: number;
}

/** One fan-out invocation's place in a change's delivery. */
interface Invocation {
  /** The fast path's (else the stream's). */
  readonly fast: boolean;
  /** It owns the slices `s % partitions === partition`. */
  readonly partition: number;
  readonly partitions: number;
  /** Its cold start is already in its start time (a provisioned or claimed one). */
  readonly started: boolean;
  /** A replica beyond the first without claims: posts only slices up to `unclaimedHedgeMaxConnections`. */
  readonly hedge: boolean;
  /** Posting waits for this too (its claim). */
  readonly gate: number;
}

const STREAM: Invocation = {
  fast: false,
  partition: 0,
  partitions: 1,
  started: false,
  hedge: false,
  gate: 0,
};

export type Path = 'stream' | 'invoke' | 'sqs';

/** Where a connection's time went, for the post that reached it first (ms). */
export const PARTS = ['trigger', 'queued', 'cpu', 'throttle', 'network'] as const;
export type Part = (typeof PARTS)[number];

export interface ChangeResult {
  /** Per connection: ms from the commit until the SDK applied the change. */
  readonly applied: Float64Array;
  readonly parts: Readonly<Record<Part, Float64Array>>;
  /** Every post sent; beyond `n`, duplicates (both paths reaching a connection). */
  readonly posts: number;
  /** When the first and last post were sent (ms after the commit). */
  readonly firstSend: number;
  readonly lastSend: number;
  /** Slices the stream's fan-out skipped thanks to a delivered marker. */
  readonly skippedSlices: number;
}

/** Connections of slice `s` when `n` are spread evenly over `slices` (FNV-1a spreads them so). */
export const sliceSize = (n: number, slices: number, s: number): number =>
  Math.floor(n / slices) + (s < n % slices ? 1 : 0);

class ChangeSim {
  readonly queue = new EventQueue();
  readonly applied: Float64Array;
  readonly parts: Record<Part, Float64Array>;
  posts = 0;
  firstSend = Number.POSITIVE_INFINITY;
  lastSend = 0;
  skippedSlices = 0;
  /** Per slice: when the fast path had posted to all of it (Infinity until then). */
  readonly fastSliceDone: Float64Array;
  /** When the fast path's `posting` mark of each slice lands (it posts to all of the slice). */
  readonly fastSlicePosting: Float64Array;
  /** When the write path's hand-off mark lands (Infinity: no fast path, or not marked). */
  handoffMarkedAt = Number.POSITIVE_INFINITY;
  private tat = Number.NEGATIVE_INFINITY;
  private readonly emissionMs: number;
  private readonly toleranceMs: number;
  private readonly sample: Record<DelayName, () => number>;

  constructor(
    readonly inputs: SimInputs,
    readonly n: number,
    readonly random: Random,
  ) {
    this.applied = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.parts = Object.fromEntries(PARTS.map((part) => [part, new Float64Array(n)])) as Record<
      Part,
      Float64Array
    >;
    this.fastSliceDone = new Float64Array(inputs.slices).fill(Number.POSITIVE_INFINITY);
    this.fastSlicePosting = new Float64Array(inputs.slices).fill(Number.POSITIVE_INFINITY);
    this.emissionMs = 1000 / inputs.callbackRps;
    // A full bucket lets `callbackBurst` posts go at once: the first, and `burst − 1` within the tolerance.
    this.toleranceMs = (inputs.callbackBurst - 1) * this.emissionMs;
    this.sample = Object.fromEntries(
      Object.entries(inputs.delays).map(([name, p]) => {
        const inverse = sampler(p);
        return [name, () => inverse(random())];
      }),
    ) as Record<DelayName, () => number>;
  }

  delay(name: DelayName): number {
    return this.sample[name]();
  }

  /** The account throttle (GCRA form of the token bucket): when a post wanting to go at `at` may go. */
  reserve(at: number): number {
    const send = Math.max(at, this.tat - this.toleranceMs);
    this.tat = Math.max(this.tat, send) + this.emissionMs;
    return send;
  }

  record(connection: number, applied: number, parts: Record<Part, number>): void {
    this.posts += 1;
    if (applied >= (this.applied[connection] as number)) return;
    this.applied[connection] = applied;
    for (const part of PARTS) (this.parts[part] as Float64Array)[connection] = parts[part];
  }

  /** A fan-out invocation's cold start (0 when a warm or provisioned environment serves it). */
  coldStart(warm: boolean): number {
    return !warm && this.random() < this.inputs.fanoutColdProbability ? this.delay('coldStart') : 0;
  }

  /** One fan-out invocation triggered at `at` (the stream's or the fast path's). */
  deliver(at: number, invocation: Invocation, warm = false): void {
    const { inputs } = this;
    const { fast, partition, partitions, hedge, gate } = invocation;
    const start = at + (invocation.started ? 0 : this.coldStart(warm));
    const fanout = new Poster(this);
    const perSlice = Math.ceil(inputs.inlineMaxConnections / inputs.slices);
    const fastShare = Math.max(perSlice, Math.ceil(inputs.fastPathMaxConnections / inputs.slices));
    let offset = 0;
    for (let s = 0; s < inputs.slices; s++) {
      const size = sliceSize(this.n, inputs.slices, s);
      const first = offset;
      offset += size;
      if (s % partitions !== partition) continue;
      const read = Math.max(start + this.delay('query'), gate);
      const slice = new SliceProgress(this, s, size, fast);
      const deliverSlice = () => {
        if (hedge && size > Math.ceil((inputs.unclaimedHedgeMaxConnections ?? 0) / inputs.slices)) return;
        const postsAll = fast && inputs.fastPathInvocations !== undefined && size <= fastShare;
        const inline = postsAll ? size : Math.min(size, perSlice);
        // The mark is one write after the slice is read; a replica that lost its claim marks nothing.
        if (postsAll && !hedge) {
          const marked = this.queue.now + this.delay('query');
          if (marked < (this.fastSlicePosting[s] as number)) this.fastSlicePosting[s] = marked;
        }
        fanout.enqueue(first, inline, slice);
        const workers = !(fast && (size > fastShare || inputs.fastPathInvocations !== undefined));
        if (size > inline && workers) {
          this.worker(this.queue.now, first + inline, size - inline, slice);
        }
      };
      this.queue.schedule(read, () => {
        if (fast) return deliverSlice();
        const done = () => (this.fastSliceDone[s] as number) <= this.queue.now;
        if (inputs.skipDelivered && done()) return this.skip();
        const marked =
          (this.fastSlicePosting[s] as number) <= this.queue.now ||
          (this.handoffMarkedAt <= this.queue.now && size <= fastShare);
        if (!inputs.skipPosting || !marked) return deliverSlice();
        if (done()) return this.skip();
        // The fast path is posting there: the stream waits for it to finish, then posts itself.
        this.queue.schedule(this.queue.now + (inputs.postedWaitMs ?? 1000), () =>
          done() ? this.skip() : deliverSlice(),
        );
      });
    }
  }

  /** The stream's fan-out leaves a slice to what the fast path posted there. */
  private skip(): void {
    this.skippedSlices += 1;
  }

  /** A worker for the rest of a slice: an asynchronous Invoke, maybe a cold start, then pages. */
  private worker(at: number, first: number, count: number, slice: SliceProgress) {
    const cold = this.random() < this.inputs.workerColdProbability ? this.delay('coldStart') : 0;
    const start = at + this.delay('handoffCall') + this.delay('asyncInvoke') + cold;
    const poster = new Poster(this);
    let ready = start;
    for (let page = 0; page * this.inputs.workerPageSize < count; page++) {
      // The next page is read while this one is posted: pages arrive one Query apart.
      ready += this.delay('query');
      const from = page * this.inputs.workerPageSize;
      const size = Math.min(this.inputs.workerPageSize, count - from);
      this.queue.schedule(ready, () => poster.enqueue(first + from, size, slice));
    }
  }
}

/** Counts a slice's posts down, to know when the fast path has delivered all of it. */
class SliceProgress {
  private left: number;
  constructor(
    private readonly sim: ChangeSim,
    private readonly slice: number,
    size: number,
    private readonly fast: boolean,
  ) {
    this.left = size;
  }
  done(at: number): void {
    this.left -= 1;
    if (this.left === 0 && this.fast) this.sim.fastSliceDone[this.slice] = at;
  }
}

/** One invocation's posting: `postsInFlight` at once, signing serialised on its vCPU share. */
class Poster {
  private readonly connections: number[] = [];
  private readonly readyAt: number[] = [];
  private readonly slices: SliceProgress[] = [];
  private head = 0;
  private inFlight = 0;
  private cpuFreeAt = 0;
  private readonly cpuMs: number;

  constructor(private readonly sim: ChangeSim) {
    const { inputs } = sim;
    this.cpuMs = inputs.cpuPerPostMs / Math.min(1, inputs.fanoutMemoryMb / inputs.mbPerVcpu);
  }

  enqueue(first: number, count: number, slice: SliceProgress): void {
    const now = this.sim.queue.now;
    for (let i = 0; i < count; i++) {
      this.connections.push(first + i);
      this.readyAt.push(now);
      this.slices.push(slice);
    }
    this.pump();
  }

  private pump(): void {
    const { sim } = this;
    const { queue } = sim;
    while (this.inFlight < sim.inputs.postsInFlight && this.head < this.connections.length) {
      const i = this.head++;
      const connection = this.connections[i] as number;
      const ready = this.readyAt[i] as number;
      const slice = this.slices[i] as SliceProgress;
      this.inFlight += 1;
      const cpuStart = Math.max(queue.now, this.cpuFreeAt);
      const cpuEnd = cpuStart + this.cpuMs;
      this.cpuFreeAt = cpuEnd;
      const slotAt = queue.now;
      queue.schedule(cpuEnd, () => {
        const send = sim.reserve(cpuEnd);
        const roundTrip = sim.delay('postRoundTrip');
        const network = roundTrip / 2 + sim.delay('gatewayToClient') + sim.delay('sdkApply');
        sim.firstSend = Math.min(sim.firstSend, send);
        sim.lastSend = Math.max(sim.lastSend, send);
        sim.record(connection, send + network, {
          trigger: ready,
          queued: slotAt - ready,
          cpu: cpuEnd - slotAt,
          throttle: send - cpuEnd,
          network,
        });
        queue.schedule(send + roundTrip, () => {
          this.inFlight -= 1;
          slice.done(queue.now);
          this.pump();
        });
      });
    }
  }
}

/**
 * Simulates one change to `n` connections on `path`; `random` decides every delay.
 *
 * @example
 * const result = simulateChange(inputs, 1_000, 'invoke', seededRandom(1));
 * percentile([...result.applied].sort((a, b) => a - b), 0.99);
 */
export function simulateChange(inputs: SimInputs, n: number, path: Path, random: Random): ChangeResult {
  const sim = new ChangeSim(inputs, n, random);
  // The stream delivers every change, on every path: it is the safety net of the fast ones.
  const partitions = path === 'stream' ? 0 : (inputs.fastPathInvocations ?? 1);
  const provisioned = inputs.fanoutProvisioned ?? 0;
  // The fast path's invocations take the provisioned environments first; the stream's comes later.
  const replicas = path === 'stream' ? 0 : (inputs.fastPathReplicas ?? 1);
  // The write path's mark is one write, sent beside the `Invoke`s.
  if (inputs.handoffMarked && partitions > 0) sim.handoffMarkedAt = sim.delay('query');
  sim.deliver(sim.delay('streamToLambda'), STREAM, provisioned > partitions * replicas);
  for (let partition = 0; partition < partitions; partition++) {
    const part = { fast: true, partition, partitions, hedge: false, gate: 0 };
    const starts = Array.from({ length: replicas }, (_, replica) => {
      const queued = path === 'invoke' ? sim.delay('asyncInvoke') : sim.delay('sqsToLambda');
      const warm = replica * partitions + partition < provisioned;
      return sim.delay('handoffCall') + queued + sim.coldStart(warm);
    });
    if (inputs.unclaimedHedgeMaxConnections === undefined && replicas > 1) {
      // The first claim to land wins; the others find it taken and post nothing.
      const claimed = starts.map((start) => start + sim.delay('claimWrite'));
      const winner = claimed.indexOf(Math.min(...claimed));
      sim.deliver(starts[winner] as number, { ...part, started: true, gate: claimed[winner] as number });
      continue;
    }
    for (const [replica, start] of starts.entries())
      sim.deliver(start, { ...part, started: true, hedge: replica > 0 });
  }
  sim.queue.run();
  return {
    applied: sim.applied,
    parts: sim.parts,
    posts: sim.posts,
    firstSend: sim.firstSend,
    lastSend: sim.lastSend,
    skippedSlices: sim.skippedSlices,
  };
}
