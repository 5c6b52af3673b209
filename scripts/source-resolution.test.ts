import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as coreFromSource from '../packages/core/src/index.js';
import { publishedPackages, readManifest, repositoryRoot, sourceCondition } from './packages.js';

// In development every tool resolves the published packages to their TypeScript source through the
// `@switchboard/source` export condition (docs/packaging.md). These checks pass with or without a
// build in `dist/`; the CDK bundling test covers esbuild, the pack test covers consumers.

const packages = publishedPackages.map((pkg) => ({ dir: pkg.dir, manifest: readManifest(pkg) }));

/** Each package's subpaths with the source file the condition names, e.g. `@switchboard/core/events`. */
const sourceEntries = packages.flatMap(({ dir, manifest }) =>
  Object.entries(manifest.exports).flatMap(([subpath, target]) =>
    typeof target === 'string' || !target[sourceCondition]
      ? []
      : [
          {
            specifier: join(manifest.name, subpath),
            source: join(repositoryRoot, dir, target[sourceCondition]),
          },
        ],
  ),
);

describe('development from source', () => {
  it('lists the source condition first in every entry, and types first in every built one', () => {
    for (const { manifest } of packages) {
      for (const target of Object.values(manifest.exports)) {
        if (typeof target === 'string') continue;
        expect(Object.keys(target)[0]).toBe(sourceCondition);
        for (const built of [target.import, target.require]) {
          if (built) expect(Object.keys(built)).toEqual(['types', 'default']);
        }
      }
    }
  });

  it('type-checks against the source (tsconfig customConditions)', () => {
    const configFile = ts.readConfigFile(join(repositoryRoot, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repositoryRoot);
    const importer = join(repositoryRoot, 'lambdas/index.ts');
    for (const { specifier, source } of sourceEntries) {
      const resolved = ts.resolveModuleName(specifier, importer, options, ts.sys).resolvedModule;
      expect(resolved?.resolvedFileName, specifier).toBe(source);
    }
  });

  it('runs tests against the source (Vitest resolve conditions)', async () => {
    const viaPackage = await import('@switchboard/core');
    expect(viaPackage.createEvaluator).toBe(coreFromSource.createEvaluator);
  });

  it('runs scripts and npx commands against the source (.npmrc node-options)', () => {
    const script = `for (const s of ${JSON.stringify(sourceEntries.map((e) => e.specifier))}) console.log(import.meta.resolve(s))`;
    const { NODE_OPTIONS: _, ...env } = process.env;
    const output = execFileSync(
      'npm',
      ['exec', '--offline', '--', 'tsx', '--input-type=module', '--eval', script],
      {
        cwd: repositoryRoot,
        env,
        encoding: 'utf8',
      },
    );
    expect(output.trim().split('\n')).toEqual(sourceEntries.map((e) => `file://${e.source}`));
  });
});
