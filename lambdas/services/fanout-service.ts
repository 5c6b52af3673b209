import pLimit, { type LimitFunction } from 'p-limit';
import {
  ClientDelta,
  changesOfBatch,
  clientBatch,
  type DeltaMode,
  type EnvironmentItems,
  heldAfter,
  valuesFrames,
} from '../domain/client-delivery.js';
import type { FastPathPart } from '../domain/committed-changes.js';
import { allSlices, CONNECTION_SLICES } from '../domain/connection-slices.js';
import {
  byteLength,
  type EnvironmentChanges,
  encodeMessages,
  groupByEnvironment,
  type ItemChange,
  REFETCH,
} from '../domain/delivery.js';
import type { SliceVerdict } from '../domain/posted-marks.js';
import {
  type DeliveredChange,
  type FrameReceipt,
  frameReceipt,
  type ReceiptSettings,
  receiptChanges,
} from '../domain/receipts.js';
import type {
  Broadcaster,
  ConnectionStore,
  PostedMarks,
  SliceConnection,
  SlicePage,
  SliceTask,
  WorkerDispatcher,
} from './delivery-ports.js';
import { AccessCache, type AccessSource } from './environment-access.js';
import type { EnvironmentLocator } from './ports.js';
import { PartMarking, watchPosted } from './posted-marking.js';
import {
  RECEIPT_SETTINGS_TTL_MS,
  type ReceiptRecorder,
  type ReceiptSettingsSource,
} from './receipt-ports.js';
import { settleAll } from './settle-all.js';
import { TtlCache } from './ttl-cache.js';

export interface DeliveryOptions {
  /** Slices per environment (the connections table layout). @default CONNECTION_SLICES */
  readonly slices?: number;
  /**
   * Posts in flight per invocation. 256 posts of 20–40 ms keep one vCPU signing (~0.15 ms a post,
   * `npm run bench:post`: 6,400–6,700 posts/s either way). @default 256
   */
  readonly concurrency?: number;
  /**
   * A connection answering 410 is deleted only if it registered longer ago than this: a connection
   * still inside its `$connect` is registered but not yet known to the gateway. @default 10000
   */
  readonly goneGraceMs?: number;
  /** Connections read per Query by workers. @default 1000 */
  readonly pageSize?: number;
  readonly now?: () => number;
  /**
   * Margin before a batch's first record time within which a stored identity may have been answered
   * from a state that already held part of the batch: one whose answer is not recorded yet is sent
   * every affected flag. Covers clock skew; record times are rounded down (to the minute on
   * DynamoDB Local), which only widens the window. @default 1000
   */
  readonly identifyMarginMs?: number;
}

/** Reads an environment's current items (strongly consistent), for client delivery. */
export type EnvironmentReader = (locator: EnvironmentLocator) => Promise<EnvironmentItems>;

/** How the client connections of one delivery are re-evaluated. */
export interface ClientPush {
  /** The batch's effect on client-side flags, built on first use (it reads the environment). */
  readonly delta: () => Promise<ClientDelta>;
  /** Identities stored at or after this (epoch ms) are sent every affected flag. */
  readonly uncertainSince?: number | undefined;
  /** False: every identity is sent every affected flag. */
  readonly complete: boolean;
  /** Receipt fields for the `values` frames (the environment opted in to delivery receipts). */
  readonly receipt?: FrameReceipt | undefined;
}

/** Delivery receipts' part in fan-out: which environments opted in, and where counts go. */
export interface ReceiptHooks {
  readonly settings: ReceiptSettingsSource;
  readonly recorder: ReceiptRecorder;
  /** Told about a receipt write that failed (receipts are best effort). @default console.warn */
  readonly warn?: (message: string, detail: Record<string, unknown>) => void;
}

const warnOf = (hooks: ReceiptHooks) =>
  hooks.warn ?? ((message: string, detail: Record<string, unknown>) => console.warn(message, detail));

/**
 * Connections a part of a delivery reached: every server connection posted to gets every change;
 * a browser only the flags its `values` message held.
 */
export interface Reached {
  all: number;
  readonly flags: Map<string, number>;
}

const addReached = (into: Reached, from: Reached): void => {
  into.all += from.all;
  for (const [flag, n] of from.flags) into.flags.set(flag, (into.flags.get(flag) ?? 0) + n);
};

/** The receipt fields of a worker's `values` frames, from its server frames' (one rate, the newest commit). */
function clientReceipt(changes: readonly DeliveredChange[]): FrameReceipt | undefined {
  const first = changes[0];
  if (!first) return undefined;
  const times = changes.flatMap((c) => (c.committedAt === undefined ? [] : [c.committedAt]));
  return { ack: first.sampleRate, ...(times.length > 0 ? { at: Math.max(...times) } : {}) };
}

/** Appends receipt fields to a JSON object frame. */
const withReceipt = (frame: string, receipt: FrameReceipt | undefined): string =>
  receipt === undefined ? frame : `${frame.slice(0, -1)},${JSON.stringify(receipt).slice(1)}`;

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let held: Promise<T> | undefined;
  return () => {
    held ??= load();
    return held;
  };
};

/** What one delivery did, for logs and tests. */
export interface DeliveryCounts {
  sent: number;
  gone: number;
  removed: number;
  failed: number;
  /** Client connections left alone: no identity yet, or nothing changed for their context. */
  unchanged: number;
  /** Connections left alone because their credential no longer admits them (the revoker closes them). */
  revoked: number;
  /** Server connections the stream's fan-out left alone: the fast path had posted them every change. */
  skipped: number;
}

/** What one call of {@link SliceDelivery.post} did, and the connections whose posts failed. */
export interface Posted {
  readonly counts: DeliveryCounts;
  readonly reached: Reached;
  readonly failed: readonly { readonly slice: number; readonly connectionId: string }[];
}

const emptyCounts = (): DeliveryCounts => ({
  sent: 0,
  gone: 0,
  removed: 0,
  failed: 0,
  unchanged: 0,
  revoked: 0,
  skipped: 0,
});

const addCounts = (into: DeliveryCounts, from: DeliveryCounts): DeliveryCounts => {
  into.sent += from.sent;
  into.gone += from.gone;
  into.removed += from.removed;
  into.failed += from.failed;
  into.unchanged += from.unchanged;
  into.revoked += from.revoked;
  into.skipped += from.skipped;
  return into;
};

/**
 * Posts frames to connections: every frame to a connection in order (so a connection sees one
 * environment's changes in stream order), many connections at once, and a connection that answers
 * 410 is deleted from the table. Server connections get the protocol v1 frames; a client connection
 * gets a `values` message with the flags whose result changed for its stored context, or nothing.
 */
export class SliceDelivery {
  readonly slices: number;
  readonly pageSize: number;
  readonly concurrency: number;
  readonly identifyMarginMs: number;
  readonly now: () => number;
  private readonly goneGraceMs: number;
  private readonly access: AccessCache | undefined;
  private readonly receiptSettings: TtlCache<ReceiptSettings | false> | undefined;

  constructor(
    private readonly store: ConnectionStore,
    private readonly broadcaster: Broadcaster,
    options: DeliveryOptions = {},
    private readonly environment: EnvironmentReader = async () => {
      throw new Error('No environment reader: client connections cannot be re-evaluated');
    },
    /** The credentials that admit connections now; without it every registered connection is posted to. */
    access?: AccessSource,
    /** Delivery receipts; without them no frame asks for an ack. */
    private readonly receipts?: ReceiptHooks,
  ) {
    this.access = access && new AccessCache(access, options.now ?? Date.now);
    this.slices = options.slices ?? CONNECTION_SLICES;
    this.concurrency = options.concurrency ?? 256;
    this.goneGraceMs = options.goneGraceMs ?? 10_000;
    this.pageSize = options.pageSize ?? 1000;
    this.identifyMarginMs = options.identifyMarginMs ?? 1_000;
    this.now = options.now ?? Date.now;
    this.receiptSettings =
      receipts &&
      new TtlCache<ReceiptSettings | false>({ now: () => new Date(this.now()) }, RECEIPT_SETTINGS_TTL_MS);
  }

  /**
   * The receipt fields for an environment's changes (flags only: receipts are kept per flag). A
   * failed read asks for no acks: receipts never hold up a delivery.
   */
  async receiptFor(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
  ): Promise<(change: ItemChange) => FrameReceipt | undefined> {
    const { receipts, receiptSettings } = this;
    if (!receipts || !receiptSettings) return () => undefined;
    const settings = await receiptSettings
      .getOrLoad(
        `${locator.project}\u0000${locator.env}`,
        async () => (await receipts.settings(locator)) ?? false,
      )
      .catch(() => undefined);
    if (!settings) return () => undefined;
    // A deletion's stream record carries whole seconds only (a minute on DynamoDB Local), which would
    // overstate latency by up to that much: such a change uses the time the fast path recorded, or
    // asks for acks without latency.
    const untimed = changes.filter((change) => change.kind === 'flag' && change.committedAt === undefined);
    const recorded =
      untimed.length > 0
        ? await receipts.recorder.committedTimes(locator, untimed).catch(() => new Map<string, number>())
        : new Map<string, number>();
    return (change) =>
      change.kind === 'flag'
        ? frameReceipt(settings, change.committedAt ?? recorded.get(`${change.key}#${change.version}`))
        : undefined;
  }

  /** Records the exact commit times of the changes with receipt fields among `frames`. Best effort. */
  async recordCommitted(locator: EnvironmentLocator, frames: readonly string[]): Promise<void> {
    const changes = this.receipts ? receiptChanges(frames) : [];
    if (changes.length === 0 || !this.receipts) return;
    const receipts = this.receipts;
    await receipts.recorder.recordCommitted(locator, changes).catch((error: unknown) => {
      warnOf(receipts)('fanout: could not record commit times', { error: (error as Error).name });
    });
  }

  /**
   * Records how many connections one part of a delivery reached, for each change with receipt
   * fields among `frames`. Best effort: a lost count shows as fewer connected, never as a failure.
   */
  async recordReached(
    locator: EnvironmentLocator,
    part: string,
    frames: readonly string[],
    reached: Reached,
  ): Promise<void> {
    const changes = this.receipts ? receiptChanges(frames) : [];
    if (changes.length === 0 || !this.receipts) return;
    const delivered = changes.map((change) => ({
      change,
      connected: reached.all + (reached.flags.get(change.key) ?? 0),
    }));
    const receipts = this.receipts;
    await receipts.recorder.recordConnected(locator, part, delivered).catch((error: unknown) => {
      warnOf(receipts)('fanout: could not record delivery receipts', { error: (error as Error).name });
    });
  }

  /** Starts reading the environment's credentials while its slices are read (see {@link AccessCache.warm}). */
  warmAccess(locator: EnvironmentLocator): void {
    this.access?.warm(locator);
  }

  /** Client re-evaluation for a batch, reading the environment only if a client connection needs it. */
  clientPush(
    locator: EnvironmentLocator,
    changes: Parameters<typeof ClientDelta.of>[1],
    uncertainSince: number | undefined,
    receipt?: FrameReceipt,
  ): ClientPush {
    return {
      delta: this.deltaOnce(locator, () => changes),
      uncertainSince,
      complete: true,
      receipt,
    };
  }

  /**
   * The client delta, built once on first use. `stateAt` is taken before the read starts, so a
   * browser orders it after any state read earlier (see `values.stateAt` in docs/delivery.md).
   */
  private deltaOnce(
    locator: EnvironmentLocator,
    changesIn: (current: EnvironmentItems) => Parameters<typeof ClientDelta.of>[1],
  ): () => Promise<ClientDelta> {
    return once(async () => {
      const stateAt = this.now();
      const current = await this.environment(locator);
      return ClientDelta.of(current, changesIn(current), stateAt);
    });
  }

  /**
   * The frames a connection gets (empty when it gets nothing) and, for a browser whose held values
   * are recorded, what it holds once they are posted. Rejects when the delta cannot be built.
   */
  private async framesFor(
    connection: SliceConnection,
    frames: readonly string[],
    client: ClientPush | undefined,
  ): Promise<{ frames: readonly string[]; holds?: Record<string, string>; flags?: readonly string[] }> {
    if (connection.sdk === 'server') return { frames };
    const { identity } = connection;
    if (client === undefined || identity === undefined) return { frames: [] };
    const delta = await client.delta();
    let context: unknown;
    try {
      context = JSON.parse(identity.context);
    } catch {
      return { frames: [] }; // Stored by `identify` after validation: unreadable means corrupted.
    }
    // Compared with what the browser was sent (its answer, updated by every push) as well as with
    // the state before the batch. Without that record, an identity stored since the batch began
    // may have been answered from a state holding part of it: it is sent everything affected.
    const recent = client.uncertainSince !== undefined && identity.at >= client.uncertainSince;
    const mode: DeltaMode = !client.complete
      ? 'all'
      : identity.answer !== undefined
        ? { answer: identity.answer }
        : recent
          ? 'all'
          : 'changed';
    const values = delta.valuesFor(context, mode);
    return {
      frames: valuesFrames(identity.id, values, delta.stateAt).map((frame) =>
        withReceipt(frame, client.receipt),
      ),
      flags: Object.keys(values),
      ...(identity.answer === undefined ? {} : { holds: heldAfter(identity.answer, values) }),
    };
  }

  /**
   * Posts `frames` to each of `targets` (connections of the given slices), as many at once as
   * `limit` allows; calls sharing a `limit` share its posts in flight. Server connections
   * registered before `serversBefore` got the frames from the fast path: they are skipped, and
   * count as reached. Returns which connections failed, for a retry of those alone.
   */
  async post(
    locator: EnvironmentLocator,
    targets: readonly { readonly slice: number; readonly connection: SliceConnection }[],
    frames: readonly string[],
    limit: LimitFunction = pLimit(this.concurrency),
    client?: ClientPush,
    serversBefore?: number,
  ): Promise<Posted> {
    const counts = emptyCounts();
    const reached: Reached = { all: 0, flags: new Map() };
    const unreached =
      serversBefore === undefined
        ? targets
        : targets.filter(
            ({ connection }) => connection.sdk !== 'server' || connection.connectedAt >= serversBefore,
          );
    counts.skipped = targets.length - unreached.length;
    reached.all = counts.skipped;
    const failed: { slice: number; connectionId: string }[] = [];
    const fail = (slice: number, connectionId: string) => {
      counts.failed += 1;
      failed.push({ slice, connectionId });
    };
    const registeredBefore = this.now() - this.goneGraceMs;
    const records: Promise<void>[] = [];
    const postAll = async ({ slice, connection }: (typeof targets)[number]) => {
      // Browsers never receive flag JSON (rules, other contexts' keys): only their evaluated values.
      let own: Awaited<ReturnType<SliceDelivery['framesFor']>>;
      try {
        if (this.access && !(await this.access.admits(locator, connection))) {
          counts.revoked += 1;
          return;
        }
        own = await this.framesFor(connection, frames, client);
      } catch {
        fail(slice, connection.connectionId);
        return;
      }
      if (own.frames.length === 0) {
        counts.unchanged += 1;
        return;
      }
      for (const frame of own.frames) {
        let outcome: Awaited<ReturnType<Broadcaster['post']>>;
        try {
          outcome = await this.broadcaster.post(connection.connectionId, frame);
        } catch {
          // A retry sends it every frame again; SDKs ignore the versions they already hold.
          fail(slice, connection.connectionId);
          return;
        }
        if (outcome === 'gone') {
          counts.gone += 1;
          const removed = await this.store
            .removeGone(locator, slice, connection.connectionId, registeredBefore)
            .catch(() => false);
          if (removed) counts.removed += 1;
          return;
        }
      }
      counts.sent += 1;
      if (own.flags === undefined) reached.all += 1;
      else for (const flag of own.flags) reached.flags.set(flag, (reached.flags.get(flag) ?? 0) + 1);
      const { identity } = connection;
      if (own.holds && identity) {
        // Best effort: a record left behind only makes later comparisons send more, never less.
        // Written outside the post limit, so it never holds back the next browser's post.
        records.push(
          this.store
            .answered(
              { ...locator, slice, sdk: 'client', connectionId: connection.connectionId },
              identity.id,
              own.holds,
            )
            .catch(() => undefined),
        );
      }
    };
    await Promise.all(unreached.map((target) => limit(() => postAll(target))));
    await Promise.all(records);
    return { counts, reached, failed };
  }

  /**
   * Delivers a task: reads the slice page by page from `startAfter` (the next page is read while
   * this one is posted), or for a retry only the connections it lists. When `shouldStop` says so
   * between pages, returns where to continue. `failed` lists the connections whose posts failed.
   */
  async slice(
    task: SliceTask,
    shouldStop: () => boolean = () => false,
  ): Promise<{ counts: DeliveryCounts; failed: string[]; continueAfter?: string }> {
    const counts = emptyCounts();
    const reached: Reached = { all: 0, flags: new Map() };
    const failed: string[] = [];
    const postPage = async (connections: readonly SliceConnection[]) => {
      const targets = connections.map((connection) => ({ slice: task.slice, connection }));
      const posted = await this.post(task, targets, task.frames, limit, client, task.serversBefore);
      addCounts(counts, posted.counts);
      addReached(reached, posted.reached);
      failed.push(...posted.failed.map((f) => f.connectionId));
    };
    const read = (startAfter: string | undefined) =>
      this.store.listSlice(task, task.slice, { limit: this.pageSize, startAfter });
    const batch = task.client;
    const client: ClientPush | undefined = batch && {
      delta: this.deltaOnce(task, (current) => changesOfBatch(batch, current)),
      uncertainSince: batch.uncertainSince,
      complete: batch.complete,
      receipt: this.receipts && clientReceipt(receiptChanges(task.frames)),
    };
    const record = () => this.recordReached(task, slicePart(task), task.frames, reached);
    const limit = pLimit(this.concurrency);
    if (task.connections) {
      // Connections that disconnected since are no longer listed, and are skipped.
      await postPage(await this.store.listConnections(task, task.slice, task.connections));
      await record();
      return { counts, failed };
    }
    let page = await read(task.startAfter);
    for (;;) {
      const next = page.next === undefined ? undefined : read(page.next);
      // A rejected prefetch must not go unhandled while this page is posted.
      next?.catch(() => undefined);
      await postPage(page.connections);
      const stop = next !== undefined && shouldStop();
      if (!next || stop) await record();
      if (!next) return { counts, failed };
      if (stop) return { counts, failed, continueAfter: page.next as string };
      page = await next;
    }
  }
}

/**
 * The name under which a part of a delivery records its connection count: the slice, and where in
 * it the part starts or which retry it is. A retried part (Lambda retrying an invocation) has the
 * same name, so it overwrites its count instead of adding to it.
 */
export function slicePart(task: Pick<SliceTask, 'slice' | 'startAfter' | 'connections' | 'attempt'>): string {
  const { slice, startAfter, connections, attempt } = task;
  if (connections) return `${slice}r${attempt ?? 0}:${connections.length}:${connections[0] ?? ''}`;
  return startAfter === undefined ? `${slice}` : `${slice}>${startAfter}`;
}

export interface FanoutOptions extends DeliveryOptions {
  /**
   * Connections an invocation posts to itself. Each slice is read up to `inlineMaxConnections /
   * slices`; a slice with more is continued by a worker invocation. 0 hands every slice to a worker.
   * @default 2000
   */
  readonly inlineMaxConnections?: number;
  /** Largest worker payload; bigger frames are replaced by one `refetch`. @default 240 KB */
  readonly maxTaskBytes?: number;
  /**
   * Environments up to about this many connections get all of a committed change from the fast
   * path, posted by its invocations themselves (a slice up to its share of this); in bigger ones the
   * fast path posts only its inline share and leaves the rest to the stream's fan-out. About what
   * the fast path can post within the stream's wait for it (`postedWaitMs`): the throttle's burst of
   * 5,000 and 10,000/s. Beyond, the stream would post again the slices the fast path is still
   * posting, and the duplicates would share the account's `@connections` throttle with the fast
   * path's posts (docs/delivery.md, "Simulated on AWS").
   * @default 10000
   */
  readonly fastPathMaxConnections?: number;
  /**
   * Where the replicas of a fast-path part race for it (a hand-off with an id). @default none: every
   * invocation posts
   */
  readonly claims?: PartClaims;
  /**
   * Where the fast path marks what it posts, so the stream's fan-out does not post it again to the
   * same server connections. @default none: the stream posts every change to every connection
   */
  readonly marks?: PostedMarks;
  /**
   * How long the stream's fan-out waits for a slice the fast path is posting to, before posting it
   * itself: a fast path that crashed mid-post delays the stream by this much. @default 1000
   */
  readonly postedWaitMs?: number;
  /**
   * Time between two reads of the marks while the stream's fan-out waits: it delays only the
   * stream's own posts after a fast path that gave up. @default 100
   */
  readonly postedPollMs?: number;
  /**
   * A server connection is skipped only if it registered this long before the fast path began
   * reading its slice (the gateway's and Lambda's clocks may differ; the read is eventually
   * consistent). @default 1000
   */
  readonly postedMarginMs?: number;
}

/**
 * The fast path's hedging: each part of a hand-off goes to several invocations, and the first to
 * claim it posts.
 */
export interface PartClaims {
  /** Whether this invocation is the first to claim part `part` of hand-off `handoff`. */
  claim(handoff: string, part: number): Promise<boolean>;
}

/** Which connections of a slice's first page an invocation posts itself, and where a worker goes on. */
type SlicePlan = {
  /** Whether browsers get their re-evaluated values from this delivery. */
  readonly browsers: boolean;
  /** Whether this invocation records the changes' exact commit times (one fast-path part does). */
  readonly commit: boolean;
  /** The slices this invocation delivers to. */
  readonly slices: (all: readonly number[]) => readonly number[];
  readonly limit: number;
  readonly split: (page: SlicePage) => {
    readonly inline: readonly SliceConnection[];
    readonly continueAfter?: string | undefined;
  };
  /** Resolves to whether to post at all (a claim, made while the slices are read). */
  readonly claimed?: Promise<boolean>;
  /**
   * The fast path's marks: `mark` records what this invocation posts, `skip` leaves out the server
   * connections the fast path posted to. @default neither
   */
  readonly posted?: 'mark' | 'skip';
};

export interface FanoutResult {
  /** `itemIdentifier`s to report: the first record of each environment whose delivery failed. */
  readonly failedSequences: readonly string[];
  readonly counts: DeliveryCounts;
  readonly environments: number;
  readonly workerTasks: number;
}

/**
 * The fan-out: one batch of flag and segment changes becomes, per environment, the newest change of
 * each item as protocol v1 frames, posted to every server connection of that environment, and, for
 * each client connection, a `values` message with what changed for its context (see
 * `domain/client-delivery.ts`). Connections whose posts fail (throttling, 5xx) are handed to a
 * worker that retries those alone. Environments are independent: one whose delivery fails (its
 * connections cannot be read, or a hand-off fails) is reported (from its first record) without
 * failing the others, and a retry re-posts versions SDKs already hold, which they ignore.
 */
export class FanoutService {
  private readonly inlineMaxConnections: number;
  private readonly maxTaskBytes: number;
  private readonly fastPathMaxConnections: number;
  private readonly claims: PartClaims | undefined;
  private readonly marks: PostedMarks | undefined;
  private readonly postedWaitMs: number;
  private readonly postedPollMs: number;
  private readonly postedMarginMs: number;

  constructor(
    private readonly store: ConnectionStore,
    private readonly delivery: SliceDelivery,
    private readonly workers: WorkerDispatcher,
    options: FanoutOptions = {},
  ) {
    this.inlineMaxConnections = options.inlineMaxConnections ?? 2000;
    this.maxTaskBytes = options.maxTaskBytes ?? 240 * 1024;
    this.fastPathMaxConnections = options.fastPathMaxConnections ?? 10_000;
    this.claims = options.claims;
    this.marks = options.marks;
    this.postedWaitMs = options.postedWaitMs ?? 1_000;
    this.postedPollMs = options.postedPollMs ?? 100;
    this.postedMarginMs = options.postedMarginMs ?? 1_000;
  }

  /** The stream's delivery: every connection, inline up to the threshold and by workers beyond. */
  deliver(changes: readonly ItemChange[]): Promise<FanoutResult> {
    const perSlice = Math.ceil(this.inlineMaxConnections / this.delivery.slices);
    return this.deliverGroups(changes, {
      browsers: true,
      commit: false,
      slices: (all) => all,
      limit: perSlice,
      split: (page) => ({ inline: page.connections, continueAfter: page.next }),
      posted: 'skip',
    });
  }

  /**
   * The fast path's delivery of changes the write path handed over as it committed them, to the
   * slices of its `part` (the write path starts `FAST_PATH_PARTS` invocations at once, each
   * with every `of`-th slice from `index`). Unlike the stream's, it starts no worker, whose second
   * asynchronous hop and cold start would cost more than posting: a slice up to its share of
   * {@link FanoutOptions.fastPathMaxConnections} is posted to in full, a bigger one only its inline
   * share (the stream's fan-out posts to every connection in any case). Browsers are left to the
   * stream's fan-out: it compares with the state before the batch, so a push from both paths would
   * reach them twice.
   *
   * With a `handoff` id the part was sent to several invocations: this one claims it while reading
   * its slices and posts only if its claim was first (a claim that fails to be recorded posts:
   * a duplicate costs a post, a gap would wait for the stream).
   *
   * @example
   * await fanout.deliverCommitted(changesOfCommit(writes, audit, Date.now(), 'commit-1'), { index: 0, of: 4 });
   */
  deliverCommitted(
    changes: readonly ItemChange[],
    part: FastPathPart = { index: 0, of: 1 },
    handoff?: string,
  ): Promise<FanoutResult> {
    const claimed =
      handoff === undefined || this.claims === undefined
        ? undefined
        : this.claims.claim(handoff, part.index).catch(() => true);
    const { slices } = this.delivery;
    const perSlice = Math.ceil(this.inlineMaxConnections / slices);
    const share = Math.max(perSlice, Math.ceil(this.fastPathMaxConnections / slices));
    return this.deliverGroups(changes, {
      browsers: false,
      commit: part.index === 0,
      slices: (all) => all.filter((slice) => slice % part.of === part.index),
      // One more than the share tells a slice that fits from one that does not.
      limit: share + 1,
      split: (page) => ({
        inline: page.connections.length <= share ? page.connections : page.connections.slice(0, perSlice),
      }),
      posted: 'mark',
      ...(claimed ? { claimed } : {}),
    });
  }

  private async deliverGroups(changes: readonly ItemChange[], plan: SlicePlan): Promise<FanoutResult> {
    const groups = groupByEnvironment(changes);
    const counts = emptyCounts();
    const failedSequences: string[] = [];
    let workerTasks = 0;
    await Promise.all(
      groups.map(async (group) => {
        try {
          const result = await this.deliverEnvironment(group, plan);
          addCounts(counts, result.counts);
          workerTasks += result.workerTasks;
        } catch {
          failedSequences.push(group.firstSequence);
        }
      }),
    );
    return { failedSequences, counts, environments: groups.length, workerTasks };
  }

  private async deliverEnvironment(
    group: EnvironmentChanges,
    plan: SlicePlan,
  ): Promise<{ counts: DeliveryCounts; workerTasks: number }> {
    const { locator } = group;
    // The credentials and receipt settings are read beside the slice reads, not before or after
    // them, so they cost one round trip together; and sent first, since every post waits for them
    // while a slice's posts wait only for its own page.
    this.delivery.warmAccess(locator);
    const receipting = this.delivery.receiptFor(locator, group.changes);
    const slices = plan.slices(allSlices(this.delivery.slices));
    const perSlice = Math.ceil(this.inlineMaxConnections / this.delivery.slices);
    const readAt = this.delivery.now();
    const verdicts =
      plan.posted === 'skip' && perSlice > 0 ? this.watchPosted(locator, group.changes) : undefined;
    const marking =
      plan.posted === 'mark' && this.marks
        ? new PartMarking(this.marks, locator, group.changes, readAt, slices)
        : undefined;
    const pages = new Map(
      perSlice === 0
        ? []
        : slices.map((slice) => [slice, this.readSlice(locator, slice, plan.limit)] as const),
    );
    const receipt = await receipting;
    const frames = encodeMessages(group.changes, undefined, receipt);
    const committing = plan.commit ? this.delivery.recordCommitted(locator, frames) : Promise.resolve();
    const uncertainSince =
      (group.firstChangedAt ?? this.delivery.now() - 60_000) - this.delivery.identifyMarginMs;
    const client = plan.browsers
      ? this.delivery.clientPush(
          locator,
          group.changes,
          uncertainSince,
          clientReceipt(receiptChanges(frames)),
        )
      : undefined;
    const dispatch = (
      slice: number,
      startAfter: string | undefined,
      retry?: readonly string[],
      serversBefore?: number,
    ) =>
      this.dispatch(
        locator,
        { slice, startAfter, retry, serversBefore },
        frames,
        plan.browsers ? group.changes : undefined,
        uncertainSince,
      );
    if (perSlice === 0) {
      await settleAll([...slices.map((slice) => dispatch(slice, undefined)), committing]);
      return { counts: emptyCounts(), workerTasks: slices.length };
    }
    // Each slice is posted to as soon as its page arrives, through one limit for the environment:
    // waiting for all the reads would hold every post back by the slowest of them.
    const limit = pLimit(this.delivery.concurrency);
    const counts = emptyCounts();
    let workerTasks = 0;
    await settleAll(
      slices.map(async (slice) => {
        const page = await (pages.get(slice) as ReturnType<FanoutService['readSlice']>).catch(
          async (error: unknown) => {
            if (!plan.claimed || (await plan.claimed)) marking?.read(slice, false);
            throw error;
          },
        );
        // The replica that won the claim marks the part's slices; this one marks nothing.
        if (plan.claimed && !(await plan.claimed)) return;
        const { inline, continueAfter } = plan.split(page);
        marking?.read(
          slice,
          inline.length > 0 && inline.length === page.connections.length && page.next === undefined,
        );
        const sent = this.postSlice(locator, slice, inline, frames, limit, client, verdicts);
        sent.then(
          (posted) => marking?.done(slice, posted.failed.length === 0),
          () => marking?.done(slice, false),
        );
        const posting = sent.then(async (posted) => {
          addCounts(counts, posted.counts);
          // The stream's delivery reaches every connection; the fast path's posts are duplicates of it.
          if (plan.browsers)
            await this.delivery.recordReached(locator, slicePart({ slice }), frames, posted.reached);
          if (posted.failed.length === 0) return;
          // Only the connections whose posts failed are tried again, by a worker; the environment
          // is reported for a retry of the whole batch only if that hand-off fails.
          workerTasks += 1;
          await dispatch(
            slice,
            undefined,
            posted.failed.map((f) => f.connectionId),
          );
        });
        if (continueAfter === undefined) return posting;
        workerTasks += 1;
        // The rest of a slice the fast path posted in full goes to a worker told whom it reached.
        const rest = verdicts
          ? verdicts(slice).then((verdict) =>
              dispatch(slice, continueAfter, undefined, this.reachedBefore(verdict)),
            )
          : dispatch(slice, continueAfter);
        await settleAll([posting, rest]);
      }),
    ).finally(() => marking?.finished());
    await committing;
    return { counts, workerTasks };
  }

  /**
   * Posts to connections of a slice. With the fast path's `verdicts`, browsers are posted to at once
   * and the server connections wait for the slice's verdict: those the fast path posted every change
   * to are skipped, and count as reached for receipts.
   */
  private async postSlice(
    locator: EnvironmentLocator,
    slice: number,
    connections: readonly SliceConnection[],
    frames: readonly string[],
    limit: LimitFunction,
    client: ClientPush | undefined,
    verdicts: ((slice: number) => Promise<SliceVerdict>) | undefined,
  ): Promise<Posted> {
    const post = (list: readonly SliceConnection[], serversBefore?: number) =>
      this.delivery.post(
        locator,
        list.map((connection) => ({ slice, connection })),
        frames,
        limit,
        client,
        serversBefore,
      );
    if (!verdicts) return post(connections);
    const servers = connections.filter((connection) => connection.sdk === 'server');
    const toServers = async () => {
      if (servers.length === 0) return post(servers);
      return post(servers, this.reachedBefore(await verdicts(slice)));
    };
    const [browsers, toServersPosted] = await Promise.all([
      post(connections.filter((connection) => connection.sdk !== 'server')),
      toServers(),
    ]);
    addCounts(browsers.counts, toServersPosted.counts);
    addReached(browsers.reached, toServersPosted.reached);
    return { ...browsers, failed: [...browsers.failed, ...toServersPosted.failed] };
  }

  /** Server connections registered before this got the changes from the fast path (a `skip` verdict). */
  private reachedBefore(verdict: SliceVerdict): number | undefined {
    return verdict.action === 'skip' ? verdict.before - this.postedMarginMs : undefined;
  }

  /** The stream's view of the fast path's marks of these changes (none without a mark store). */
  private watchPosted(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
  ): ((slice: number) => Promise<SliceVerdict>) | undefined {
    const { marks } = this;
    if (!marks) return undefined;
    return watchPosted(() => marks.read(locator, changes), changes, {
      waitMs: this.postedWaitMs,
      pollMs: this.postedPollMs,
      now: () => this.delivery.now(),
    });
  }

  /** A slice's first page, read ahead; a failure surfaces when the page is awaited. */
  private readSlice(locator: EnvironmentLocator, slice: number, limit: number) {
    const page = this.store.listSlice(locator, slice, { limit });
    page.catch(() => undefined);
    return page;
  }

  private dispatch(
    locator: EnvironmentLocator,
    at: {
      slice: number;
      startAfter: string | undefined;
      retry?: readonly string[] | undefined;
      serversBefore?: number | undefined;
    },
    frames: readonly string[],
    /** The batch for browser connections; undefined leaves them alone. */
    changes: readonly ItemChange[] | undefined,
    uncertainSince: number,
  ): Promise<void> {
    const { slice, startAfter, retry, serversBefore } = at;
    const base: SliceTask = {
      project: locator.project,
      env: locator.env,
      slice,
      startAfter,
      frames,
      ...(retry ? { connections: retry, attempt: 1 } : {}),
      ...(serversBefore === undefined ? {} : { serversBefore }),
    };
    // Server frames come first, as before browser delivery (a refetch when they do not fit); the
    // client batch gets the rest of the payload (it sends every affected flag when short of room).
    const serverTask =
      byteLength(JSON.stringify(base)) <= this.maxTaskBytes ? base : { ...base, frames: [REFETCH] };
    if (changes === undefined) return this.workers.dispatch(serverTask);
    const room = this.maxTaskBytes - byteLength(JSON.stringify(serverTask)) - '"client":,'.length;
    return this.workers.dispatch({ ...serverTask, client: clientBatch(changes, uncertainSince, room) });
  }
}
