import WebSocket from 'ws';
import type { Platform, WebSocketFactory } from './platform.js';

/**
 * Opens sockets with `ws` (Node 20 has no global WebSocket). A refused handshake is reported as a
 * close carrying the HTTP status, so the caller can tell a bad SDK key (401/403) from a network error.
 */
export const openNodeWebSocket: WebSocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
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
};

/**
 * The platform capabilities of Node: `Date.now`, global timers, `Math.random`, global `fetch` (which
 * decompresses gzip) and `ws`.
 *
 * @example
 * ```ts
 * const client = init({ sdkKey, baseUrl, streamUrl, platform: { ...nodePlatform(), random: () => 0.5 } });
 * ```
 */
export function nodePlatform(): Platform {
  return {
    clock: { now: () => Date.now() },
    timers: {
      set: (callback, delayMs) => setTimeout(callback, delayMs),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    random: Math.random,
    fetch: (url, init) => fetch(url, init),
    openWebSocket: openNodeWebSocket,
  };
}
