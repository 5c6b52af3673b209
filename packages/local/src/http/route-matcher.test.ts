import { describe, expect, it } from 'vitest';
import { createRouteMatcher } from './route-matcher.js';

const routes = [
  { method: 'GET', path: '/api/v1/projects' },
  { method: 'GET', path: '/api/v1/projects/{project}' },
  { method: 'GET', path: '/api/v1/projects/new' },
  { method: 'POST', path: '/api/v1/projects/{project}/environments/{env}/keys/rotate' },
  { method: 'ANY', path: '/files/{proxy+}' },
  { method: 'GET', path: '/files/{name}' },
];

describe('createRouteMatcher', () => {
  const match = createRouteMatcher(routes);

  it('prefers a literal segment over a parameter', () => {
    expect(match('GET', '/api/v1/projects/new')?.route.path).toBe('/api/v1/projects/new');
  });

  it('binds and decodes {param} segments', () => {
    expect(match('GET', '/api/v1/projects/my%20app')).toEqual({
      route: routes[1],
      pathParameters: { project: 'my app' },
    });
  });

  it('requires the method to match unless the route says ANY', () => {
    expect(match('DELETE', '/api/v1/projects')).toBeUndefined();
    expect(match('DELETE', '/files/a/b')?.pathParameters).toEqual({ proxy: 'a/b' });
  });

  it('prefers {param} over {proxy+} for one segment', () => {
    expect(match('GET', '/files/a')?.route.path).toBe('/files/{name}');
    expect(match('GET', '/files/a/b')?.route.path).toBe('/files/{proxy+}');
  });

  it('never matches an empty segment or extra segments', () => {
    expect(match('GET', '/api/v1/projects/')).toBeUndefined();
    expect(match('GET', '/api/v1/projects/a/b')).toBeUndefined();
    expect(match('POST', '/api/v1/projects/p/environments/e/keys/rotate')?.pathParameters).toEqual({
      project: 'p',
      env: 'e',
    });
  });

  it('falls back to $default when declared', () => {
    const withDefault = createRouteMatcher([...routes, { method: 'ANY', path: '$default' }]);
    expect(withDefault('GET', '/nowhere')?.route.path).toBe('$default');
  });
});
