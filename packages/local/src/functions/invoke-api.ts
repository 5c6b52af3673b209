import type { IncomingMessage } from 'node:http';
import { awsErrorResponse, type GatewayResponse, jsonResponse } from '../http/http-result.js';
import { type Logger, since } from '../log.js';
import type { Invoke } from './load-functions.js';

/** `POST /2015-03-31/functions/{name, physical name or ARN}/invocations` (Lambda's Invoke). */
const PATH = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?.*)?$/;

/** Lambda retries a failed asynchronous invocation twice. */
const ASYNC_RETRIES = 2;

const lambdaError = (statusCode: number, type: string, message: string): GatewayResponse =>
  awsErrorResponse(statusCode, type, { Type: 'User', message });

export interface InvokeApiOptions {
  readonly functions: ReadonlyMap<string, Invoke>;
  /** Physical name → logical name, as handlers find them in `<NAME>_FUNCTION`. */
  readonly logicalName: (name: string) => string | undefined;
  readonly logger: Logger;
  /**
   * Functions whose invocations are refused with 500 `ServiceException` (checked per request), to
   * show what callers do when Lambda fails them. @default none
   */
  readonly refused?: ReadonlySet<string>;
}

/**
 * The part of the Lambda API handlers call: `Invoke`, synchronous (`RequestResponse`: the result,
 * or `X-Amz-Function-Error: Unhandled` with the error) or asynchronous (`Event`: 202 at once, then
 * run with Lambda's two retries), so a handler's `LambdaClient` works unchanged against the local
 * runtime (`AWS_ENDPOINT_URL_LAMBDA`). Returns undefined for other paths.
 */
export function createInvokeApi(options: InvokeApiOptions) {
  const { logger } = options;
  const runAsync = async (name: string, invoke: Invoke, event: unknown) => {
    for (let attempt = 0; attempt <= ASYNC_RETRIES; attempt++) {
      const started = performance.now();
      try {
        await invoke(event);
        logger.activity(`λ ${name} (Event) ok ${since(started)}`);
        return;
      } catch (error) {
        logger.activity(`λ ${name} (Event) failed ${since(started)}, attempt ${attempt + 1}`);
        logger.warn(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    logger.warn(`${name}: asynchronous invocation given up after ${ASYNC_RETRIES} retries`);
  };

  return async (request: IncomingMessage, body: Buffer): Promise<GatewayResponse | undefined> => {
    const matched = PATH.exec(request.url ?? '');
    if (!matched || request.method !== 'POST') return undefined;
    const requested = decodeURIComponent(matched[1] as string);
    // An ARN's sixth field is the name; a qualifier (`:alias`) is ignored locally.
    const bare = requested.startsWith('arn:') ? (requested.split(':')[6] ?? '') : requested.split(':')[0];
    const name = options.logicalName(bare ?? '') ?? bare ?? '';
    const invoke = options.functions.get(name);
    if (!invoke) return lambdaError(404, 'ResourceNotFoundException', `Function not found: ${requested}`);
    if (options.refused?.has(name)) {
      logger.activity(`λ ${name} refused (runtime control)`);
      return awsErrorResponse(500, 'ServiceException', {
        Type: 'Service',
        message: 'Refused by the local runtime’s controls',
      });
    }
    let event: unknown;
    try {
      event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return lambdaError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }
    const type = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (type === 'DryRun') return { statusCode: 204, headers: {}, body: Buffer.alloc(0) };
    if (type === 'Event') {
      // Queued, as Lambda does: the function starts once the caller has its 202, not inside the call.
      setImmediate(() => void runAsync(name, invoke, event));
      return { statusCode: 202, headers: {}, body: Buffer.alloc(0) };
    }
    const started = performance.now();
    try {
      const result = await invoke(event);
      logger.activity(`λ ${name} (RequestResponse) ok ${since(started)}`);
      return jsonResponse(200, result ?? null, { 'x-amz-executed-version': ['$LATEST'] });
    } catch (error) {
      logger.activity(`λ ${name} (RequestResponse) failed ${since(started)}`);
      return jsonResponse(
        200,
        {
          errorType: (error as Error).name ?? 'Error',
          errorMessage: (error as Error).message ?? String(error),
        },
        { 'x-amz-function-error': ['Unhandled'], 'x-amz-executed-version': ['$LATEST'] },
      );
    }
  };
}
