import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { awsErrorResponse, type GatewayResponse, jsonResponse } from '../http/http-result.js';
import { requests } from './faults.js';
import type { RuntimeFaults } from './runtime-faults.js';

/** `/@faults`: the runtime's fault hooks for another process (a soak script, a shell). */
const PATH = /^\/@faults(?:\?.*)?$/;

const positiveInt = v.optional(v.pipe(v.number(), v.integer(), v.gtValue(0)));

const faultRequest = v.pipe(
  v.strictObject({
    connections: v.optional(
      v.strictObject({
        status: v.picklist([429, 500, 502, 503]),
        requests: positiveInt,
        durationMs: positiveInt,
      }),
    ),
    crash: v.optional(
      v.strictObject({
        function: v.pipe(v.string(), v.minLength(1)),
        afterRequests: positiveInt,
        matching: v.optional(v.picklist(['postToConnection', 'dynamoDbWrite'])),
        invocations: positiveInt,
      }),
    ),
    engine: v.optional(
      v.strictObject({
        name: v.picklist(['dynamodb', 'kinesis']),
        action: v.picklist(['kill', 'stop', 'start']),
      }),
    ),
  }),
  v.check((fault) => Object.keys(fault).length === 1, 'Give exactly one of connections, crash or engine'),
);

const badRequest = (message: string): GatewayResponse =>
  awsErrorResponse(400, 'BadRequestException', { message });

/**
 * The fault hooks over HTTP, on the runtime's own (loopback by default) port, unauthenticated like
 * `@connections`: `POST /@faults` with one of `{ connections }`, `{ crash }` (`matching` names one
 * of {@link requests}) or `{ engine: { name, action } }` applies it and answers the counters;
 * `GET` answers the counters; `DELETE` lifts every fault. Returns undefined for other paths.
 *
 * @example
 * curl -X POST localhost:4000/@faults -d '{"connections":{"status":429,"durationMs":5000}}'
 */
export function createFaultsApi(faults: RuntimeFaults) {
  const counters = () =>
    jsonResponse(200, { connectionErrors: faults.connectionErrors, crashes: faults.crashes });
  return async (request: IncomingMessage, body: Buffer): Promise<GatewayResponse | undefined> => {
    if (!PATH.test(request.url ?? '')) return undefined;
    if (request.method === 'GET') return counters();
    if (request.method === 'DELETE') {
      faults.clear();
      return counters();
    }
    if (request.method !== 'POST')
      return awsErrorResponse(405, 'MethodNotAllowed', { message: 'GET, POST or DELETE' });
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return badRequest('The body is not JSON');
    }
    const parsed = v.safeParse(faultRequest, json);
    if (!parsed.success) return badRequest(v.summarize(parsed.issues));
    const fault = parsed.output;
    try {
      if (fault.connections) faults.failConnections(fault.connections);
      if (fault.crash) {
        const { matching, ...crash } = fault.crash;
        faults.crash({ ...crash, ...(matching ? { matching: requests[matching] } : {}) });
      }
      const engine = fault.engine;
      if (engine?.action === 'start') await faults.startEngine(engine.name);
      else if (engine) await faults.stopEngine(engine.name, engine.action === 'kill' ? 'kill' : 'graceful');
    } catch (error) {
      return badRequest((error as Error).message);
    }
    return counters();
  };
}
