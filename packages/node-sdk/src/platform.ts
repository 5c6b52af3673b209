/**
 * The platform capabilities the SDK uses, each behind a small interface so that tests (and other
 * runtimes) can hand in fakes. `nodePlatform()` in `node-platform.ts` supplies the real ones.
 */

/** Wall-clock time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** An opaque handle returned by {@link Timers.set}. */
export type TimerHandle = unknown;

/** One-shot timers; repeating work re-arms itself so a fake needs to model only this. */
export interface Timers {
  set(callback: () => void, delayMs: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

/** A uniform random number in [0, 1). */
export type RandomSource = () => number;

/** The part of a fetch `Response` the SDK reads. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/** The part of `fetch` the SDK calls. */
export type HttpFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal: AbortSignal; body?: string },
) => Promise<HttpResponse>;

/** How a WebSocket ended; `httpStatus` is set when the server refused the upgrade handshake. */
export interface WebSocketCloseInfo {
  readonly code: number;
  readonly reason: string;
  readonly httpStatus?: number;
}

/**
 * Callbacks a socket reports to; passed at creation so no early event is missed. A factory calls
 * them only after it has returned, as real sockets do.
 */
export interface WebSocketHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  /** Called exactly once per socket, whether it opened or not. */
  onClose(info: WebSocketCloseInfo): void;
  onError(error: Error): void;
}

/** An open (or opening) WebSocket. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a WebSocket to `url`. */
export type WebSocketFactory = (url: string, handlers: WebSocketHandlers) => WebSocketLike;

/** Everything the SDK needs from its host. */
export interface Platform {
  readonly clock: Clock;
  readonly timers: Timers;
  readonly random: RandomSource;
  readonly fetch: HttpFetch;
  readonly openWebSocket: WebSocketFactory;
}
