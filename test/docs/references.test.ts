import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { httpRoutes } from '@switchboard/topology';
import { describe, expect, it } from 'vitest';
import { docPages as pages, readPage as read, root } from './pages.js';

/**
 * What README.md and docs/*.md point a reader at exists: linked files, repository paths named in
 * code spans, and the npm scripts they tell a reader to run.
 */
function linkTargets(text: string): string[] {
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
  return targets
    .filter((target) => !/^(https?:|mailto:|#)/.test(target))
    .map((t) => t.split('#')[0] as string);
}

/** Code spans that name a file in the repository, e.g. `lambdas/http/openapi.json`; build output aside. */
const repoPath = /`((?:bench|bin|docs|examples|lambdas|lib|packages|scripts|test|tools)\/[\w./-]+\.[a-z]+)`/g;
function namedPaths(text: string): string[] {
  return [...text.matchAll(repoPath)]
    .map((match) => match[1] as string)
    .filter((path) => !path.includes('/dist/'));
}

function scriptsOf(manifest: string): string[] {
  return Object.keys(
    (JSON.parse(readFileSync(join(root, manifest), 'utf8')) as { scripts?: object }).scripts ?? {},
  );
}

const workspaceManifest = (name: string) =>
  readdirSync(join(root, 'packages'))
    .map((dir) => `packages/${dir}/package.json`)
    .find(
      (manifest) =>
        (JSON.parse(readFileSync(join(root, manifest), 'utf8')) as { name: string }).name === name,
    );

/** `npm run <script>`, `npm run <prefix>*` and `npm run <script> -w <workspace>`, as the pages write them. */
function npmRuns(text: string): { script: string; prefix: boolean; workspace?: string }[] {
  return [...text.matchAll(/npm run ([\w:-]+)(\*)?(?:\s+-w\s+([@\w/-]+))?/g)].map((match) => ({
    script: match[1] as string,
    prefix: match[2] === '*',
    workspace: match[3],
  }));
}

/** Paths under `/api/v1/` and `/sdk/v1/` the pages name, with their method when one precedes them. */
function namedRoutes(text: string): { method?: string; path: string }[] {
  const named = /(?:\b(GET|POST|PUT|PATCH|DELETE) )?(\/(?:api|sdk)\/v1\/[\w{}.:/-]*\w[\w{}]*)/g;
  return [...text.matchAll(named)].map((match) => ({ method: match[1], path: match[2] as string }));
}

const segments = (path: string) =>
  path.split('/').map((segment) => (segment.startsWith('{') ? '{}' : segment));
/** A named path matches a route when each segment is equal, or either is a `{parameter}`. */
const matchesRoute = (named: { method?: string; path: string }) =>
  httpRoutes.some((route) => {
    const [want, have] = [segments(named.path), segments(route.path)];
    if (want.length !== have.length || (named.method && named.method !== route.method)) return false;
    return want.every((segment, i) => segment === have[i] || segment === '{}' || have[i] === '{}');
  });

describe.each(pages)('%s', (page) => {
  const text = read(page);

  it('links only to files that exist', () => {
    const missing = linkTargets(text).filter((target) => !existsSync(resolve(root, dirname(page), target)));
    expect(missing).toEqual([]);
  });

  it('names only repository files that exist', () => {
    expect(namedPaths(text).filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('names only HTTP routes the topology declares', () => {
    expect(namedRoutes(text).filter((named) => !matchesRoute(named))).toEqual([]);
  });

  it('tells the reader to run only npm scripts that exist', () => {
    const unknown = npmRuns(text).filter(({ script, prefix, workspace }) => {
      const manifest = workspace ? workspaceManifest(workspace) : 'package.json';
      const scripts = manifest ? scriptsOf(manifest) : [];
      return !scripts.some((name) => (prefix ? name.startsWith(script) : name === script));
    });
    expect(unknown).toEqual([]);
  });
});
