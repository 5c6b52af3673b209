import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const respond = (status: number, body: string) => async () => new Response(body, { status });

describe('loadConfig', () => {
  it('reads apiUrl and wsUrl from /config.json', async () => {
    const config = await loadConfig(
      respond(200, JSON.stringify({ apiUrl: 'https://api.example.com/', wsUrl: 'wss://ws.example.com' })),
    );
    expect(config).toEqual({ apiUrl: 'https://api.example.com', wsUrl: 'wss://ws.example.com' });
  });

  it.each([
    ['a 404', respond(404, 'no')],
    ['an HTML fallback page', respond(200, '<!doctype html>')],
    ['a network error', async () => Promise.reject(new TypeError('offline'))],
  ])('falls back to the same origin on %s', async (_name, fetchFn) => {
    expect(await loadConfig(fetchFn as typeof fetch)).toEqual({ apiUrl: '' });
  });
});
