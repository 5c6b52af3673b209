import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { GatewayResponse } from './http-result.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves a built single-page app (the dashboard) from `root`: a file if one exists at the path,
 * else `index.html` so client-side routes load, else nothing.
 */
export async function serveStatic(root: string, path: string): Promise<GatewayResponse | undefined> {
  const relative = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
  for (const candidate of [join(root, relative), join(root, 'index.html')]) {
    if (!candidate.startsWith(root)) continue;
    const info = await stat(candidate).catch(() => undefined);
    if (!info?.isFile()) continue;
    return {
      statusCode: 200,
      headers: { 'content-type': [TYPES[extname(candidate)] ?? 'application/octet-stream'] },
      body: await readFile(candidate),
    };
  }
  return undefined;
}
