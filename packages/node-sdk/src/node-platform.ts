import type { Agent } from 'node:http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import WebSocket from 'ws';
import { agentFetch } from './agent-fetch.js';
import type { Platform, WebSocketFactory, WebSocketLike } from './platform.js';

/**
 * Opens sockets with `ws` (Node 20 has no global WebSocket). A refused handshake is reported as a
 * close carrying the HTTP status, so the caller can tell a bad SDK key (401/403) from a network error.
 */
export const openNodeWebSocket: WebSocketFactory = (url, handlers) =>
  openWebSocketVia(undefined, url, handlers);

function openWebSocketVia(
  agent: Agent | undefined,
  ...[url, handlers]: Parameters<WebSocketFactory>
): WebSocketLike {
  const options: WebSocket.ClientOptions = agent ? { agent } : {};
  const socket = new WebSocket(url, options);
  let httpStatus: number | undefined;
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data, isBinary) => {
    if (!isBinary) handlers.onMessage(data.toString());
  });
  socket.on('unexpected-response', (_request, response) => {
    httpStatus = response.statusCode;
    response.resume();
    socket.terminate();
  });
  socket.on('error', (error) => handlers.onError(error));
  socket.on('close', (code, reason) =>
    handlers.onClose({
      code,
      reason: reason.toString(),
      ...(httpStatus === undefined ? {} : { httpStatus }),
    }),
  );
  return {
    send: (data) => socket.send(data),
    close: (code, reason) => {
      // A socket still connecting cannot send a close frame; ending it is the only way out.
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(code, reason);
    },
  };
}

/** Options of {@link nodePlatform}. */
export interface NodePlatformOptions {
  /** An HTTP proxy URL for every request and WebSocket (tunnelled with CONNECT). */
  readonly proxy?: string | undefined;
}

/**
 * Requests and WebSockets through an HTTP proxy, both over one `https-proxy-agent` (CONNECT
 * tunnels): global `fetch` takes no agent, so requests go through `node:http(s)` instead.
 */
function proxied(proxy: string): Pick<Platform, 'fetch' | 'openWebSocket'> {
  const agent = new HttpsProxyAgent(proxy);
  return {
    fetch: agentFetch(agent),
    openWebSocket: (url, handlers) => openWebSocketVia(agent, url, handlers),
  };
}

/**
 * The platform capabilities of Node: `Date.now`, global timers, `Math.random`, global `fetch` (which
 * decompresses gzip) and `ws`; with `proxy`, requests and the socket both tunnel through it.
 *
 * @example
 * ```ts
 * const client = init({ sdkKey, baseUrl, streamUrl, platform: { ...nodePlatform(), random: () => 0.5 } });
 * ```
 */
export function nodePlatform(options: NodePlatformOptions = {}): Platform {
  const platform: Platform = {
    clock: { now: () => Date.now() },
    timers: {
      set: (callback, delayMs) => setTimeout(callback, delayMs),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    random: Math.random,
    fetch: (url, init) => fetch(url, init),
    openWebSocket: openNodeWebSocket,
  };
  return options.proxy === undefined ? platform : { ...platform, ...proxied(options.proxy) };
}
