/**
 * What the SDK takes from the browser, behind one small interface so tests (and unusual hosts such
 * as web views without `localStorage`) can hand in their own. Timers and the clock are the globals:
 * test runners fake those already.
 */

/** The part of the DOM `WebSocket` the SDK uses. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** The part of `Storage` the SDK uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The part of a fetch `Response` the SDK reads. */
export interface ResponseLike {
  readonly status: number;
  json(): Promise<unknown>;
}

/** Where the SDK listens for `online`, `pagehide` and `visibilitychange`. */
export interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** Everything the SDK needs from its host; {@link browserPlatform} supplies the real ones. */
export interface BrowserPlatform {
  /** Opens a WebSocket; undefined where there is none (the SDK then polls). */
  readonly openWebSocket: ((url: string) => WebSocketLike) | undefined;
  readonly fetch: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string; keepalive?: boolean },
  ) => Promise<ResponseLike>;
  /** `navigator.sendBeacon`; undefined where unsupported (the SDK then uses `fetch` with `keepalive`). */
  readonly sendBeacon: ((url: string, body: Blob) => boolean) | undefined;
  /** `localStorage`; undefined where unavailable (private modes, sandboxed frames). */
  readonly storage: StorageLike | undefined;
  /** `window`: `online` and `pagehide`. */
  readonly window: EventTargetLike | undefined;
  /** `document`: `visibilitychange`, with `visibilityState`. */
  readonly document: (EventTargetLike & { readonly visibilityState?: string }) | undefined;
  /** A uniform random number in [0, 1). */
  readonly random: () => number;
}

/** Reading `localStorage` throws in some sandboxed frames and privacy modes. */
function localStorageOrUndefined(): StorageLike | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real browser capabilities, each undefined when the host lacks it.
 *
 * @example
 * ```ts
 * const platform = { ...browserPlatform(), storage: undefined }; // never touch localStorage
 * ```
 */
export function browserPlatform(): BrowserPlatform {
  const g = globalThis as typeof globalThis & { document?: Document; window?: Window };
  const nav = g.navigator as Navigator | undefined;
  return {
    // The DOM socket's handlers take DOM events; ours declare only the fields the SDK reads.
    openWebSocket:
      typeof g.WebSocket === 'function' ? (url) => new g.WebSocket(url) as WebSocketLike : undefined,
    fetch: (url, init) => g.fetch(url, init),
    sendBeacon: typeof nav?.sendBeacon === 'function' ? (url, body) => nav.sendBeacon(url, body) : undefined,
    storage: localStorageOrUndefined(),
    window: g.window,
    document: g.document,
    random: Math.random,
  };
}
