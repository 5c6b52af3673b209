import type { Logger } from './logger.js';
import type { BrowserPlatform, WebSocketLike } from './platform.js';

/** Timing of the WebSocket, all in milliseconds; the defaults are protocol v1's. */
export interface StreamConfig {
  /** `wss://…?clientSideId=…`. */
  readonly url: string;
  /** Keep-alive under API Gateway's 10-minute idle timeout. */
  readonly pingIntervalMs: number;
  /** Age at which a connection is replaced, under API Gateway's 2-hour limit (± `lifetimeJitterMs`). */
  readonly maxLifetimeMs: number;
  readonly lifetimeJitterMs: number;
  /** How long a socket may take to open before the attempt counts as failed. */
  readonly connectTimeoutMs: number;
  /** Ceiling of the first reconnect delay; it doubles per failure up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** What the stream tells its owner. */
export interface StreamListener {
  /** A socket is open: identify on it (`send` writes to this socket only). */
  onOpen(send: (message: object) => void): void;
  onMessage(message: Record<string, unknown>): void;
  /**
   * The socket closed or failed to open; a reconnect is scheduled. `failures` counts consecutive
   * attempts that never opened (what a proxy blocking WebSockets looks like).
   */
  onDown(failures: number): void;
}

const PING = '{"action":"ping"}';

/** How long an open socket has to answer the ping sent when the page wakes up. */
const PROBE_MS = 10_000;

/** A connection that stayed healthy this long makes the next failure start from the first delay. */
const HEALTHY_MS = 60_000;

/**
 * One WebSocket at a time to the client-side endpoint: it pings under the idle timeout, replaces
 * itself before the 2-hour limit, reconnects after a close with exponential backoff and full jitter
 * (1 s doubling to 30 s), and at once when the page becomes visible or the network comes back.
 * The owner resyncs (identifies again) on every `onOpen`.
 *
 * @example
 * ```ts
 * const stream = new Stream(config, platform, logger, { onOpen, onMessage, onDown });
 * stream.start();
 * stream.stop();
 * ```
 */
export class Stream {
  private socket: WebSocketLike | undefined;
  private open = false;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private failures = 0;
  private healthySince: number | undefined;
  private awaitingPong = false;
  private stopped = false;
  private readonly wake = () => this.reconnectNow();
  private readonly onVisibility = () => {
    if (this.platform.document?.visibilityState === 'visible') this.reconnectNow();
  };

  constructor(
    private readonly config: StreamConfig,
    private readonly platform: BrowserPlatform,
    private readonly logger: Logger,
    private readonly listener: StreamListener,
  ) {}

  start(): void {
    this.platform.window?.addEventListener('online', this.wake);
    this.platform.document?.addEventListener('visibilitychange', this.onVisibility);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.platform.window?.removeEventListener('online', this.wake);
    this.platform.document?.removeEventListener('visibilitychange', this.onVisibility);
    clearTimeout(this.reconnectTimer);
    this.drop();
  }

  /** The connection is serving values: backoff starts over after it has stayed up a while. */
  healthy(): void {
    this.failures = 0;
    this.healthySince ??= Date.now();
  }

  /** Whether a socket is open. */
  get connected(): boolean {
    return this.open;
  }

  /** Sends on the open socket; false when none is open. */
  send(message: object): boolean {
    if (!this.open) return false;
    this.socket?.send(JSON.stringify(message));
    return true;
  }

  private connect(): void {
    if (this.stopped) return;
    let socket: WebSocketLike;
    try {
      if (!this.platform.openWebSocket) throw new Error('this browser has no WebSocket');
      socket = this.platform.openWebSocket(this.config.url);
    } catch (error) {
      this.logger.warn('Cannot open a WebSocket', error);
      this.down(false);
      return;
    }
    this.socket = socket;
    const current = () => this.socket === socket;
    socket.onopen = () => {
      if (!current()) return;
      this.clearTimers();
      this.open = true;
      this.schedulePing();
      const jitter = (this.platform.random() * 2 - 1) * this.config.lifetimeJitterMs;
      this.after(this.config.maxLifetimeMs + jitter, () => {
        this.logger.debug('Replacing the WebSocket before the gateway’s connection limit');
        this.drop();
        this.connect();
      });
      this.listener.onOpen((message) => {
        if (current()) socket.send(JSON.stringify(message));
      });
    };
    socket.onmessage = (event) => {
      if (!current()) return;
      this.awaitingPong = false;
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        message = undefined;
      }
      if (
        typeof message === 'object' &&
        message !== null &&
        (message as { type?: unknown }).type !== 'pong'
      ) {
        this.listener.onMessage(message as Record<string, unknown>);
      }
    };
    socket.onclose = (event) => {
      if (!current()) return;
      this.logger.debug(`WebSocket closed (code ${event.code})`);
      this.down(this.open);
    };
    socket.onerror = () => {};
    this.after(this.config.connectTimeoutMs, () => {
      this.logger.debug('WebSocket did not open in time');
      this.down(false);
    });
  }

  /** Drops the socket and schedules the next attempt after a backoff delay. */
  private down(wasOpen: boolean): void {
    this.drop();
    if (this.stopped) return;
    if (!wasOpen) this.failures++;
    if (this.healthySince !== undefined && Date.now() - this.healthySince >= HEALTHY_MS) this.attempts = 0;
    this.healthySince = undefined;
    const ceiling = Math.min(this.config.maxDelayMs, this.config.initialDelayMs * 2 ** this.attempts);
    if (ceiling < this.config.maxDelayMs) this.attempts++;
    const delay = Math.floor(this.platform.random() * ceiling);
    this.logger.debug(`Reconnecting in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
    this.listener.onDown(this.failures);
  }

  /**
   * The page came back or the network did: a waiting reconnect happens now, and an open socket is
   * pinged, since a laptop lid or a phone's sleep may have killed it silently.
   */
  private reconnectNow(): void {
    if (this.stopped) return;
    if (this.reconnectTimer !== undefined) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.connect();
    } else if (this.open && !this.awaitingPong) {
      this.awaitingPong = true;
      this.socket?.send(PING);
      this.after(PROBE_MS, () => {
        if (this.awaitingPong) this.down(true);
      });
    }
  }

  private schedulePing(): void {
    this.after(this.config.pingIntervalMs, () => this.ping());
  }

  private ping(): void {
    if (this.awaitingPong) {
      // Nothing arrived for a whole interval, not even the last pong: the link is dead.
      this.down(true);
      return;
    }
    this.awaitingPong = true;
    this.socket?.send(PING);
    this.schedulePing();
  }

  private drop(): void {
    this.clearTimers();
    const socket = this.socket;
    this.socket = undefined;
    this.open = false;
    this.awaitingPong = false;
    try {
      socket?.close(1000);
    } catch {
      // Closing a socket that never opened may throw; it is gone either way.
    }
  }

  private after(delayMs: number, callback: () => void): void {
    this.timers.push(setTimeout(callback, delayMs));
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
