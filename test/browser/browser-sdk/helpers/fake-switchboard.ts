import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type WebSocket, WebSocketServer } from 'ws';
import { createExamplesApi } from '../../../../packages/local/src/http/examples.js';

export const CLIENT_SIDE_ID = 'csid-demo';
const rootDir = resolve(import.meta.dirname, '../../../..');

export interface FakeSwitchboardOptions {
  /** Every client-side flag's result, as the answer to an identify carries them. */
  readonly values: Record<string, unknown>;
  /** Delay before answering an identify, so a test can watch what shows before live values. */
  readonly answerDelayMs?: number;
  /** More pages on the same origin, by path: a customer's app beside the demo. */
  readonly pages?: Readonly<Record<string, { readonly contentType: string; readonly body: string }>>;
}

/**
 * A small server that speaks the browser wire contract on one port: the demo page (through the
 * local runtime's examples mount), `identify` → `values` over WebSocket with `push`, the evaluate
 * endpoint and the events endpoint (recording what arrives). `?bootstrap=<json>` on the page plays
 * the customer's server rendering bootstrap values into the HTML.
 *
 * @example
 * const server = await startFakeSwitchboard({ values: { beta: { value: true, variationIndex: 0, version: 1 } } });
 * await page.goto(server.pageUrl);
 * server.push({ beta: { value: false, variationIndex: 1, version: 2 } });
 * await server.close();
 */
export async function startFakeSwitchboard(options: FakeSwitchboardOptions) {
  const identified = new Map<WebSocket, number>();
  const events: Record<string, unknown>[] = [];
  const identifies: Record<string, unknown>[] = [];
  const examples = createExamplesApi({
    rootDir,
    config: () => ({ clientSideId: CLIENT_SIDE_ID, baseUrl, streamUrl, flag: 'new-checkout' }),
  });

  const handle = async (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    const url = new URL(request.url ?? '/', baseUrl);
    if (request.method === 'POST' && url.pathname === `/sdk/v1/events/${CLIENT_SIDE_ID}`) {
      events.push(...(JSON.parse(body.toString()) as Record<string, unknown>[]));
      return response.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    }
    if (request.method === 'POST' && url.pathname === `/sdk/v1/evaluate/${CLIENT_SIDE_ID}`) {
      return response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ values: options.values }));
    }
    const page = options.pages?.[url.pathname];
    if (page) return response.writeHead(200, { 'content-type': page.contentType }).end(page.body);
    const answer = await examples(request, body);
    if (!answer) return response.writeHead(404).end();
    let content = answer.body.toString();
    const bootstrap = url.searchParams.get('bootstrap');
    if (bootstrap && url.pathname.endsWith('/')) {
      content = content.replace(
        '<script type="module"',
        `<script>window.__SWITCHBOARD_BOOTSTRAP__ = ${bootstrap};</script>\n<script type="module"`,
      );
    }
    response.writeHead(
      answer.statusCode,
      Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, v.join(', ')])),
    );
    response.end(content);
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request, response, Buffer.concat(chunks)).catch(() => response.writeHead(500).end());
    });
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket, request) => {
    if (new URL(request.url ?? '/', baseUrl).searchParams.get('clientSideId') !== CLIENT_SIDE_ID) {
      socket.close(1008);
      return;
    }
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (message.action === 'ping') return socket.send('{"type":"pong"}');
      if (message.action !== 'identify') return;
      identifies.push(message);
      const id = message.id as number;
      identified.set(socket, id);
      setTimeout(
        () =>
          socket.send(JSON.stringify({ type: 'values', id, stateAt: Date.now(), values: options.values })),
        options.answerDelayMs ?? 0,
      );
    });
    socket.on('close', () => identified.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const streamUrl = `ws://127.0.0.1:${port}`;
  return {
    pageUrl: `${baseUrl}/examples/browser/`,
    events,
    identifies,
    /** Sends a `values` push of `changes` to every identified connection, with its identify's id. */
    push(changes: Record<string, unknown>): void {
      Object.assign(options.values, changes);
      for (const [socket, id] of identified)
        socket.send(
          JSON.stringify({ type: 'values', id, partial: true, stateAt: Date.now(), values: changes }),
        );
    },
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((done) => sockets.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
