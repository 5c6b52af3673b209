import { describe, expect, it } from 'vitest';
import { newConnectionId } from './connection-id.js';
import {
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  type ConnectionFacts,
  selectRoute,
} from './ws-events.js';

const connection: ConnectionFacts = {
  connectionId: 'L0SM9cOFvHcCIhw=',
  connectedAt: 1_700_000_000_000,
  sourceIp: '127.0.0.1',
  userAgent: 'node',
  domainName: 'localhost:4001',
  apiId: 'local',
};
const facts = { requestId: 'req-1', now: new Date(1_700_000_001_000) };

describe('WebSocket events', () => {
  it('builds $connect with headers and query parameters, single- and multi-valued', () => {
    const event = buildConnectEvent(
      connection,
      {
        rawHeaders: ['Host', 'localhost:4001', 'X-Tag', 'a', 'X-Tag', 'b'],
        rawQueryString: 'key=sdk-1&v=1&v=2',
      },
      facts,
    );
    expect(event).toMatchObject({
      headers: { Host: 'localhost:4001', 'X-Tag': 'b' },
      multiValueHeaders: { 'X-Tag': ['a', 'b'] },
      queryStringParameters: { key: 'sdk-1', v: '2' },
      multiValueQueryStringParameters: { v: ['1', '2'] },
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        connectionId: connection.connectionId,
        connectedAt: connection.connectedAt,
        stage: '$default',
        requestTimeEpoch: 1_700_000_001_000,
        identity: { sourceIp: '127.0.0.1', userAgent: 'node' },
      },
      isBase64Encoded: false,
    });
  });

  it('builds a MESSAGE event with its route and message id', () => {
    const event = buildMessageEvent(
      connection,
      'ping',
      { body: '{"action":"ping"}', isBinary: false, messageId: 'm-1' },
      facts,
    );
    expect(event.requestContext).toMatchObject({ routeKey: 'ping', eventType: 'MESSAGE', messageId: 'm-1' });
    expect(event.body).toBe('{"action":"ping"}');
  });

  it('builds $disconnect with the close code and reason', () => {
    const event = buildDisconnectEvent(connection, { statusCode: 1001, reason: 'Going away' }, facts);
    expect(event.requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: 1001,
      disconnectReason: 'Going away',
    });
  });
});

describe('selectRoute', () => {
  const routes = new Set(['ping', 'identify', '$default']);

  it.each([
    ['a declared action', '{"action":"ping"}', 'ping'],
    ['an undeclared action', '{"action":"other"}', '$default'],
    ['JSON without action', '{"x":1}', '$default'],
    ['a non-string action', '{"action":1}', '$default'],
    ['a body that is not JSON', 'hello', '$default'],
  ])('sends %s to its route', (_name, body, expected) => {
    expect(selectRoute(body, routes)).toBe(expected);
  });

  it('finds no route without $default', () => {
    expect(selectRoute('hello', new Set(['ping']))).toBeUndefined();
  });
});

describe('newConnectionId', () => {
  it('looks like an API Gateway id and is safe in a path', () => {
    const id = newConnectionId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(newConnectionId()).not.toBe(id);
  });
});
