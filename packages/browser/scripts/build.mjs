// Builds a browser-side package (ESM + .d.ts into dist/) or, with --size, prints the minified and
// gzipped size of what an application bundles for each entry, failing above the budget.
//   node scripts/build.mjs                      build @switchboard/browser
//   node scripts/build.mjs --size               print sizes (npm run size -w @switchboard/browser)
//   node scripts/build.mjs --entry src/index.ts --external react,@switchboard/browser   (another package)

import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';

const { values } = parseArgs({
  options: {
    size: { type: 'boolean', default: false },
    entry: { type: 'string', multiple: true },
    external: { type: 'string', default: '@openfeature/web-sdk,@openfeature/core' },
  },
});
const entries = values.entry ?? ['src/index.ts', 'src/openfeature.ts'];
const external = values.external.split(',').filter(Boolean);
/** Minified + gzipped bytes of the main entry may not exceed this. */
const BUDGET_BYTES = 10 * 1024;
/** Modules that must never reach a browser bundle: the evaluator and the schema library. */
const FORBIDDEN = [/node_modules\/zod\//, /packages\/core\/src\/evaluator\.ts$/, /^node:/];

if (values.size) {
  let failed = false;
  for (const entry of entries) {
    const result = await esbuild({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      external,
      write: false,
      metafile: true,
    });
    const code = result.outputFiles[0].contents;
    const gzipped = gzipSync(code, { level: 9 }).length;
    // Inputs parsed but tree-shaken away contribute no bytes; only what is in the output counts.
    const bundled = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
    const forbidden = bundled.filter((input) => FORBIDDEN.some((re) => re.test(input)));
    console.log(
      `${entry}: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(2)} KB minified + gzipped`,
    );
    if (forbidden.length > 0) {
      console.error(`  bundles modules a browser must not get: ${forbidden.join(', ')}`);
      failed = true;
    }
    if (entry === entries[0] && gzipped > BUDGET_BYTES) {
      console.error(`  over the ${BUDGET_BYTES / 1024} KB budget`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}

const { build } = await import('tsup');
await build({
  entry: entries,
  format: ['esm'],
  platform: 'browser',
  target: 'es2020',
  dts: true,
  clean: true,
  splitting: true,
  sourcemap: true,
  external,
  tsconfig: fileURLToPath(new URL('../../../tsconfig.dom.json', import.meta.url)),
  outDir: 'dist',
  silent: true,
});
console.log(`built ${entries.join(', ')} into dist/`);
