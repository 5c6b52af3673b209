import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import {
  connectionContainer,
  type DeliveryContainerOptions,
  identifyContainer,
} from './delivery-container.js';
import { errorReply, parseClientMessage, type ReplyMessage } from './domain/ws-protocol.js';
import { SwitchboardError } from './errors.js';
import type { ConnectionService } from './services/connection-service.js';
import type { IdentifyService } from './services/identify-service.js';

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
 * `$default` answers `{"action":"ping"}` with `{"type":"pong"}`, a browser's `identify` with
 * `values` (or an `error` with its `id`), and anything else with an `error` message, all as the route
 * response.
 */
export function createWebSocketHandlers(options: DeliveryContainerOptions = {}): {
  connect: WebSocketHandler;
  disconnect: WebSocketHandler;
  message: WebSocketHandler;
} {
  let service: ConnectionService | undefined;
  let identify: IdentifyService | undefined;
  const connections = () => {
    service ??= connectionContainer(options);
    return service;
  };
  const answer = async (event: WebSocketEvent): Promise<string | ReplyMessage> => {
    const parsed = parseClientMessage(event.isBase64Encoded ? undefined : event.body);
    if (!parsed.ok) return parsed.reply;
    const { message } = parsed;
    if (message.action === 'ping') return { type: 'pong' };
    try {
      identify ??= identifyContainer(options);
      return await identify.identify(event.requestContext.connectionId, message);
    } catch (error) {
      // The error only: the message holds the context, which must not reach logs.
      console.error('identify failed', (error as Error).name, (error as Error).message);
      return errorReply(
        'unavailable',
        'The server could not answer this identify; send it again',
        message.id,
      );
    }
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
      const reply = await answer(event);
      return { statusCode: 200, body: typeof reply === 'string' ? reply : JSON.stringify(reply) };
    },
  };
}

const handlers = createWebSocketHandlers();
export const connect = handlers.connect;
export const disconnect = handlers.disconnect;
export const message = handlers.message;
