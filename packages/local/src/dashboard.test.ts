import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardIsStale, dashboardUrlOf } from './dashboard.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository root with a dashboard whose sources and build have the given ages (seconds). */
function repository(ages: { source: number; build?: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'dashboard-stale-'));
  roots.push(root);
  const dir = join(root, 'packages/dashboard');
  mkdirSync(join(dir, 'src/features'), { recursive: true });
  const source = join(dir, 'src/features/page.tsx');
  writeFileSync(source, 'export {};');
  const at = (age: number) => new Date(Date.now() - age * 1000);
  utimesSync(source, at(ages.source), at(ages.source));
  if (ages.build !== undefined) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.html'), '<!doctype html>');
    utimesSync(join(dir, 'dist/index.html'), at(ages.build), at(ages.build));
  }
  return root;
}

describe('dashboardIsStale', () => {
  it('is stale without a build', () => {
    expect(dashboardIsStale(repository({ source: 10 }))).toBe(true);
  });

  it('is stale when a nested source is newer than the build, fresh otherwise', () => {
    expect(dashboardIsStale(repository({ source: 10, build: 20 }))).toBe(true);
    expect(dashboardIsStale(repository({ source: 20, build: 10 }))).toBe(false);
  });
});

describe('dashboardUrlOf', () => {
  it('puts the token in the fragment, which browsers do not send to servers', () => {
    const url = new URL(dashboardUrlOf('http://localhost:4000', 'sbt_a+b/c'));
    expect(url.pathname).toBe('/');
    expect(new URLSearchParams(url.hash.slice(1)).get('token')).toBe('sbt_a+b/c');
  });
});
