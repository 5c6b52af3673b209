import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from './log.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The dashboard package's folder and its build output, from the repository root. */
export const dashboardPaths = (rootDir: string) => {
  const dir = join(rootDir, 'packages/dashboard');
  return { dir, dist: join(dir, 'dist') };
};

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  // Files only: a folder's time changes whenever anything is written in it, including by editors.
  let newest = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Whether the built app is missing or older than any of its sources. */
export function dashboardIsStale(rootDir: string): boolean {
  const { dir, dist } = dashboardPaths(rootDir);
  const built = join(dist, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json']
    .map((name) => join(dir, name))
    .filter((path) => existsSync(path));
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/**
 * Builds the dashboard with Vite's JS API when it is missing or older than its sources, so
 * `npm start` serves the current app without a separate build step.
 *
 * @example
 * await ensureDashboardBuilt({ logger });
 * await startRuntime(); // serves packages/dashboard/dist at /
 */
export async function ensureDashboardBuilt(
  options: { rootDir?: string; logger?: Logger } = {},
): Promise<boolean> {
  const rootDir = options.rootDir ?? repositoryRoot;
  const { dir } = dashboardPaths(rootDir);
  if (!existsSync(dir) || !dashboardIsStale(rootDir)) return false;
  options.logger?.info('Building the dashboard…');
  const started = performance.now();
  const { build } = await import('vite');
  // Vite and React's plugin pick the production build from NODE_ENV, which a test run sets to `test`.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  options.logger?.info(`Dashboard built in ${Math.round(performance.now() - started)} ms`);
  return true;
}

/**
 * The URL that opens the dashboard signed in: the token travels in the fragment, which browsers never
 * send to a server; the app reads it once and removes it from the address bar.
 *
 * @example
 * dashboardUrlOf('http://localhost:4000', 'sbt_…'); // 'http://localhost:4000/#token=sbt_…'
 */
export const dashboardUrlOf = (apiUrl: string, adminToken: string): string =>
  `${apiUrl}/#token=${encodeURIComponent(adminToken)}`;
