import type { WebSocket } from 'ws';
import type { ConnectionFacts } from './ws-events.js';

export interface LiveConnection extends ConnectionFacts {
  readonly socket: WebSocket;
  lastActiveAt: number;
}

/** API Gateway's WebSocket limits, configurable for tests and long local sessions. */
export interface WebSocketLimits {
  /** @default 10 minutes */
  readonly idleTimeoutMs: number;
  /** @default 2 hours */
  readonly maxConnectionMs: number;
  /** @default 128 KB */
  readonly maxMessageBytes: number;
}

export const apiGatewayLimits: WebSocketLimits = {
  idleTimeoutMs: 10 * 60_000,
  maxConnectionMs: 2 * 60 * 60_000,
  maxMessageBytes: 128 * 1024,
};

/** Open connections by id, shared by the WebSocket gateway and the `@connections` API. */
export class ConnectionRegistry {
  readonly #connections = new Map<string, LiveConnection>();
  readonly #idleTimers = new Map<string, NodeJS.Timeout>();
  readonly #lifetimes = new Map<string, NodeJS.Timeout>();

  constructor(private readonly limits: WebSocketLimits) {}

  add(connection: LiveConnection): void {
    this.#connections.set(connection.connectionId, connection);
    this.#lifetimes.set(
      connection.connectionId,
      setTimeout(() => connection.socket.close(1001, 'Going away'), this.limits.maxConnectionMs),
    );
    this.touch(connection.connectionId);
  }

  get(connectionId: string): LiveConnection | undefined {
    return this.#connections.get(connectionId);
  }

  /** Marks activity in either direction; the idle timeout starts again. */
  touch(connectionId: string): void {
    const connection = this.#connections.get(connectionId);
    if (!connection) return;
    connection.lastActiveAt = Date.now();
    clearTimeout(this.#idleTimers.get(connectionId));
    this.#idleTimers.set(
      connectionId,
      setTimeout(() => connection.socket.close(1001, 'Going away'), this.limits.idleTimeoutMs),
    );
  }

  /**
   * `DeleteConnection`: the connection is gone at once for the management API (410 from now on),
   * its socket is closed (the gateway then runs `$disconnect`), and cut off if the client never
   * answers the close handshake.
   */
  close(connectionId: string): void {
    const connection = this.#connections.get(connectionId);
    if (!connection) return;
    this.remove(connectionId);
    connection.socket.close(1000, 'Connection deleted');
    setTimeout(() => connection.socket.terminate(), 1000).unref();
  }

  remove(connectionId: string): void {
    clearTimeout(this.#idleTimers.get(connectionId));
    clearTimeout(this.#lifetimes.get(connectionId));
    this.#idleTimers.delete(connectionId);
    this.#lifetimes.delete(connectionId);
    this.#connections.delete(connectionId);
  }

  all(): LiveConnection[] {
    return [...this.#connections.values()];
  }
}
