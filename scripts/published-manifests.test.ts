import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExportTarget, publishedPackages, repositoryRoot } from './packages.js';

// The manifest fields every published package carries (docs/packaging.md, "Package manifests"), so
// a package added to scripts/packages.ts without them fails here rather than on npm.
describe.each(publishedPackages)('$dir', ({ dir }) => {
  const manifest = JSON.parse(readFileSync(join(repositoryRoot, dir, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;

  it('is a public ES module package with a licence, engines and no side effects', () => {
    expect(manifest).toMatchObject({
      type: 'module',
      license: 'Apache-2.0',
      sideEffects: false,
      engines: { node: expect.stringMatching(/^>=\d+/) },
      publishConfig: { access: 'public' },
      scripts: { build: expect.any(String), prepack: 'npm run build' },
    });
    expect(manifest.private).toBeUndefined();
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'CHANGELOG.md']));
  });

  it('has the README, LICENSE and CHANGELOG npm ships', () => {
    for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
      expect(existsSync(join(repositoryRoot, dir, file)), file).toBe(true);
    }
  });

  // TypeScript's `moduleResolution: node10` ("node"), still common in CommonJS projects, ignores
  // `exports`: a subpath finds its declarations only through `typesVersions`. Such projects compile
  // to `require`, so a package that ships CommonJS points them at its `.d.cts`.
  it('maps every subpath export to its declarations in typesVersions, for node10 resolution', () => {
    const exports = manifest.exports as Record<string, ExportTarget | string>;
    const subpaths = Object.entries(exports).flatMap(([subpath, target]) =>
      subpath === '.' || typeof target === 'string'
        ? []
        : [[subpath.replace(/^\.\//, ''), [(target.require ?? target.import)?.types]] as const],
    );
    if (subpaths.length === 0) {
      expect(manifest.typesVersions).toBeUndefined();
      return;
    }
    expect(manifest.typesVersions).toEqual({ '*': Object.fromEntries(subpaths) });
  });

  it('installs every peer dependency for its own tests, in the range it asks of users', () => {
    const peers = (manifest.peerDependencies as Record<string, string> | undefined) ?? {};
    const development = (manifest.devDependencies as Record<string, string> | undefined) ?? {};
    for (const [peer, range] of Object.entries(peers)) expect(development[peer], peer).toBe(range);
  });
});
