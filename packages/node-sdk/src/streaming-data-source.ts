import { Backoff, type BackoffOptions, rotationDelay } from './backoff.js';
import type { DataSource, DataSourceListener } from './data-source.js';
import { SwitchboardAuthError, SwitchboardSyncError } from './errors.js';
import type { FlagStore } from './flag-store.js';
import type { Logger } from './logger.js';
import { PING_MESSAGE, parseServerMessage, type ServerMessage } from './messages.js';
import type { Platform, TimerHandle, WebSocketCloseInfo, WebSocketLike } from './platform.js';
import { SnapshotRequestor } from './snapshot-requestor.js';
import { createStreamListeners, dispatchMessage, type StreamListeners } from './stream-listeners.js';

/** Settings of the streaming sync, all resolved. */
export interface StreamingConfig {
  readonly sdkKey: string;
  readonly baseUrl: string;
  readonly streamUrl: string;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly maxConnectionLifetimeMs: number;
  readonly connectionLifetimeJitterMs: number;
  readonly reconnect: BackoffOptions;
  /**
   * After a `refetch` whose snapshot changed nothing, fetch again after this long, up to
   * `refetchRetries` times: the service may answer from a snapshot cached just before the change
   * (the SDK endpoint caches for up to a second). Also the delay of the one confirming fetch after
   * every connect: a change whose fan-out ran just before this connection was registered is in no
   * patch, and the first snapshot may have been cached before it. @default 1100
   */
  readonly refetchRetryDelayMs?: number;
  /** @default 3 */
  readonly refetchRetries?: number;
}

/** One WebSocket and everything that lives and dies with it. */
interface Connection {
  readonly socket: WebSocketLike;
  readonly closed: Promise<void>;
  /** Messages held back while a snapshot is in flight; `undefined` when live. */
  buffer: ServerMessage[] | undefined;
  refetchPending: boolean;
  /** Further fetches owed to a `refetch` while snapshots keep coming back unchanged. */
  refetchRetries: number;
  /** Whether a sync has completed on this connection: from then on it counts as healthy. */
  synced: boolean;
  awaitingPong: boolean;
  lastError: Error | undefined;
  sync: AbortController | undefined;
  readonly timers: Set<TimerHandle>;
}

/**
 * Keeps a {@link FlagStore} in step with the service by protocol v1: open the WebSocket first and
 * buffer what it says, fetch the snapshot, apply it, then apply the buffered messages (the store
 * drops those not newer than the snapshot's items). It pings under the idle timeout, replaces the
 * connection before the 2-hour limit, and reconnects with backoff, resyncing every time.
 *
 * @example
 * ```ts
 * const source = new StreamingDataSource(config, store, nodePlatform(), logger, {
 *   onChanges: (changes) => {}, onSynced: () => {}, onInterrupted: () => {}, onFatal: () => {},
 * });
 * source.start();
 * await source.stop();
 * ```
 */
export class StreamingDataSource implements DataSource {
  private readonly backoff: Backoff;
  private readonly requestor: SnapshotRequestor;
  private readonly listeners: StreamListeners;
  private connection: Connection | undefined;
  private reconnectTimer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly config: StreamingConfig,
    private readonly store: FlagStore,
    private readonly platform: Platform,
    private readonly logger: Logger,
    private readonly listener: DataSourceListener,
  ) {
    this.backoff = new Backoff(config.reconnect, platform.clock, platform.random);
    this.requestor = new SnapshotRequestor(
      { ...config, timeoutMs: config.requestTimeoutMs },
      platform.fetch,
      platform.timers,
    );
    this.listeners = createStreamListeners({
      store,
      onChange: (change) => listener.onChanges([change]),
      refetch: () => {
        if (!this.connection) return;
        this.connection.refetchRetries = this.config.refetchRetries ?? 3;
        this.requestSync(this.connection);
      },
      acknowledge: (ack) => this.connection?.socket.send(JSON.stringify(ack)),
      random: platform.random,
    });
  }

  /** Opens the first connection. */
  start(): void {
    this.connect();
  }

  /** Stops for good: no more timers, requests or reconnects; resolves once the socket has closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearReconnect();
    const connection = this.connection;
    this.connection = undefined;
    if (connection) {
      this.dispose(connection, 'client closed');
      await connection.closed;
    }
  }

  private connect(): void {
    const url = new URL(this.config.streamUrl);
    url.searchParams.set('key', this.config.sdkKey);
    let markClosed = () => {};
    const closed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    // Handlers check that their connection is still the current one: a replaced socket's late
    // events must not touch the new connection's state.
    const isCurrent = () => this.connection === connection;
    let socket: WebSocketLike;
    try {
      socket = this.platform.openWebSocket(url.toString(), {
        onOpen: () => {
          if (isCurrent()) this.onOpen(connection);
        },
        onMessage: (frame) => {
          if (isCurrent()) this.onMessage(connection, frame);
        },
        onError: (error) => {
          connection.lastError = error;
        },
        onClose: (info) => {
          markClosed();
          if (isCurrent()) this.onClose(connection, info);
        },
      });
    } catch (error) {
      // Runs from a timer on reconnects, where a throw would be uncaught: treat it as a failed attempt.
      this.retryLater(new SwitchboardSyncError('Cannot open the WebSocket', { cause: error }));
      return;
    }
    const connection: Connection = {
      socket,
      closed,
      buffer: undefined,
      refetchPending: false,
      refetchRetries: 0,
      synced: false,
      awaitingPong: false,
      lastError: undefined,
      sync: undefined,
      timers: new Set(),
    };
    this.connection = connection;
    this.after(connection, this.config.connectTimeoutMs, () => {
      this.interrupt(
        connection,
        new SwitchboardSyncError(`WebSocket did not open within ${this.config.connectTimeoutMs} ms`),
      );
    });
  }

  private onOpen(connection: Connection): void {
    for (const timer of connection.timers) this.platform.timers.clear(timer);
    connection.timers.clear();
    this.logger.debug('WebSocket open; fetching snapshot');
    this.schedulePing(connection);
    const lifetime = rotationDelay(
      this.config.maxConnectionLifetimeMs,
      this.config.connectionLifetimeJitterMs,
      this.platform.random,
    );
    this.after(connection, lifetime, () => this.rotate(connection));
    this.requestSync(connection);
    this.after(connection, this.config.refetchRetryDelayMs ?? 1100, () => this.requestSync(connection));
  }

  private onMessage(connection: Connection, frame: string): void {
    connection.awaitingPong = false;
    const message = parseServerMessage(frame);
    if (message === undefined) {
      this.logger.debug('Ignoring an unrecognised WebSocket message', frame);
    } else if (connection.buffer) {
      connection.buffer.push(message);
    } else {
      dispatchMessage(this.listeners, message);
    }
  }

  private onClose(connection: Connection, info: WebSocketCloseInfo): void {
    if (info.httpStatus === 401 || info.httpStatus === 403) {
      this.fail(connection, new SwitchboardAuthError(info.httpStatus, { cause: connection.lastError }));
      return;
    }
    const detail = info.httpStatus === undefined ? `code ${info.code}` : `HTTP ${info.httpStatus}`;
    this.interrupt(
      connection,
      new SwitchboardSyncError(`WebSocket closed (${detail})`, { cause: connection.lastError }),
    );
  }

  /** Starts a resync on this connection, or queues one if a snapshot is already in flight. */
  private requestSync(connection: Connection): void {
    if (connection.buffer) {
      // The snapshot in flight may predate whatever prompted this request: fetch again after it.
      connection.refetchPending = true;
      return;
    }
    void this.sync(connection);
  }

  private async sync(connection: Connection): Promise<void> {
    connection.buffer = [];
    connection.refetchPending = false;
    const controller = new AbortController();
    connection.sync = controller;
    let result: Awaited<ReturnType<SnapshotRequestor['fetch']>>;
    try {
      result = await this.requestor.fetch(controller.signal);
    } catch (error) {
      if (this.connection !== connection) return;
      if (error instanceof SwitchboardAuthError) this.fail(connection, error);
      else this.interrupt(connection, error as Error);
      return;
    }
    if (this.connection !== connection) return;
    connection.sync = undefined;
    const changes = result.modified ? this.store.applySnapshot(result.snapshot) : [];
    if (changes.length > 0) this.listener.onChanges(changes);
    if (connection.refetchRetries > 0) {
      // The change that prompted the refetch is not in this snapshot yet: ask again shortly.
      if (changes.length > 0) connection.refetchRetries = 0;
      else {
        connection.refetchRetries -= 1;
        this.after(connection, this.config.refetchRetryDelayMs ?? 1100, () => this.requestSync(connection));
      }
    }
    // The buffer stays set while it drains, so a buffered refetch queues a resync instead of
    // starting one in the middle of this loop.
    for (const message of connection.buffer) dispatchMessage(this.listeners, message);
    connection.buffer = undefined;
    if (!connection.synced) {
      // Healthy since the first sync; a later refetch must not restart the clock.
      connection.synced = true;
      this.backoff.success();
    }
    this.listener.onSynced();
    if (connection.refetchPending) void this.sync(connection);
  }

  private schedulePing(connection: Connection): void {
    this.after(connection, this.config.pingIntervalMs, () => {
      if (connection.awaitingPong) {
        // Nothing at all arrived for a whole interval, not even the last pong: the link is dead
        // even if TCP has not noticed.
        this.interrupt(connection, new SwitchboardSyncError('No pong within the ping interval'));
        return;
      }
      connection.awaitingPong = true;
      connection.socket.send(PING_MESSAGE);
      this.schedulePing(connection);
    });
  }

  /** Replaces an ageing connection at once, with no backoff and no stale status: it is planned. */
  private rotate(connection: Connection): void {
    this.logger.debug('Replacing the WebSocket before the gateway’s connection limit');
    this.connection = undefined;
    this.dispose(connection, 'rotating');
    this.connect();
  }

  /** Drops a failed connection and schedules a reconnect after a backoff delay. */
  private interrupt(connection: Connection, error: Error): void {
    this.connection = undefined;
    this.dispose(connection, 'reconnecting');
    this.retryLater(error);
  }

  private retryLater(error: Error): void {
    const delayMs = this.backoff.fail();
    this.logger.warn(`Switchboard connection lost (${error.message}); reconnecting in ${delayMs} ms`);
    this.listener.onInterrupted(error);
    if (this.stopped) return;
    this.reconnectTimer = this.platform.timers.set(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) this.connect();
    }, delayMs);
  }

  private fail(connection: Connection, error: SwitchboardAuthError): void {
    this.stopped = true;
    this.connection = undefined;
    this.dispose(connection, 'SDK key rejected');
    this.logger.error(error.message);
    this.listener.onFatal(error);
  }

  private dispose(connection: Connection, reason: string): void {
    for (const timer of connection.timers) this.platform.timers.clear(timer);
    connection.timers.clear();
    connection.sync?.abort();
    connection.socket.close(1000, reason);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== undefined) this.platform.timers.clear(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  /** A timer owned by `connection`, cleared when the connection is disposed. */
  private after(connection: Connection, delayMs: number, callback: () => void): void {
    const timer = this.platform.timers.set(() => {
      connection.timers.delete(timer);
      callback();
    }, delayMs);
    connection.timers.add(timer);
  }
}
