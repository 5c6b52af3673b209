import { type Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { buffer } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';
import type { HttpFetch } from './platform.js';

/**
 * The SDK's {@link HttpFetch} over `node:http(s)` with a given agent, for what global `fetch`
 * cannot do without an extra library: going through an `http.Agent` such as a proxy agent. Reads
 * the whole body (SDK responses are small) and gunzips it when the server compressed it.
 *
 * @example
 * ```ts
 * const fetchViaProxy = agentFetch(new HttpsProxyAgent('http://proxy.internal:3128'));
 * const response = await fetchViaProxy(url, { method: 'GET', headers: {}, signal });
 * ```
 */
export function agentFetch(agent: Agent): HttpFetch {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const send = url.startsWith('https:') ? httpsRequest : httpRequest;
      const request = send(
        url,
        { method: init.method, headers: init.headers, agent, signal: init.signal },
        (response) => {
          buffer(response).then((raw) => {
            const body = response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
            resolve({
              status: response.statusCode ?? 0,
              headers: {
                get: (name) => (response.headers[name.toLowerCase()] as string | undefined) ?? null,
              },
              json: async () => JSON.parse(body.toString('utf8')),
            });
          }, reject);
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });
}
