import {
  type ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionCloser } from '../../services/delivery-ports.js';

/**
 * `DeleteConnection` on the stage's `@connections` endpoint: API Gateway closes the socket and runs
 * `$disconnect`. Closing is rare (a revoked credential), so this uses the client's ordinary command
 * path, retries included; a 410 is an outcome, not an error.
 */
export class ApiGatewayConnectionCloser implements ConnectionCloser {
  constructor(private readonly client: ApiGatewayManagementApiClient) {}

  async close(connectionId: string): Promise<'closed' | 'gone'> {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      return 'closed';
    } catch (error) {
      if (error instanceof GoneException) return 'gone';
      throw error;
    }
  }
}
