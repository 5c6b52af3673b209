import { afterEach, beforeEach, vi } from 'vitest';
import type { BrowserPlatform, StorageLike, WebSocketLike } from '../src/index.js';
import { initialize, type SwitchboardContext, type SwitchboardOptions } from '../src/index.js';

/** A WebSocket the test drives: `open()`, `receive(message)`, `drop()`; `sent` holds what the SDK wrote. */
export class FakeSocket implements WebSocketLike {
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  readonly sent: Record<string, unknown>[] = [];
  closed = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.onopen?.({});
  }

  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The server or the network closed it (never opened, if `open()` was not called). */
  drop(code = 1006): void {
    this.closed = true;
    this.onclose?.({ code });
  }

  /** The identify messages sent on this socket. */
  get identifies(): { id: number; context: SwitchboardContext; hash?: string }[] {
    return this.sent.filter((m) => m.action === 'identify') as never;
  }

  /** The last identify's id. */
  get lastId(): number {
    const last = this.identifies.at(-1);
    if (!last) throw new Error('nothing identified on this socket');
    return last.id;
  }
}

/** `localStorage` over a map. */
export class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

export interface Recorded {
  readonly url: string;
  readonly body: unknown;
  readonly keepalive?: boolean;
}

/**
 * A browser for the SDK: fake sockets, a fetch answered by `respond`, a beacon, storage, and
 * `window`/`document` event targets the test dispatches on. Random is 0.5, so backoff delays are
 * half their ceiling.
 */
export function fakeBrowser() {
  const sockets: FakeSocket[] = [];
  const requests: Recorded[] = [];
  const beacons: { url: string; body: Blob }[] = [];
  const storage = new MemoryStorage();
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const state = {
    respond: (_url: string, _body: unknown): { status: number; body?: unknown } => ({
      status: 202,
      body: {},
    }),
    beaconAccepts: true,
  };
  const platform: BrowserPlatform = {
    openWebSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    fetch: async (url, init) => {
      const body = JSON.parse(init.body) as unknown;
      requests.push({ url, body, ...(init.keepalive ? { keepalive: true } : {}) });
      const answer = state.respond(url, body);
      return { status: answer.status, json: async () => answer.body };
    },
    sendBeacon: (url, body) => {
      beacons.push({ url, body });
      return state.beaconAccepts;
    },
    storage,
    window,
    document,
    random: () => 0.5,
  };
  return {
    platform,
    sockets,
    requests,
    beacons,
    storage,
    window,
    document,
    state,
    /** The socket opened last. */
    get socket(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}

export type FakeBrowser = ReturnType<typeof fakeBrowser>;

export const ADA = { kind: 'user', key: 'ada' } as const;
export const BOB = { kind: 'user', key: 'bob' } as const;

export const silentLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A client on a fake browser, events off unless asked for, quiet. */
export function startClient(
  options: SwitchboardOptions = {},
  context: SwitchboardContext = ADA,
  prepare: (browser: FakeBrowser) => void = () => {},
) {
  const browser = fakeBrowser();
  prepare(browser);
  const client = initialize('csid-1', context, {
    url: 'http://flags.test',
    sendEvents: false,
    logger: silentLogger,
    ...options,
    platform: { ...browser.platform, ...options.platform },
  });
  return { client, browser };
}

/** A `values` entry. */
export const flag = (value: unknown, version = 1, variationIndex: number | null = 0) => ({
  value,
  variationIndex,
  reason: { kind: 'FALLTHROUGH' },
  version,
});

/** Opens the current socket and answers its identify with `values`. */
export function connect(browser: FakeBrowser, values: Record<string, unknown>): void {
  browser.socket.open();
  browser.socket.receive({ type: 'values', id: browser.socket.lastId, values });
}

/** Lets promise callbacks run under fake timers. */
export const settle = () => vi.advanceTimersByTimeAsync(0);

/** Fake timers and clock (starting at `now`) for every test of the calling file. */
export function useFakeClock(now?: number): void {
  beforeEach(() => {
    vi.useFakeTimers(now === undefined ? {} : { now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
