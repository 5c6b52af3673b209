import { describe, expect, it } from 'vitest';
import { buildHttpEvent, type HttpRequestFacts } from './http-event.js';

const request = (overrides: Partial<HttpRequestFacts> = {}): HttpRequestFacts => ({
  method: 'GET',
  url: '/api/v1/projects/demo?limit=10&tag=a&tag=b',
  protocol: 'HTTP/1.1',
  rawHeaders: [
    'Host',
    'localhost:4000',
    'User-Agent',
    'curl/8',
    'Cookie',
    'a=1; b=2',
    'X-Multi',
    '1',
    'x-multi',
    '2',
  ],
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  routeKey: 'GET /api/v1/projects/{project}',
  pathParameters: { project: 'demo' },
  requestId: 'req-1',
  now: new Date(Date.UTC(2020, 2, 12, 19, 3, 58)),
  domainName: 'localhost:4000',
  apiId: 'local',
  ...overrides,
});

describe('buildHttpEvent', () => {
  it('builds a payload v2 event as API Gateway does', () => {
    expect(buildHttpEvent(request())).toEqual({
      version: '2.0',
      routeKey: 'GET /api/v1/projects/{project}',
      rawPath: '/api/v1/projects/demo',
      rawQueryString: 'limit=10&tag=a&tag=b',
      cookies: ['a=1', 'b=2'],
      headers: { host: 'localhost:4000', 'user-agent': 'curl/8', 'x-multi': '1,2' },
      queryStringParameters: { limit: '10', tag: 'a,b' },
      pathParameters: { project: 'demo' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: 'localhost:4000',
        domainPrefix: 'localhost:4000',
        http: {
          method: 'GET',
          path: '/api/v1/projects/demo',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8',
        },
        requestId: 'req-1',
        routeKey: 'GET /api/v1/projects/{project}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: 1584039838000,
      },
      isBase64Encoded: false,
    });
  });

  it('leaves out empty query, path parameters, cookies and body', () => {
    const event = buildHttpEvent(request({ url: '/health', rawHeaders: [], pathParameters: {} }));
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('body');
    expect(event.rawQueryString).toBe('');
  });

  it('passes a JSON body as text', () => {
    const event = buildHttpEvent(
      request({ rawHeaders: ['Content-Type', 'application/json'], body: Buffer.from('{"a":1}') }),
    );
    expect(event).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
  });

  it('base64-encodes a binary body', () => {
    const event = buildHttpEvent(
      request({ rawHeaders: ['Content-Type', 'application/octet-stream'], body: Buffer.from([0, 255]) }),
    );
    expect(event).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });
});
