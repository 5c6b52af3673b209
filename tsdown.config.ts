import { join } from 'node:path';
import { defineConfig, type Rolldown, type UserConfig } from 'tsdown';
import {
  entryPoints,
  publishedPackages,
  readManifest,
  repositoryRoot,
  shipsCommonJs,
  sourceCondition,
} from './scripts/packages.js';

/**
 * Declarations ship without maps, as valibot's and OpenFeature's do: a `.d.ts.map` only leads an
 * editor's "go to definition" to the `.ts` source, and `src/` is not shipped, so it would lead
 * nowhere (LaunchDarkly's Node SDK ships such maps, into a `src/` it does not ship). tsdown builds none (`dts.sourcemap` is off), but its declaration plugin turns the
 * output's `sourcemap` on for the declaration chunks too, so rolldown ends each one with a
 * `//# sourceMappingURL=….d.ts.map` for a map the plugin then drops. This takes the comment out.
 */
const declarationsWithoutMapComments: Rolldown.Plugin = {
  name: 'switchboard:declarations-without-map-comments',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && /\.d\.[cm]?ts$/.test(chunk.fileName)) {
        chunk.code = chunk.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      }
    }
  },
};

/**
 * One build per published package: ESM (+ CommonJS where its `exports` have `require`), `.d.ts`
 * (`.d.cts` for CommonJS) and source maps into `dist/`, dependencies left as imports.
 */
export default defineConfig(
  publishedPackages.map((pkg): UserConfig => {
    const manifest = readManifest(pkg);
    // Browser code is checked against the DOM's types rather than Node's.
    const tsconfig = join(
      repositoryRoot,
      pkg.platform === 'node' ? 'tsconfig.build.json' : 'tsconfig.build.dom.json',
    );
    return {
      name: manifest.name,
      cwd: join(repositoryRoot, pkg.dir),
      entry: entryPoints(manifest),
      format: shipsCommonJs(manifest) ? ['esm', 'cjs'] : ['esm'],
      platform: pkg.platform,
      target: pkg.platform === 'node' ? 'node20' : 'es2022',
      // `.js` for ESM and `.cjs` for CommonJS, as the packages are `"type": "module"`.
      fixedExtension: false,
      dts: { tsconfig },
      sourcemap: true,
      clean: true,
      tsconfig,
      // Dependencies and peers stay imports; only the packages named as inlined may be bundled in,
      // read from their source so that no build order matters.
      deps: { onlyBundle: [...(pkg.inline ?? [])] },
      // Set on the options tsdown made, not in `plugins`: tsdown gives `plugins` to the JavaScript
      // builds only, not to the one that writes the `.d.cts` files, and these options to every build.
      inputOptions: (options) => {
        options.resolve = { ...options.resolve, conditionNames: [sourceCondition, 'import', 'default'] };
        options.plugins = [options.plugins, declarationsWithoutMapComments];
      },
      // Rolldown's CommonJS interop helpers get a chunk of their own: left in whichever entry chunk
      // first needed them, every other entry would `require` that chunk (and run its imports) to get
      // them — `@switchboard/core`'s index would load valibot through `schema`.
      outputOptions: {
        codeSplitting: { groups: [{ name: 'rolldown-runtime', test: /rolldown[\\/]runtime/ }] },
      },
      // Timings vary with the load of a shared machine; they are not a build problem.
      checks: { pluginTimings: false },
    };
  }),
);
