import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Broadcaster, PostOutcome } from '../../services/delivery-ports.js';

/** Environment variable holding the stage's `@connections` endpoint (set by the stack and the local runtime). */
export const MANAGEMENT_ENDPOINT_VAR = 'WS_MANAGEMENT_ENDPOINT';

/**
 * A management API client for the endpoint in `WS_MANAGEMENT_ENDPOINT`, over keep-alive sockets, as
 * many as `maxSockets` posts in flight.
 */
export function managementClient(maxSockets = 64): ApiGatewayManagementApiClient {
  const endpoint = process.env[MANAGEMENT_ENDPOINT_VAR];
  if (!endpoint) throw new Error(`Environment variable ${MANAGEMENT_ENDPOINT_VAR} is not set`);
  return new ApiGatewayManagementApiClient({
    endpoint,
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
    }),
  });
}

/** Posts frames with `PostToConnection`; a 410 (`GoneException`) is an outcome, not an error. */
export class ApiGatewayBroadcaster implements Broadcaster {
  private readonly encoder = new TextEncoder();

  constructor(private readonly client: ApiGatewayManagementApiClient) {}

  async post(connectionId: string, frame: string): Promise<PostOutcome> {
    try {
      await this.client.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: this.encoder.encode(frame) }),
      );
      return 'sent';
    } catch (error) {
      if (error instanceof GoneException || (error as { name?: string }).name === 'GoneException') {
        return 'gone';
      }
      throw error;
    }
  }
}
