import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startPlatform } from './platform.js';

/** The developer's own local state, which `npm start` keeps beside its on-disk data. */
const localJson = join(dirname(fileURLToPath(import.meta.url)), '../../.switchboard/local.json');
const read = () => (existsSync(localJson) ? readFileSync(localJson, 'utf8') : undefined);

describe('an in-memory runtime', () => {
  it('keeps its local.json to itself: the one `npm start` wrote stays as it was', async () => {
    const before = read();
    const runtime = await startPlatform({ seed: true });
    try {
      // Seeded: a fresh admin token and demo keys, for data that is gone at stop.
      const health = await fetch(`${runtime.apiUrl}/api/v1/projects`, {
        headers: { authorization: `Bearer ${runtime.local?.adminToken}` },
      });
      expect(health.status).toBe(200);
      expect(runtime.local?.projects.length).toBeGreaterThan(0);
      expect(read()).toBe(before);
    } finally {
      await runtime.stop();
    }
    expect(read()).toBe(before);
  });
});
