import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { awsErrorResponse, type GatewayResponse, jsonResponse } from '../http/http-result.js';
import { requests } from './faults.js';
import type { RuntimeFaults } from './runtime-faults.js';

/** `/@faults`: the runtime's fault hooks for another process (a soak script, a shell). */
const PATH = /^\/@faults(?:\?.*)?$/;

const faultRequest = z
  .strictObject({
    connections: z
      .strictObject({
        status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]),
        requests: z.number().int().positive().optional(),
        durationMs: z.number().int().positive().optional(),
      })
      .optional(),
    crash: z
      .strictObject({
        function: z.string().min(1),
        afterRequests: z.number().int().positive().optional(),
        matching: z.enum(['postToConnection', 'dynamoDbWrite']).optional(),
        invocations: z.number().int().positive().optional(),
      })
      .optional(),
    engine: z
      .strictObject({
        name: z.enum(['dynamodb', 'kinesis']),
        action: z.enum(['kill', 'stop', 'start']),
      })
      .optional(),
  })
  .refine((fault) => Object.keys(fault).length === 1, {
    message: 'Give exactly one of connections, crash or engine',
  });

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
    const parsed = faultRequest.safeParse(json);
    if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
    const fault = parsed.data;
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
