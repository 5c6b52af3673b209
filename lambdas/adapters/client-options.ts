import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { NodeHttpHandlerOptions } from '@smithy/node-http-handler';

/**
 * Connection and request timeouts for every AWS client the functions make. The SDK's default waits
 * on a socket without limit, so one stalled connection would hold an invocation until Lambda's own
 * timeout; with these the SDK's retry strategy gets a failed attempt it can retry in time.
 * `requestTimeoutMs` bounds the wait for a response once the request is sent. Given as options, not
 * as a handler: the client builds its handler with the runtime's SDK, so none is bundled.
 */
export function awsRequestHandler(
  options: { readonly requestTimeoutMs?: number; readonly maxSockets?: number } = {},
): NodeHttpHandlerOptions {
  const maxSockets = options.maxSockets ?? 50;
  return {
    connectionTimeout: 1_000,
    requestTimeout: options.requestTimeoutMs ?? 5_000,
    // Without it the handler only logs a warning and keeps waiting.
    throwOnRequestTimeout: true,
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
}
