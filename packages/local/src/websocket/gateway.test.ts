import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../log.js';
import type { RuntimeTopology } from '../topology.js';
import { apiGatewayLimits, ConnectionRegistry } from './connections.js';
import { createWebSocketGateway } from './gateway.js';

const topology = {
  webSocketRoutes: [
    { routeKey: '$connect', function: 'ws-connect' },
    { routeKey: '$disconnect', function: 'ws-disconnect' },
  ],
} as unknown as RuntimeTopology;

function gateway() {
  const calls: string[] = [];
  const fn = (routeKey: string) => async () => {
    calls.push(routeKey);
    return { statusCode: 200 };
  };
  const functions = new Map([
    ['ws-connect', fn('$connect')],
    ['ws-disconnect', fn('$disconnect')],
  ]);
  const connections = new ConnectionRegistry(apiGatewayLimits);
  const ws = createWebSocketGateway({
    topology,
    functions,
    connections,
    limits: apiGatewayLimits,
    logger: createLogger('quiet', () => {}),
  });
  return { ws, calls };
}

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
});

describe('the local WebSocket gateway', () => {
  it('closes every connection with $disconnect, then refuses new ones with 503 and no $connect', async () => {
    const { ws, calls } = gateway();
    await new Promise<void>((resolve) => ws.server.listen(0, '127.0.0.1', resolve));
    stop = () => new Promise((resolve) => ws.server.close(() => resolve()));
    const url = `ws://127.0.0.1:${(ws.server.address() as AddressInfo).port}/`;
    const client = await open(url);
    const closed = new Promise<number>((resolve) => client.once('close', resolve));

    await ws.closeAll();
    expect(await closed).toBe(1001);
    expect(calls).toEqual(['$connect', '$disconnect']);

    await expect(open(url)).rejects.toThrow('Unexpected server response: 503');
    expect(calls).toEqual(['$connect', '$disconnect']);
  });
});
