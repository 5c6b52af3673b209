import type { IncomingMessage } from 'node:http';
import { awsErrorResponse, type GatewayResponse, jsonResponse } from '../http/http-result.js';
import type { ConnectionRegistry } from './connections.js';

/** `/@connections/{id}`, with or without a stage prefix (the SDK adds whatever the endpoint has). */
const PATH = /^(?:\/[^/@]+)?\/@connections\/([^/?]+)(?:\?.*)?$/;

/** API Gateway's management API errors: the type in `x-amzn-ErrorType`, which the SDK maps to its exception. */
const managementError = (statusCode: number, type: string, message: string): GatewayResponse =>
  awsErrorResponse(statusCode, type, { message });

/**
 * The API Gateway management API (`PostToConnection`, `GetConnection`, `DeleteConnection`) over
 * the live connections, with API Gateway's status codes, so that `ApiGatewayManagementApiClient`
 * works against it unchanged. Returns undefined for paths that are not `@connections`.
 */
export function createManagementApi(connections: ConnectionRegistry, maxMessageBytes: number) {
  return async (request: IncomingMessage, body: Buffer): Promise<GatewayResponse | undefined> => {
    const matched = PATH.exec(request.url ?? '');
    if (!matched) return undefined;
    const connectionId = decodeURIComponent(matched[1] as string);
    const connection = connections.get(connectionId);
    if (!connection) return managementError(410, 'GoneException', `Connection ${connectionId} is gone`);
    switch (request.method) {
      case 'POST': {
        if (body.length > maxMessageBytes) {
          return managementError(413, 'PayloadTooLargeException', 'Message too long');
        }
        // A text frame of the posted bytes as they are, as API Gateway sends them.
        await new Promise<void>((resolve, reject) =>
          connection.socket.send(body, { binary: false }, (error) => (error ? reject(error) : resolve())),
        );
        connections.touch(connectionId);
        return { statusCode: 200, headers: {}, body: Buffer.alloc(0) };
      }
      case 'GET':
        // The wire names are the model's `jsonName`s; the SDK turns them into ConnectedAt, Identity, …
        return jsonResponse(200, {
          connectedAt: new Date(connection.connectedAt).toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        });
      case 'DELETE':
        connections.close(connectionId);
        return { statusCode: 204, headers: {}, body: Buffer.alloc(0) };
      default:
        return managementError(403, 'ForbiddenException', 'Forbidden');
    }
  };
}
