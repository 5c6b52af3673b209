import type { WebSocketFactory } from '../src/index.js';
import { openNodeWebSocket } from '../src/node-platform.js';

/** A real socket factory that also records every frame the client receives, in order. */
export function observedSocket(frames: string[]): WebSocketFactory {
  return (url, handlers) =>
    openNodeWebSocket(url, {
      ...handlers,
      onMessage: (frame) => {
        frames.push(frame);
        handlers.onMessage(frame);
      },
    });
}
