import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Invoke } from '../functions/load-functions.js';
import { type Logger, since } from '../log.js';
import type { RuntimeTopology } from '../topology.js';
import { newConnectionId } from './connection-id.js';
import type { ConnectionRegistry, LiveConnection, WebSocketLimits } from './connections.js';
import {
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  type ConnectionFacts,
  selectRoute,
} from './ws-events.js';

export interface WebSocketGatewayOptions {
  readonly topology: RuntimeTopology;
  readonly functions: ReadonlyMap<string, Invoke>;
  readonly connections: ConnectionRegistry;
  readonly limits: WebSocketLimits;
  readonly logger: Logger;
}

const statusOf = (result: unknown): number =>
  typeof result === 'object' &&
  result !== null &&
  typeof (result as { statusCode?: unknown }).statusCode === 'number'
    ? (result as { statusCode: number }).statusCode
    : 200;

const bodyOf = (result: unknown): string | undefined =>
  typeof result === 'object' && result !== null && typeof (result as { body?: unknown }).body === 'string'
    ? (result as { body: string }).body
    : undefined;

/**
 * The local WebSocket API. `$connect` decides whether the handshake completes (a non-2xx result or an
 * error answers the upgrade with that HTTP status and never opens the socket); messages go to the
 * route named by their `action`, else `$default`; a route's returned `body` is sent back to the
 * client, as API Gateway does for routes with a route response; `$disconnect` runs on every close
 * of an opened connection.
 */
export interface WebSocketGateway {
  readonly server: Server;
  /** Closes every connection (1001 Going away) and waits for their `$disconnect` handlers. */
  closeAll(): Promise<void>;
}

export function createWebSocketGateway(options: WebSocketGatewayOptions): WebSocketGateway {
  const { connections, limits, logger } = options;
  const routeFunctions = new Map(
    options.topology.webSocketRoutes.map((route) => [route.routeKey, route.function]),
  );
  const messageRoutes = new Set(
    [...routeFunctions.keys()].filter((key) => key !== '$connect' && key !== '$disconnect'),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const disconnects = new Set<Promise<unknown>>();

  const run = async (routeKey: string, event: unknown, label: string): Promise<unknown> => {
    const name = routeFunctions.get(routeKey);
    const invoke = name ? options.functions.get(name) : undefined;
    if (!invoke) return undefined;
    const started = performance.now();
    try {
      const result = await invoke(event);
      logger.activity(`WS ${label} ${routeKey} → ${name} ${statusOf(result)} ${since(started)}`);
      return result;
    } catch (error) {
      logger.activity(`WS ${label} ${routeKey} → ${name} 500 ${since(started)} (handler error)`);
      logger.warn(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      throw error;
    }
  };

  const onMessage = async (connection: LiveConnection, data: Buffer, isBinary: boolean) => {
    connections.touch(connection.connectionId);
    const body = isBinary ? data.toString('base64') : data.toString('utf8');
    const requestId = randomUUID();
    const routeKey = selectRoute(isBinary ? '' : body, messageRoutes);
    const reply = (payload: unknown) => connection.socket.send(JSON.stringify(payload));
    if (!routeKey) {
      reply({ message: 'Forbidden', connectionId: connection.connectionId, requestId });
      return;
    }
    const event = buildMessageEvent(
      connection,
      routeKey,
      { body, isBinary, messageId: randomUUID() },
      { requestId, now: new Date() },
    );
    try {
      const responseBody = bodyOf(await run(routeKey, event, connection.connectionId));
      if (responseBody !== undefined && connection.socket.readyState === connection.socket.OPEN) {
        connection.socket.send(responseBody);
      }
    } catch {
      reply({ message: 'Internal server error', connectionId: connection.connectionId, requestId });
    }
  };

  let closing = false;
  const onUpgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A runtime that is stopping takes no new connection: its $connect would outlive the engines.
    if (closing) {
      refuseUpgrade(socket, 503);
      return;
    }
    const url = request.url ?? '/';
    const facts: ConnectionFacts = {
      connectionId: newConnectionId(),
      connectedAt: Date.now(),
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      userAgent: request.headers['user-agent'] ?? '',
      domainName: request.headers.host ?? 'localhost',
      apiId: 'local',
    };
    const connectEvent = buildConnectEvent(
      facts,
      {
        rawHeaders: request.rawHeaders,
        rawQueryString: url.includes('?') ? url.slice(url.indexOf('?') + 1) : '',
      },
      { requestId: randomUUID(), now: new Date() },
    );
    let status: number;
    try {
      status = routeFunctions.has('$connect')
        ? statusOf(await run('$connect', connectEvent, facts.connectionId))
        : 200;
    } catch {
      status = 500;
    }
    if (status < 200 || status > 299) {
      refuseUpgrade(socket, status);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection: LiveConnection = { ...facts, socket: ws, lastActiveAt: Date.now() };
      connections.add(connection);
      ws.on('message', (data: Buffer, isBinary) => void onMessage(connection, data, isBinary));
      ws.on('error', (error) => logger.debug(`WS ${facts.connectionId} socket error: ${error.message}`));
      ws.once('close', (statusCode, reason) => {
        connections.remove(facts.connectionId);
        const event = buildDisconnectEvent(
          facts,
          { statusCode, reason: reason.toString() },
          { requestId: randomUUID(), now: new Date() },
        );
        const done = run('$disconnect', event, facts.connectionId).catch(() => undefined);
        disconnects.add(done);
        void done.finally(() => disconnects.delete(done));
      });
    });
  };

  const server = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'application/json' }).end('{"message":"Upgrade Required"}');
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    void onUpgrade(request, socket, head);
  });
  server.on('close', () => wss.close());
  return {
    server,
    closeAll: async () => {
      closing = true;
      const closed = connections.all().map(
        (connection) =>
          new Promise<void>((resolve) => {
            connection.socket.once('close', () => resolve());
            connection.socket.close(1001, 'Going away');
            // A client that never answers the close handshake must not hold up shutdown.
            setTimeout(() => connection.socket.terminate(), 1000).unref();
          }),
      );
      await Promise.all(closed);
      await Promise.all([...disconnects]);
    },
  };
}

/** Answers a WebSocket upgrade with an HTTP status and no socket, as API Gateway refuses a `$connect`. */
function refuseUpgrade(socket: Duplex, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
