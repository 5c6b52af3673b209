import {
  ApiGatewayManagementApiClient,
  type ApiGatewayManagementApiClientResolvedConfig,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type {
  Endpoint,
  HttpRequest,
  HttpResponse,
  RequestSigner,
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
  readonly signer: RequestSigner;
  readonly retry: RetryStrategyV2;
}

/**
 * The SDK's retry classification (`@smithy/service-error-classification`) of what a post can meet: the
 * gateway's answers, as {@link PostToConnectionError}, and the HTTP handler's socket and timeout
 * errors. Stated here rather than imported: the fan-out bundles carry none of the SDK, whose
 * `@smithy/*` packages Lambda's runtime holds but does not document as importable.
 */
const THROTTLING_STATUS = 429;
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

type PostFailure = SdkError & { readonly code?: string; readonly cause?: unknown };

const isThrottling = (error: PostFailure): boolean =>
  error.$metadata?.httpStatusCode === THROTTLING_STATUS || error.$retryable?.throttling === true;

const isTransient = (error: PostFailure, depth = 0): boolean =>
  error.name !== 'AbortError' &&
  (error.$retryable !== undefined ||
    TRANSIENT_NAMES.has(error.name) ||
    NETWORK_CODES.has(error.code ?? '') ||
    TRANSIENT_STATUSES.has(error.$metadata?.httpStatusCode ?? 0) ||
    (error.cause instanceof Error && depth < 10 && isTransient(error.cause as PostFailure, depth + 1)));

/** Throttling and transient errors are retried (the strategy's rule); client errors are not. */
const retryErrorType = (error: PostFailure): RetryErrorType => {
  if (isThrottling(error)) return 'THROTTLING';
  return isTransient(error) ? 'TRANSIENT' : 'CLIENT_ERROR';
};

/** RFC 3986 escaping of a path segment, as the SDK's serializer escapes `{ConnectionId}`. */
const escapeSegment = (segment: string): string =>
  encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

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
        const failure = error as PostFailure;
        if (isThrottling(failure)) tally('PostsThrottled');
        token = await transport.retry
          .refreshRetryTokenForRetry(token, { error: failure, errorType: retryErrorType(failure) })
          .catch(() => Promise.reject(error));
      }
    }
  }

  private async attempt(transport: Transport, connectionId: string, frame: string): Promise<PostOutcome> {
    const { endpoint } = transport;
    // A plain request: the signer and the handler take any object of this shape, so the SDK's class
    // (and the package it lives in) stays out of the bundle.
    const request: HttpRequest = {
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port,
      method: 'POST',
      path: `${endpoint.path.replace(/\/$/, '')}/@connections/${escapeSegment(connectionId)}`,
      query: {},
      headers: {
        host: endpoint.port ? `${endpoint.hostname}:${endpoint.port}` : endpoint.hostname,
        'content-type': 'application/octet-stream',
      },
      body: this.encoder.encode(frame),
    };
    const { response } = await this.client.config.requestHandler.handle(await transport.signer.sign(request));
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
      // The client's own SigV4 signer (service `execute-api`, its region and credentials), built by
      // the runtime's SDK.
      signer: await config.signer(),
      retry: retryStrategyV2(await config.retryStrategy()),
    };
  }
}
