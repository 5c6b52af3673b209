import { describe, expect, it } from 'vitest';
import { gatewayError, mapHttpResult } from './http-result.js';

const text = (body: Buffer) => body.toString('utf8');

describe('mapHttpResult', () => {
  it('takes a structured result as the response', () => {
    const response = mapHttpResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', ETag: '"v1"' },
      cookies: ['a=1; Path=/', 'b=2'],
      body: '{"ok":true}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      'content-type': ['application/json'],
      etag: ['"v1"'],
      'set-cookie': ['a=1; Path=/', 'b=2'],
    });
    expect(text(response.body)).toBe('{"ok":true}');
  });

  it('merges multiValueHeaders and decodes a base64 body', () => {
    const response = mapHttpResult({
      statusCode: 200,
      multiValueHeaders: { Vary: ['Accept', 'Origin'] },
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(response.headers.vary).toEqual(['Accept', 'Origin']);
    expect([...response.body]).toEqual([1, 2, 3]);
  });

  it.each([
    ['an object', { a: 1 }, '{"a":1}'],
    ['a string', 'hello', 'hello'],
    ['nothing', undefined, ''],
  ])('answers %s without statusCode as 200 JSON', (_name, result, body) => {
    const response = mapHttpResult(result);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toEqual(['application/json']);
    expect(text(response.body)).toBe(body);
  });
});

describe('gatewayError', () => {
  it('answers in API Gateway own error format', () => {
    const response = gatewayError(404, 'Not Found');
    expect(response.statusCode).toBe(404);
    expect(text(response.body)).toBe('{"message":"Not Found"}');
  });
});
