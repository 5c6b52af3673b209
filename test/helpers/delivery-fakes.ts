import type { ConnectionCredential } from '../../lambdas/domain/connection-access.js';
import { sliceOf } from '../../lambdas/domain/connection-slices.js';
import type { ItemChange } from '../../lambdas/domain/delivery.js';
import { type ChangeMarks, markKey } from '../../lambdas/domain/posted-marks.js';
import type {
  Broadcaster,
  ConnectionCloser,
  ConnectionIdentity,
  ConnectionRecord,
  ConnectionRegistration,
  ConnectionStore,
  HandoffMarks,
  IdentifyOutcome,
  PostedMarks,
  PostOutcome,
  SliceConnection,
  SlicePage,
  SliceTask,
  WorkerDispatcher,
} from '../../lambdas/services/delivery-ports.js';
import type { PartClaims } from '../../lambdas/services/fanout-service.js';
import type { EnvironmentLocator } from '../../lambdas/services/ports.js';

const credentialOf = ({ credential, generation }: ConnectionCredential): ConnectionCredential => ({
  ...(credential === undefined ? {} : { credential }),
  ...(generation === undefined ? {} : { generation }),
});

/** An in-memory {@link ConnectionStore} with the DynamoDB adapter's slice and ordering rules. */
export class MemoryConnectionStore implements ConnectionStore {
  readonly connections = new Map<string, ConnectionRegistration & { identity?: ConnectionIdentity }>();
  readonly removedGone: string[] = [];

  constructor(readonly slices = 16) {}

  async register(connection: ConnectionRegistration): Promise<void> {
    this.connections.set(connection.connectionId, connection);
  }

  async unregister(connectionId: string): Promise<void> {
    this.connections.delete(connectionId);
  }

  async find(connectionId: string): Promise<ConnectionRecord | undefined> {
    const held = this.connections.get(connectionId);
    return (
      held && {
        project: held.project,
        env: held.env,
        sdk: held.sdk,
        slice: sliceOf(connectionId, this.slices),
        ...credentialOf(held),
      }
    );
  }

  async identify(
    connection: ConnectionRecord & { readonly connectionId: string },
    identity: ConnectionIdentity,
  ): Promise<IdentifyOutcome> {
    const held = this.connections.get(connection.connectionId);
    if (!held) return 'gone';
    if (held.identity && held.identity.id >= identity.id) return 'superseded';
    held.identity = identity;
    return 'stored';
  }

  async answered(
    connection: ConnectionRecord & { readonly connectionId: string },
    id: number,
    answer: Readonly<Record<string, string>>,
  ): Promise<void> {
    const held = this.connections.get(connection.connectionId);
    if (held?.identity?.id === id) held.identity = { ...held.identity, answer };
  }

  async listConnections(
    locator: EnvironmentLocator,
    slice: number,
    connectionIds: readonly string[],
  ): Promise<SliceConnection[]> {
    const wanted = new Set(connectionIds);
    return (await this.listSlice(locator, slice, {})).connections.filter((c) => wanted.has(c.connectionId));
  }

  async listSlice(
    locator: EnvironmentLocator,
    slice: number,
    page: { limit?: number | undefined; startAfter?: string | undefined },
  ): Promise<SlicePage> {
    const all = [...this.connections.values()]
      .filter(
        (c) =>
          c.project === locator.project &&
          c.env === locator.env &&
          sliceOf(c.connectionId, this.slices) === slice,
      )
      .sort((a, b) => (a.connectionId < b.connectionId ? -1 : 1))
      .filter((c) => page.startAfter === undefined || c.connectionId > page.startAfter);
    const taken = page.limit === undefined ? all : all.slice(0, page.limit);
    const more = page.limit !== undefined && all.length >= page.limit;
    return {
      connections: taken.map((held) => ({
        connectionId: held.connectionId,
        connectedAt: held.connectedAt,
        sdk: held.sdk,
        ...credentialOf(held),
        ...(held.identity ? { identity: held.identity } : {}),
      })),
      ...(more ? { next: taken.at(-1)?.connectionId } : {}),
    };
  }

  async removeGone(
    _locator: EnvironmentLocator,
    _slice: number,
    connectionId: string,
    registeredBefore: number,
  ): Promise<boolean> {
    const held = this.connections.get(connectionId);
    if (!held || held.connectedAt >= registeredBefore) return false;
    this.connections.delete(connectionId);
    this.removedGone.push(connectionId);
    return true;
  }

  /** Registers one server connection of `locator`, connected at 0, with `facts` added or replaced. */
  add(locator: EnvironmentLocator, connectionId: string, facts: Partial<ConnectionRegistration> = {}): void {
    this.connections.set(connectionId, { ...locator, connectionId, connectedAt: 0, sdk: 'server', ...facts });
  }

  /** Registers `count` connections of one environment, `id-0000` … */
  fill(
    locator: EnvironmentLocator,
    count: number,
    prefix = 'id',
    connectedAt = 0,
    sdk: 'server' | 'client' = 'server',
  ): string[] {
    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
    for (const connectionId of ids) {
      this.connections.set(connectionId, { ...locator, connectionId, connectedAt, sdk });
    }
    return ids;
  }
}

/** Records every post; ids in `gone` answer 410, ids in `failing` throw. */
export class RecordingBroadcaster implements Broadcaster {
  readonly posts: { connectionId: string; frame: string }[] = [];
  readonly gone = new Set<string>();
  readonly failing = new Set<string>();
  inFlight = 0;
  maxInFlight = 0;

  async post(connectionId: string, frame: string): Promise<PostOutcome> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.failing.has(connectionId)) throw new Error(`throttled ${connectionId}`);
      if (this.gone.has(connectionId)) return 'gone';
      this.posts.push({ connectionId, frame });
      return 'sent';
    } finally {
      this.inFlight -= 1;
    }
  }

  framesTo(connectionId: string): string[] {
    return this.posts.filter((p) => p.connectionId === connectionId).map((p) => p.frame);
  }
}

export class RecordingDispatcher implements WorkerDispatcher {
  readonly tasks: SliceTask[] = [];
  failing = false;

  async dispatch(task: SliceTask): Promise<void> {
    if (this.failing) throw new Error('Lambda Invoke failed');
    this.tasks.push(task);
  }
}

/** Closes connections as API Gateway's `DeleteConnection` does; ids in `gone` are already closed. */
export class RecordingCloser implements ConnectionCloser {
  readonly closed: string[] = [];
  readonly gone = new Set<string>();

  async close(connectionId: string): Promise<'closed' | 'gone'> {
    if (this.gone.has(connectionId)) return 'gone';
    this.closed.push(connectionId);
    return 'closed';
  }
}

/** Claims of fast-path parts, first come first served, as the DynamoDB adapter's conditional put. */
export class MemoryPartClaims implements PartClaims {
  readonly claimed = new Set<string>();
  /** When set, recording a claim fails with this error. */
  failing: Error | undefined;

  async claim(handoff: string, part: number): Promise<boolean> {
    if (this.failing) throw this.failing;
    const key = `${handoff}#${part}`;
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    return true;
  }
}

/** The fast path's marks, as the DynamoDB adapter keeps them: per environment and change. */
export class MemoryPostedMarks implements PostedMarks, HandoffMarks {
  private readonly marks = new Map<
    string,
    { posted: Map<number, number>; posting: Set<number>; declined: Set<number>; handedOff: boolean }
  >();
  /** Every write, in order, for assertions. */
  readonly writes: string[] = [];
  /** When set, every call fails with this error. */
  failing: Error | undefined;

  private entry(locator: EnvironmentLocator, change: ItemChange) {
    const key = `${locator.project}#${locator.env}#${markKey(change)}`;
    let entry = this.marks.get(key);
    if (!entry) {
      entry = { posted: new Map(), posting: new Set(), declined: new Set(), handedOff: false };
      this.marks.set(key, entry);
    }
    return entry;
  }

  async handedOff(changes: readonly ItemChange[]) {
    if (this.failing) throw this.failing;
    for (const change of changes) this.entry(change, change).handedOff = true;
    this.writes.push('handed off');
  }

  async withdrawn(changes: readonly ItemChange[]) {
    if (this.failing) throw this.failing;
    for (const change of changes) this.entry(change, change).handedOff = false;
    this.writes.push('withdrawn');
  }

  async posting(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
    slices: readonly number[],
    declined: readonly number[] = [],
  ) {
    if (this.failing) throw this.failing;
    for (const change of changes) {
      const entry = this.entry(locator, change);
      for (const slice of slices) entry.posting.add(slice);
      for (const slice of declined) entry.declined.add(slice);
    }
    this.writes.push(
      `posting ${slices.join(',')}${declined.length ? ` declining ${declined.join(',')}` : ''}`,
    );
  }

  async settle(
    locator: EnvironmentLocator,
    changes: readonly ItemChange[],
    posted: ReadonlyMap<number, number>,
    settled: readonly number[],
  ) {
    if (this.failing) throw this.failing;
    for (const change of changes) {
      const entry = this.entry(locator, change);
      for (const [slice, at] of posted) entry.posted.set(slice, at);
      for (const slice of settled) {
        entry.posting.delete(slice);
        if (!posted.has(slice)) entry.declined.add(slice);
      }
    }
    this.writes.push(`settle ${[...posted.keys()].join(',')} of ${settled.join(',')}`);
  }

  async read(locator: EnvironmentLocator, changes: readonly ItemChange[]): Promise<Map<string, ChangeMarks>> {
    if (this.failing) throw this.failing;
    const found = new Map<string, ChangeMarks>();
    for (const change of changes) {
      const entry = this.marks.get(`${locator.project}#${locator.env}#${markKey(change)}`);
      if (entry)
        found.set(markKey(change), {
          posted: new Map(entry.posted),
          posting: new Set(entry.posting),
          declined: new Set(entry.declined),
          handedOff: entry.handedOff,
        });
    }
    return found;
  }
}
