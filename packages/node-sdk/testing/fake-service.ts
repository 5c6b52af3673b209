import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { type WebSocket, WebSocketServer } from 'ws';

type Items = Record<string, Record<string, unknown> & { version: number }>;

/** One `GET /sdk/v1/flags` as the fake service saw it. */
export interface SnapshotRequest {
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

/**
 * An in-process stand-in for the Switchboard service, faithful to the SDK's side of protocol v1: a
 * real HTTP server for `/sdk/v1/flags` (auth, ETag/304, gzip) and a real `ws` server that refuses a
 * bad `?key=` during the handshake, answers pings, and lets the test push messages and drop sockets.
 */
export class FakeService {
  readonly sdkKey = 'sdk-test-key';
  readonly flags: Items = {};
  readonly segments: Items = {};
  readonly snapshotRequests: SnapshotRequest[] = [];
  /** Frames received from clients, parsed. */
  readonly received: unknown[] = [];
  /** Sockets accepted so far, including closed ones. */
  connectionCount = 0;
  /** Handshakes refused for a wrong key. */
  refusedCount = 0;
  answerPings = true;
  /** Called with each new socket before anything else happens on it. */
  onConnection: (socket: WebSocket) => void = () => {};
  /** Status to answer snapshot requests with instead of the data (e.g. 500), when set. */
  snapshotFailure: number | undefined;
  private revision = 0;
  private held: (() => void)[] | undefined;
  private readonly http = createServer((request, response) => {
    const send = () => {
      const status = this.respond(request.url, request.headers);
      this.snapshotRequests.push({ headers: request.headers, status: status.status });
      response.writeHead(status.status, status.headers);
      response.end(status.body);
    };
    if (this.held) this.held.push(send);
    else send();
  });
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor() {
    this.http.on('upgrade', (request, socket, head) => {
      const key = new URL(request.url ?? '/', 'http://localhost').searchParams.get('key');
      if (key !== this.sdkKey) {
        this.refusedCount += 1;
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    });
  }

  /** Starts a service on a free port. */
  static async start(): Promise<FakeService> {
    const service = new FakeService();
    await new Promise<void>((resolve) => service.http.listen(0, '127.0.0.1', resolve));
    return service;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  get streamUrl(): string {
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}/stream`;
  }

  /** Sockets currently open. */
  get openConnections(): number {
    return this.wss.clients.size;
  }

  /** Changes the snapshot's data (and so its ETag) without telling connected clients. */
  putFlag(flag: Record<string, unknown> & { key: string; version: number }): void {
    this.flags[flag.key] = flag;
    this.revision += 1;
  }

  /** Changes the snapshot's segments without telling connected clients. */
  putSegment(segment: Record<string, unknown> & { key: string; version: number }): void {
    this.segments[segment.key] = segment;
    this.revision += 1;
  }

  /** Removes a flag from the snapshot without telling connected clients. */
  removeFlag(key: string): void {
    delete this.flags[key];
    this.revision += 1;
  }

  /** Sends a message to every open socket. */
  push(message: unknown): void {
    for (const client of this.wss.clients) client.send(JSON.stringify(message));
  }

  /** Kills every open socket without a close handshake, as a lost connection would. */
  dropConnections(): void {
    for (const client of this.wss.clients) client.terminate();
  }

  /** Holds snapshot responses until the returned function is called. */
  holdSnapshots(): () => void {
    this.held = [];
    return () => {
      const held = this.held ?? [];
      this.held = undefined;
      for (const send of held) send();
    };
  }

  /** Snapshot requests not yet answered because of {@link holdSnapshots}. */
  get heldSnapshots(): number {
    return this.held?.length ?? 0;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.connectionCount += 1;
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { action?: string };
      this.received.push(message);
      if (message.action === 'ping' && this.answerPings) ws.send(JSON.stringify({ type: 'pong' }));
    });
    this.onConnection(ws);
  }

  private respond(
    url: string | undefined,
    headers: IncomingHttpHeaders,
  ): { status: number; headers: Record<string, string>; body?: Buffer } {
    if (url !== '/sdk/v1/flags') return { status: 404, headers: {} };
    if (headers.authorization !== this.sdkKey) return { status: 401, headers: {} };
    if (this.snapshotFailure !== undefined) return { status: this.snapshotFailure, headers: {} };
    const etag = `"rev-${this.revision}"`;
    if (headers['if-none-match'] === etag) return { status: 304, headers: { ETag: etag } };
    const json = Buffer.from(JSON.stringify({ flags: this.flags, segments: this.segments }));
    const gzip = /\bgzip\b/.test(String(headers['accept-encoding'] ?? ''));
    return {
      status: 200,
      headers: {
        ETag: etag,
        'Content-Type': 'application/json',
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      },
      body: gzip ? gzipSync(json) : json,
    };
  }
}
