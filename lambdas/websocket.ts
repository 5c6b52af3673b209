import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { connectionContainer, type DeliveryContainerOptions } from './delivery-container.js';
import { parseClientMessage, replyTo } from './domain/ws-protocol.js';
import { SwitchboardError } from './errors.js';
import type { ConnectionService } from './services/connection-service.js';

/** `$connect` and `$disconnect` events carry the query string (API Gateway's WebSocket event). */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  readonly queryStringParameters?: Record<string, string | undefined> | null;
};

export type WebSocketResult = { statusCode: number; body?: string };
export type WebSocketHandler = (event: WebSocketEvent) => Promise<WebSocketResult>;

const STATUS = { unauthorized: 401, forbidden: 403 } as const;

/**
 * The WebSocket API's three routes. `$connect` answers 401/403 for a missing or bad credential (API
 * Gateway then refuses the handshake, so nothing is registered) and 500 for anything else;
 * `$default` answers `{"action":"ping"}` with `{"type":"pong"}` and anything else with an `error`
 * message, both as the route response.
 */
export function createWebSocketHandlers(options: DeliveryContainerOptions = {}): {
  connect: WebSocketHandler;
  disconnect: WebSocketHandler;
  message: WebSocketHandler;
} {
  let service: ConnectionService | undefined;
  const connections = () => {
    service ??= connectionContainer(options);
    return service;
  };
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
        if (
          error instanceof SwitchboardError &&
          (error.code === 'unauthorized' || error.code === 'forbidden')
        ) {
          return { statusCode: STATUS[error.code] };
        }
        // No detail reaches the client: API Gateway answers the handshake with the status only.
        console.error('$connect failed', error);
        return { statusCode: 500 };
      }
    },
    disconnect: async (event) => {
      await connections().disconnect(event.requestContext.connectionId);
      return { statusCode: 200 };
    },
    message: async (event) => {
      const parsed = parseClientMessage(event.isBase64Encoded ? undefined : event.body);
      const reply = parsed.ok ? replyTo(parsed.message) : parsed.reply;
      return { statusCode: 200, body: JSON.stringify(reply) };
    },
  };
}

const handlers = createWebSocketHandlers();
export const connect = handlers.connect;
export const disconnect = handlers.disconnect;
export const message = handlers.message;
