import { describe, expect, it } from 'vitest';
import { preflightRoutes } from './cors.js';
import { webSocketRoutes } from './event-sources.js';
import { type HttpRoute, httpRoutes, routeKey } from './routes.js';
import { httpThrottleClasses, throttleClassOf } from './throttles.js';

const route = (auth: HttpRoute['auth'], throttle?: HttpRoute['throttle']): HttpRoute => ({
  method: 'GET',
  path: '/x',
  function: 'api-admin',
  auth,
  summary: 'x',
  ...(throttle ? { throttle } : {}),
});

describe('throttleClassOf', () => {
  it.each([
    [{ kind: 'apiToken', role: 'reader' }, 'management'],
    [{ kind: 'public' }, 'management'],
    [{ kind: 'sdkKey' }, 'sdk'],
    [{ kind: 'clientSideId' }, 'clientSide'],
  ] as const)('gives a %j route the %s class unless it declares one', (auth, expected) => {
    expect(throttleClassOf(route(auth))).toBe(expected);
    expect(throttleClassOf(route(auth, 'ingest'))).toBe('ingest');
  });

  it('puts $connect in a class of its own and other WebSocket routes in messages', () => {
    expect(webSocketRoutes.map((r) => [r.routeKey, throttleClassOf(r)])).toEqual([
      ['$connect', 'connect'],
      ['$disconnect', 'messages'],
      ['$default', 'messages'],
    ]);
  });

  it('puts both analytics routes in ingest, apart from the snapshot and evaluation', () => {
    const classes = httpThrottleClasses(httpRoutes, []);
    expect(classes.get('POST /sdk/v1/events')).toBe('ingest');
    expect(classes.get('POST /sdk/v1/events/{clientSideId}')).toBe('ingest');
    expect(classes.get('GET /sdk/v1/flags')).toBe('sdk');
    expect(classes.get('POST /sdk/v1/evaluate/{clientSideId}')).toBe('clientSide');
  });
});

describe('httpThrottleClasses', () => {
  it('gives each preflight the class of its path’s routes, and names nothing else', () => {
    const preflights = preflightRoutes(httpRoutes);
    const classes = httpThrottleClasses(httpRoutes, preflights);
    expect(classes.get('OPTIONS /sdk/v1/evaluate/{clientSideId}')).toBe('clientSide');
    expect(classes.get('OPTIONS /sdk/v1/events/{clientSideId}')).toBe('ingest');
    expect(classes.get('OPTIONS /api/v1/projects')).toBe('management');
    expect([...classes.keys()].sort()).toEqual([...httpRoutes, ...preflights].map(routeKey).sort());
  });
});
