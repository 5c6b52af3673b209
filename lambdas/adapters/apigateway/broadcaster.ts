import {
  ApiGatewayManagementApiClient,
  type ApiGatewayManagementApiClientResolvedConfig,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { extendedEncodeURIComponent, HttpRequest } from '@smithy/core/protocols';
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  Endpoint,
  HttpResponse,
  RetryErrorType,
  RetryStrategy,
  RetryStrategyV2,
  SdkError,
} from '@smithy/types';
import type { Broadcaster, PostOutcome } from '../../services/delivery-ports.js';
import { awsRequestHandler } from '../client-options.js';
import { requiredSetting } from '../config.js';
import { tally } from '../telemetry-core.js';

/** Environment variable holding the stage's `@connections` endpoint (set by the stack and the local runtime). */
export const MANAGEMENT_ENDPOINT_VAR = 'WS_MANAGEMENT_ENDPOINT';

/**
 * A management API client for the endpoint in `WS_MANAGEMENT_ENDPOINT`, over keep-alive sockets, as
 * many as `maxSockets` posts in flight. Its retry mode is `adaptive`: once the account's callback
 * throttle answers 429, the client's token bucket slows its posts (CUBIC, as TCP does) instead of
 * retrying at full speed, so the fan-out and its workers settle under the throttle together.
 */
export function managementClient(maxSockets = 64): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({
    endpoint: requiredSetting(MANAGEMENT_ENDPOINT_VAR),
    retryMode: 'adaptive',
    requestHandler: awsRequestHandler({ maxSockets }),
  });
}

/** A post that failed for good: the status and the gateway's message, in the SDK's error shape for retry classification. */
export class PostToConnectionError extends Error {
  override readonly name: string;
  readonly $metadata: { readonly httpStatusCode?: number };

  constructor(connectionId: string, status: number | undefined, errorType: string, detail: string) {
    super(`PostToConnection ${connectionId} failed${status ? ` with HTTP ${status}` : ''}: ${detail}`);
    this.name = errorType;
    this.$metadata = status === undefined ? {} : { httpStatusCode: status };
  }
}

interface Transport {
  readonly endpoint: Endpoint;
  readonly signer: SignatureV4;
  readonly retry: RetryStrategyV2;
}

/** The SDK's classification: throttling (429 and its error names) and transient (5xx, network) errors are retried. */
const retryErrorType = (error: SdkError): RetryErrorType => {
  if (isThrottlingError(error)) return 'THROTTLING';
  return isTransientError(error) ? 'TRANSIENT' : 'CLIENT_ERROR';
};

const retryStrategyV2 = (strategy: RetryStrategy | RetryStrategyV2): RetryStrategyV2 => {
  if ('acquireInitialRetryToken' in strategy) return strategy;
  throw new Error('The management API client needs a token-based (v2) retry strategy');
};

/**
 * Posts frames to `@connections/{id}` with the management client's own credentials, region, SigV4
 * signer, HTTP handler and retry strategy, but without its per-command middleware stack: fan-out is
 * nothing but posts, and that stack (schema serde, endpoint rules, user agent, middleware) cost 3–4×
 * the CPU of the signed request itself (`npm run bench:post`). A 410 is an outcome, not an error.
 */
export class ApiGatewayBroadcaster implements Broadcaster {
  private readonly encoder = new TextEncoder();
  private transport: Promise<Transport> | undefined;

  constructor(private readonly client: ApiGatewayManagementApiClient) {}

  async post(connectionId: string, frame: string): Promise<PostOutcome> {
    this.transport ??= this.resolveTransport();
    const transport = await this.transport;
    let token = await transport.retry.acquireInitialRetryToken('execute-api');
    for (;;) {
      try {
        const outcome = await this.attempt(transport, connectionId, frame);
        transport.retry.recordSuccess(token);
        return outcome;
      } catch (error) {
        // The strategy refuses once attempts or its retry quota are spent: the post's own error is rethrown.
        const failure = error as SdkError;
        if (isThrottlingError(failure)) tally('PostsThrottled');
        token = await transport.retry
          .refreshRetryTokenForRetry(token, { error: failure, errorType: retryErrorType(failure) })
          .catch(() => Promise.reject(error));
      }
    }
  }

  private async attempt(transport: Transport, connectionId: string, frame: string): Promise<PostOutcome> {
    const { endpoint } = transport;
    const request = new HttpRequest({
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port,
      method: 'POST',
      path: `${endpoint.path.replace(/\/$/, '')}/@connections/${extendedEncodeURIComponent(connectionId)}`,
      headers: {
        host: endpoint.port ? `${endpoint.hostname}:${endpoint.port}` : endpoint.hostname,
        'content-type': 'application/octet-stream',
      },
      body: this.encoder.encode(frame),
    });
    const { response } = await this.client.config.requestHandler.handle(
      (await transport.signer.sign(request)) as HttpRequest,
    );
    const body = await this.readBody(response);
    if (response.statusCode === 410) return 'gone';
    if (response.statusCode >= 200 && response.statusCode < 300) return 'sent';
    throw new PostToConnectionError(
      connectionId,
      response.statusCode,
      response.headers['x-amzn-errortype']?.split(':')[0] ?? `Http${response.statusCode}`,
      body || 'no message',
    );
  }

  private async readBody(response: HttpResponse): Promise<string> {
    const bytes = await this.client.config.streamCollector(response.body);
    return bytes.byteLength === 0 ? '' : new TextDecoder().decode(bytes);
  }

  private async resolveTransport(): Promise<Transport> {
    const config: ApiGatewayManagementApiClientResolvedConfig = this.client.config;
    if (!config.endpoint) throw new Error('The management API client has no endpoint');
    return {
      endpoint: await config.endpoint(),
      signer: new SignatureV4({
        credentials: config.credentials,
        region: await config.region(),
        service: 'execute-api',
        sha256: config.sha256,
        uriEscapePath: config.signingEscapePath,
      }),
      retry: retryStrategyV2(await config.retryStrategy()),
    };
  }
}
