import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { instrumentedLite, liteLogger } from './adapters/telemetry-lite.js';
import { connectionContainer, type DeliveryContainerOptions } from './delivery-container.js';
import { ApiError } from './errors.js';
import { lazy } from './wiring.js';

/** `$connect` and `$disconnect` events carry the query string (API Gateway's WebSocket event). */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  readonly queryStringParameters?: Record<string, string | undefined> | null;
};

export type WebSocketResult = { statusCode: number; body?: string };
export type WebSocketHandler = (event: WebSocketEvent) => Promise<WebSocketResult>;

const STATUS = { unauthorized: 401, forbidden: 403 } as const;

/**
 * The WebSocket API's `$connect` and `$disconnect` routes. `$connect` answers 401/403 for a missing
 * or bad credential (API Gateway then refuses the handshake, so nothing is registered) and 500 for
 * anything else. An entry of its own (`$default` is in `websocket.ts`): these two functions never
 * evaluate flags, so their bundles leave the evaluator out.
 */
export function createConnectionHandlers(options: DeliveryContainerOptions = {}): {
  connect: WebSocketHandler;
  disconnect: WebSocketHandler;
} {
  const connections = lazy(() => connectionContainer(options));
  return {
    connect: async (event) => {
      const query = event.queryStringParameters ?? {};
      try {
        await connections().connect({
          connectionId: event.requestContext.connectionId,
          connectedAt: event.requestContext.connectedAt,
          key: query.key,
          clientSideId: query.clientSideId,
        });
        return { statusCode: 200 };
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'unauthorized' || error.code === 'forbidden')) {
          return { statusCode: STATUS[error.code] };
        }
        // No detail reaches the client: API Gateway answers the handshake with the status only.
        liteLogger.error('$connect failed', { error });
        return { statusCode: 500 };
      }
    },
    disconnect: async (event) => {
      await connections().disconnect(event.requestContext.connectionId);
      return { statusCode: 200 };
    },
  };
}

const handlers = createConnectionHandlers();
export const connect = instrumentedLite(handlers.connect);
export const disconnect = instrumentedLite(handlers.disconnect);
