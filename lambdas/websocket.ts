import { errorAttributes, instrumented, logger } from './adapters/telemetry.js';
import { type DeliveryContainerOptions, identifyContainer, receiptContainer } from './delivery-container.js';
import { errorReply, parseClientMessage, type ReplyMessage } from './domain/ws-protocol.js';
import { lazy } from './wiring.js';
import { createConnectionHandlers, type WebSocketEvent, type WebSocketHandler } from './ws-connection.js';

export type { WebSocketEvent, WebSocketHandler, WebSocketResult } from './ws-connection.js';

/**
 * The WebSocket API's `$default` route: answers `{"action":"ping"}` with `{"type":"pong"}`, a
 * browser's `identify` with `values` (or an `error` with its `id`), and anything else with an
 * `error` message, all as the route response. An `ack` (delivery receipts) is put on the analytics
 * stream and never answered.
 */
export function createMessageHandler(options: DeliveryContainerOptions = {}): WebSocketHandler {
  const identify = lazy(() => identifyContainer(options));
  const receipts = lazy(() => receiptContainer(options));
  const answer = async (event: WebSocketEvent): Promise<string | ReplyMessage | undefined> => {
    const parsed = parseClientMessage(event.isBase64Encoded ? undefined : event.body);
    if (!parsed.ok) return parsed.reply;
    const { message } = parsed;
    if (message.action === 'ping') return { type: 'pong' };
    if (message.action === 'ack') {
      try {
        await receipts().ack(event.requestContext.connectionId, message);
      } catch (error) {
        // A lost ack only lowers a receipt's count; the SDK is not asked to send it again.
        logger.error('ack failed', errorAttributes(error));
      }
      return undefined;
    }
    try {
      return await identify().identify(event.requestContext.connectionId, message);
    } catch (error) {
      // The error only: the message holds the context, which must not reach logs.
      logger.error('identify failed', errorAttributes(error));
      return errorReply(
        'unavailable',
        'The server could not answer this identify; send it again',
        message.id,
      );
    }
  };
  return async (event) => {
    const reply = await answer(event);
    if (reply === undefined) return { statusCode: 200 };
    return { statusCode: 200, body: typeof reply === 'string' ? reply : JSON.stringify(reply) };
  };
}

/**
 * The WebSocket API's three routes (`ws-connection.ts`'s two and `$default`), for hosts that run
 * them in one process, such as the local runtime's tests.
 *
 * @example
 * ```ts
 * const { connect, message } = createWebSocketHandlers({ credentialCacheTtlMs: 0 });
 * ```
 */
export function createWebSocketHandlers(options: DeliveryContainerOptions = {}): {
  connect: WebSocketHandler;
  disconnect: WebSocketHandler;
  message: WebSocketHandler;
} {
  return { ...createConnectionHandlers(options), message: createMessageHandler(options) };
}

export const message = instrumented(createMessageHandler());
