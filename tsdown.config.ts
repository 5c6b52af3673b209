import { join } from 'node:path';
import { defineConfig, type UserConfig } from 'tsdown';
import {
  entryPoints,
  publishedPackages,
  readManifest,
  repositoryRoot,
  shipsCommonJs,
} from './scripts/packages.js';

/**
 * One build per published package: ESM (+ CommonJS where its `exports` have `require`), `.d.ts`
 * (`.d.cts` for CommonJS) and source maps into `dist/`, dependencies left as imports.
 */
export default defineConfig(
  publishedPackages.map((pkg): UserConfig => {
    const manifest = readManifest(pkg);
    return {
      name: manifest.name,
      cwd: join(repositoryRoot, pkg.dir),
      entry: entryPoints(manifest),
      format: shipsCommonJs(manifest) ? ['esm', 'cjs'] : ['esm'],
      platform: pkg.platform === 'node' ? 'node' : 'neutral',
      target: pkg.platform === 'node' ? 'node20' : 'es2022',
      // `.js` for ESM and `.cjs` for CommonJS, as the packages are `"type": "module"`.
      fixedExtension: false,
      dts: { tsconfig: join(repositoryRoot, 'tsconfig.build.json') },
      sourcemap: true,
      clean: true,
      tsconfig: join(repositoryRoot, 'tsconfig.build.json'),
      // Timings vary with the load of a shared machine; they are not a build problem.
      checks: { pluginTimings: false },
    };
  }),
);
