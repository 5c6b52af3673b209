import { describe, expect, expectTypeOf, it } from 'vitest';
import { type PathParams, type RouteInput, routesOf } from './route-table.js';

describe('PathParams', () => {
  it('names every parameter of the path template, and only those', () => {
    expectTypeOf<PathParams<'PATCH /api/v1/projects/{project}/flags/{flag}'>>().toEqualTypeOf<{
      readonly project: string;
      readonly flag: string;
    }>();
    expectTypeOf<PathParams<'GET /api/v1/me'>>().toEqualTypeOf<Record<never, string>>();
  });
});

describe('routesOf', () => {
  const on = routesOf<{ readonly prefix: string }>();

  it('makes one table entry under the route key, whose handler reads the typed params', async () => {
    const entry = on('GET /things/{thing}', {
      handle: async ({ services, params }) => `${services.prefix}${params.thing}`,
    });
    expect(Object.keys(entry)).toEqual(['GET /things/{thing}']);
    const input = { services: { prefix: 'thing:' }, params: { thing: 'a' } };
    await expect(
      entry['GET /things/{thing}'].handle(
        input as unknown as RouteInput<{ prefix: string }, undefined, undefined, { thing: string }>,
      ),
    ).resolves.toBe('thing:a');
  });

  it('refuses, at compile time, a handler that reads a parameter its path does not have', () => {
    const entry = on('GET /things/{thing}', {
      // @ts-expect-error: `GET /things/{thing}` has no {flag}
      handle: async ({ params }) => params.flag,
    });
    expect(entry).toBeDefined();
  });
});
