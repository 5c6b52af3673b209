import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { apiGatewayTime } from '../clock-format.js';

/** What a WebSocket event needs to know about its connection. */
export interface ConnectionFacts {
  readonly connectionId: string;
  readonly connectedAt: number;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly domainName: string;
  readonly apiId: string;
}

interface EventFacts {
  readonly requestId: string;
  readonly now: Date;
}

function requestContext(
  connection: ConnectionFacts,
  facts: EventFacts,
  routeKey: string,
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT',
) {
  return {
    routeKey,
    eventType,
    extendedRequestId: facts.requestId,
    requestTime: apiGatewayTime(facts.now),
    messageDirection: 'IN' as const,
    stage: '$default',
    connectedAt: connection.connectedAt,
    requestTimeEpoch: facts.now.getTime(),
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    requestId: facts.requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
  };
}

/** Header and query maps as API Gateway's WebSocket events carry them: single- and multi-valued. */
function multiValued(pairs: Iterable<[string, string]>) {
  const multi: Record<string, string[]> = {};
  for (const [key, value] of pairs) multi[key] = [...(multi[key] ?? []), value];
  const single = Object.fromEntries(
    Object.entries(multi).map(([key, values]) => [key, values.at(-1) as string]),
  );
  return { single, multi };
}

export interface ConnectRequest {
  /** Node's `rawHeaders`; API Gateway keeps header names as sent for `$connect`. */
  readonly rawHeaders: readonly string[];
  readonly rawQueryString: string;
}

export function buildConnectEvent(connection: ConnectionFacts, request: ConnectRequest, facts: EventFacts) {
  const headerPairs: [string, string][] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headerPairs.push([request.rawHeaders[i] as string, request.rawHeaders[i + 1] as string]);
  }
  const headers = multiValued(headerPairs);
  const query = multiValued(new URLSearchParams(request.rawQueryString));
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    ...(Object.keys(query.single).length > 0
      ? { queryStringParameters: query.single, multiValueQueryStringParameters: query.multi }
      : {}),
    requestContext: requestContext(connection, facts, '$connect', 'CONNECT'),
    isBase64Encoded: false,
  };
}

export function buildMessageEvent(
  connection: ConnectionFacts,
  routeKey: string,
  message: { readonly body: string; readonly isBinary: boolean; readonly messageId: string },
  facts: EventFacts,
): APIGatewayProxyWebsocketEventV2 {
  return {
    requestContext: {
      ...requestContext(connection, facts, routeKey, 'MESSAGE'),
      messageId: message.messageId,
    },
    body: message.body,
    isBase64Encoded: message.isBinary,
  };
}

export function buildDisconnectEvent(
  connection: ConnectionFacts,
  close: { readonly statusCode: number; readonly reason: string },
  facts: EventFacts,
) {
  return {
    headers: { Host: connection.domainName },
    multiValueHeaders: { Host: [connection.domainName] },
    requestContext: {
      ...requestContext(connection, facts, '$disconnect', 'DISCONNECT'),
      disconnectStatusCode: close.statusCode,
      disconnectReason: close.reason,
    },
    isBase64Encoded: false,
  };
}

/**
 * API Gateway's route selection expression `$request.body.action`: the `action` of a JSON body when
 * a route of that key exists, else `$default` (undefined when that is not declared either).
 */
export function selectRoute(body: string, routeKeys: ReadonlySet<string>): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const action =
      typeof parsed === 'object' && parsed !== null ? (parsed as { action?: unknown }).action : undefined;
    if (typeof action === 'string' && routeKeys.has(action)) return action;
  } catch {
    // Not JSON: only `$default` can take it.
  }
  return routeKeys.has('$default') ? '$default' : undefined;
}
