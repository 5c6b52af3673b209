import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { HttpRequest } from '@smithy/core/protocols';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ApiGatewayBroadcaster,
  MANAGEMENT_ENDPOINT_VAR,
  managementClient,
  PostToConnectionError,
} from './broadcaster.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' };
const region = 'eu-west-1';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** What API Gateway does with a signed request: recompute the signature over the headers it names. */
async function signatureVerifies(
  request: Received,
  secretAccessKey = credentials.secretAccessKey,
): Promise<boolean> {
  const contentHash = request.headers['x-amz-content-sha256'];
  // A signed content hash stands for the body in the signature, so it must match the body itself.
  if (contentHash && contentHash !== createHash('sha256').update(request.body).digest('hex')) return false;
  const authorization = String(request.headers.authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const amzDate = String(request.headers['x-amz-date']);
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13)}`,
  );
  const [path, query] = request.url.split('?');
  const resigned = await new SignatureV4({
    credentials: { ...credentials, secretAccessKey },
    region,
    service: 'execute-api',
    sha256: new ApiGatewayManagementApiClient({ region }).config.sha256,
  }).sign(
    new HttpRequest({
      method: request.method,
      hostname: String(request.headers.host),
      path,
      query: query ? Object.fromEntries(new URLSearchParams(query)) : {},
      headers: Object.fromEntries(signedHeaders.map((name) => [name, String(request.headers[name])])),
      body: request.body,
    }),
    { signingDate },
  );
  return resigned.headers.authorization === authorization;
}

describe('ApiGatewayBroadcaster', () => {
  let server: Server;
  let endpoint: string;
  let received: Received[] = [];
  /** Status codes to answer, in order; 200 once they run out. */
  let answers: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const status = answers.shift() ?? 200;
        // 0 stands for a connection reset before any answer.
        if (status === 0) return req.socket.destroy();
        res.writeHead(status, status === 429 ? { 'x-amzn-errortype': 'LimitExceededException:http://' } : {});
        res.end(status === 200 ? '' : JSON.stringify({ message: `answered ${status}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/production`;
  });
  afterEach(() => {
    received = [];
    answers = [];
  });
  afterAll(() => server.close());

  const client = () =>
    new ApiGatewayManagementApiClient({
      endpoint,
      region,
      credentials,
      // The SDK's standard classification with short delays, so retries don't slow the suite.
      retryStrategy: new ConfiguredRetryStrategy(3, () => 5),
    });
  // API Gateway connection ids are base64: `=`, `+` and `/` must be escaped in the path and the signature.
  const connectionId = 'L0SM9c+FvH/CIhw=';
  const frame = JSON.stringify({ type: 'patch', kind: 'flag', key: 'f', version: 2 });

  it('posts the frame to the stage’s @connections path with a signature that verifies', async () => {
    expect(await new ApiGatewayBroadcaster(client()).post(connectionId, frame)).toBe('sent');

    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/production/@connections/L0SM9c%2BFvH%2FCIhw%3D');
    expect(request?.body).toBe(frame);
    expect(request?.headers['x-amz-security-token']).toBe('session');
    expect(request && (await signatureVerifies(request))).toBe(true);
    expect(request && (await signatureVerifies({ ...request, body: `${frame} ` }))).toBe(false);
  });

  it('signs as the SDK’s own PostToConnection does (the check above accepts it and rejects a wrong key)', async () => {
    await client().send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(frame) }),
    );
    const [request] = received;
    expect(request?.url).toBe('/production/@connections/L0SM9c%2BFvH%2FCIhw%3D');
    expect(request && (await signatureVerifies(request))).toBe(true);
    expect(request && (await signatureVerifies(request, 'another secret'))).toBe(false);
    expect(request && (await signatureVerifies({ ...request, body: `${frame} ` }))).toBe(false);
    expect(
      request && (await signatureVerifies({ ...request, url: '/production/@connections/another' })),
    ).toBe(false);
  });

  it('answers a 410 with gone, without retrying', async () => {
    answers = [410];
    expect(await new ApiGatewayBroadcaster(client()).post(connectionId, frame)).toBe('gone');
    expect(received).toHaveLength(1);
  });

  it('retries throttling and server errors with the client’s retry strategy', async () => {
    answers = [429, 503];
    expect(await new ApiGatewayBroadcaster(client()).post(connectionId, frame)).toBe('sent');
    expect(received).toHaveLength(3);
  });

  // The SDK's classification (`@smithy/service-error-classification`): 429 is throttling, 500/502/503/504
  // are transient, and every other status is final, 501 included.
  it.each([
    [429, 2],
    [500, 2],
    [502, 2],
    [503, 2],
    [504, 2],
    [400, 1],
    [403, 1],
    [413, 1],
    [501, 1],
  ])('answered %i, makes %i attempt(s) where one more would succeed', async (status, attempts) => {
    answers = [status];
    const posting = new ApiGatewayBroadcaster(client()).post(connectionId, frame);
    if (attempts === 1) await expect(posting).rejects.toThrow(`HTTP ${status}`);
    else expect(await posting).toBe('sent');
    expect(received).toHaveLength(attempts);
  });

  it('retries a post whose connection was reset before an answer', async () => {
    answers = [0];
    expect(await new ApiGatewayBroadcaster(client()).post(connectionId, frame)).toBe('sent');
    expect(received).toHaveLength(2);
  });

  it('paces posts with the SDK’s adaptive retry mode, which still retries a throttled post', async () => {
    // As Lambda sets them.
    vi.stubEnv(MANAGEMENT_ENDPOINT_VAR, endpoint);
    vi.stubEnv('AWS_REGION', region);
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    try {
      const adaptive = managementClient();
      expect(((await adaptive.config.retryStrategy()) as { mode?: string }).mode).toBe('adaptive');
      answers = [429];
      expect(await new ApiGatewayBroadcaster(adaptive).post(connectionId, frame)).toBe('sent');
      expect(received).toHaveLength(2);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('gives up after the strategy’s attempts with the gateway’s status and message', async () => {
    answers = [500, 500, 500, 500];
    const posting = new ApiGatewayBroadcaster(client()).post(connectionId, frame);
    await expect(posting).rejects.toThrow(PostToConnectionError);
    await expect(posting).rejects.toThrow(/HTTP 500: .*answered 500/);
    expect(received).toHaveLength(3);
  });

  it('does not retry a client error', async () => {
    answers = [403];
    await expect(new ApiGatewayBroadcaster(client()).post(connectionId, frame)).rejects.toThrow(/HTTP 403/);
    expect(received).toHaveLength(1);
  });
});
