import { expect } from 'vitest';

/**
 * Calls the HTTP API of the runtime's demo project as the admin, expecting a 2xx. Getters, because
 * a suite's runtime (and so its URL) may be replaced by a restart.
 */
export function demoApi(apiUrl: () => string, adminToken: () => string) {
  return async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${apiUrl()}/api/v1/projects/demo${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return response;
  };
}
