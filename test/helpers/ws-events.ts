import type { WebSocketEvent } from '../../lambdas/websocket.js';

/**
 * API Gateway's `$connect` event for a connection opened a minute ago (past the fan-out's grace
 * period for 410s) with `query` as its query string.
 *
 * @example
 * await createWebSocketHandlers().connect(connectEvent({ key: sdkKey }, 'c1AAAAAAAAAA='));
 */
export const connectEvent = (query: Record<string, string>, connectionId: string): WebSocketEvent =>
  ({
    requestContext: {
      connectionId,
      connectedAt: Date.now() - 60_000,
      routeKey: '$connect',
      eventType: 'CONNECT',
    },
    queryStringParameters: query,
  }) as unknown as WebSocketEvent;
