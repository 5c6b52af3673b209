import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { readLocalJson } from '../seed/local-json.js';
import type { GatewayResponse } from './http-result.js';
import { serveStatic } from './static-files.js';

/** Where the browser demo is served. */
export const EXAMPLES_PREFIX = '/examples/browser/';

export interface ExamplesApiOptions {
  /** Repository root: the demo is `examples/browser/`, the SDK `packages/browser/src/index.ts`. */
  readonly rootDir: string;
  /** What the demo's `config.json` says (client-side id, URLs); undefined answers 404. */
  readonly config: () => Record<string, unknown> | undefined;
}

const json = (status: number, value: unknown): GatewayResponse => ({
  statusCode: status,
  headers: { 'content-type': ['application/json'], 'cache-control': ['no-store'] },
  body: Buffer.from(JSON.stringify(value)),
});

/**
 * The browser demo's settings for the seeded `demo` project's first environment, from the
 * runtime's `local.json` (read on each call: seeding writes it after the gateway starts).
 *
 * @example
 * localDemoConfig('.switchboard/local.json');
 * // → { clientSideId: '…', baseUrl: 'http://localhost:4000', streamUrl: 'ws://localhost:4001', flag: 'new-checkout' }
 */
export function localDemoConfig(localJsonPath: string): Record<string, unknown> | undefined {
  const local = readLocalJson(localJsonPath);
  const environment = local?.projects[0]?.environments[0];
  if (!local || !environment) return undefined;
  return {
    clientSideId: environment.clientSideId,
    baseUrl: local.apiUrl,
    streamUrl: local.wsUrl,
    flag: 'new-checkout',
  };
}

/**
 * Serves the browser SDK demo at `/examples/browser/`: its page and script, `config.json`, and the
 * SDK as one ESM file (`sdk/index.js`) bundled from source with esbuild on first request, so
 * `npm start` needs no build step. A side API of the local HTTP gateway, beside its static serving.
 *
 * @example
 * const examples = createExamplesApi({ rootDir, config: () => ({ clientSideId, baseUrl, streamUrl }) });
 * await examples(request, body); // a response for /examples/browser/…, else undefined
 */
export function createExamplesApi(
  options: ExamplesApiOptions,
): (request: IncomingMessage, body: Buffer) => Promise<GatewayResponse | undefined> {
  let sdk: Promise<Buffer> | undefined;
  const bundle = async (): Promise<Buffer> => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(options.rootDir, 'packages/browser/src/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      // The SDK's workspace dependencies from their source too, so nothing needs a build first;
      // esbuild drops its default `module` condition when given any, so it is listed again.
      conditions: ['@switchboard/source', 'module'],
      minify: true,
      write: false,
    });
    return Buffer.from(result.outputFiles[0]?.contents ?? []);
  };
  return async (request) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method !== 'GET') return undefined;
    // The page loads its script relative to the folder, which needs the trailing slash.
    if (`${path}/` === EXAMPLES_PREFIX) {
      return { statusCode: 301, headers: { location: [EXAMPLES_PREFIX] }, body: Buffer.alloc(0) };
    }
    if (!path.startsWith(EXAMPLES_PREFIX)) return undefined;
    const file = path.slice(EXAMPLES_PREFIX.length);
    if (file === 'config.json') {
      const config = options.config();
      return config
        ? json(200, config)
        : json(404, { error: { code: 'not_found', message: 'no seeded demo' } });
    }
    if (file === 'sdk/index.js') {
      sdk ??= bundle().catch((error: unknown) => {
        sdk = undefined;
        throw error;
      });
      return {
        statusCode: 200,
        headers: { 'content-type': ['text/javascript; charset=utf-8'], 'cache-control': ['no-store'] },
        body: await sdk,
      };
    }
    return serveStatic(join(options.rootDir, 'examples/browser'), file === '' ? 'index.html' : file);
  };
}
