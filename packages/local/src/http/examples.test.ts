import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExamplesApi, localDemoConfig } from './examples.js';

const rootDir = resolve(import.meta.dirname, '../../../..');
const get = (url: string) => ({ method: 'GET', url }) as IncomingMessage;
const examples = createExamplesApi({ rootDir, config: () => ({ clientSideId: 'csid' }) });

describe('createExamplesApi', () => {
  it('serves the demo page and its script', async () => {
    const page = await examples(get('/examples/browser/'), Buffer.alloc(0));
    expect(page?.statusCode).toBe(200);
    expect(page?.body.toString()).toContain('<script type="module" src="./app.js">');
    const script = await examples(get('/examples/browser/app.js'), Buffer.alloc(0));
    expect(script?.headers['content-type']).toEqual(['text/javascript; charset=utf-8']);
  });

  it('redirects the folder without its slash', async () => {
    const answer = await examples(get('/examples/browser'), Buffer.alloc(0));
    expect(answer).toMatchObject({ statusCode: 301, headers: { location: ['/examples/browser/'] } });
  });

  it('serves the SDK as one ESM file with no imports left', async () => {
    const sdk = await examples(get('/examples/browser/sdk/index.js'), Buffer.alloc(0));
    const code = sdk?.body.toString() ?? '';
    expect(code).toMatch(/export\s*\{[^}]*initialize/);
    expect(code).not.toMatch(/\bimport\s*[{*"']/);
  });

  it('serves config.json from the config', async () => {
    const config = await examples(get('/examples/browser/config.json?x=1'), Buffer.alloc(0));
    expect(JSON.parse(config?.body.toString() ?? '')).toEqual({ clientSideId: 'csid' });
    const none = createExamplesApi({ rootDir, config: () => undefined });
    expect((await none(get('/examples/browser/config.json'), Buffer.alloc(0)))?.statusCode).toBe(404);
  });

  it('leaves every other path and method alone', async () => {
    expect(await examples(get('/api/v1/projects'), Buffer.alloc(0))).toBeUndefined();
    expect(
      await examples({ method: 'POST', url: '/examples/browser/' } as IncomingMessage, Buffer.alloc(0)),
    ).toBeUndefined();
  });
});

describe('localDemoConfig', () => {
  it('takes the first seeded environment’s client-side id and the URLs', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'examples-')), 'local.json');
    writeFileSync(
      path,
      JSON.stringify({
        apiUrl: 'http://localhost:4000',
        wsUrl: 'ws://localhost:4001',
        adminToken: 't',
        projects: [{ key: 'demo', environments: [{ key: 'production', sdkKey: 's', clientSideId: 'c1' }] }],
      }),
    );
    expect(localDemoConfig(path)).toEqual({
      clientSideId: 'c1',
      baseUrl: 'http://localhost:4000',
      streamUrl: 'ws://localhost:4001',
      flag: 'new-checkout',
    });
    expect(localDemoConfig(join(path, 'missing'))).toBeUndefined();
  });
});
