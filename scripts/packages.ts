import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The export condition that points a workspace package's entry at its TypeScript source. Every tool
 * used in development lists it (see `docs/packaging.md`); a consumer of the published package does
 * not, and so gets `dist`.
 */
export const sourceCondition = '@switchboard/source';

/** A workspace package that is built and published to npm. */
export interface PublishedPackage {
  /** Its directory, relative to the repository root. */
  readonly dir: string;
  /** Where its code runs: `node` for server packages, `browser` for browser ones. */
  readonly platform: 'node' | 'browser';
  /**
   * A one-flag consumer of the package (TSX), bundled and minified to measure what an application
   * pays for using it (`npm run size`); its peer dependencies (React) stay out of the bundle.
   */
  readonly probe: string;
  /**
   * The most the probe may weigh, minified and gzipped, in bytes; `npm run size` and
   * `scripts/package-budgets.test.ts` fail above it.
   */
  readonly budgetBytes?: number;
  /**
   * Modules the probe's bundle must not contain, matched against the paths of the source files it is
   * made of (`npm run size` and the budget test fail on any).
   */
  readonly forbid?: readonly RegExp[];
  /**
   * Workspace packages bundled into this package's `dist` instead of depended on (so they are
   * `devDependencies`). The build fails if anything else would be bundled.
   */
  readonly inline?: readonly string[];
}

/**
 * What a browser bundle must never hold: the validation library, the evaluator (targeting rules stay
 * on the server) and Node built-ins.
 */
const notInBrowsers: readonly RegExp[] = [
  /node_modules\/valibot\//,
  /packages\/core\/src\/evaluator\.ts$/,
  /^node:/,
];

/** A browser package's budget: what an application pays for one flag, minified and gzipped. */
const browserBudget = 10 * 1024;

/**
 * The packages users install, in build order (a package after the packages it depends on). Adding
 * a package is one entry here; its `package.json` `exports` say what to build (see
 * `docs/packaging.md`).
 */
export const publishedPackages: readonly PublishedPackage[] = [
  {
    dir: 'packages/core',
    platform: 'node',
    probe: `import { createEvaluator } from '@switchboard/core';
const evaluator = createEvaluator({ flags: {}, segments: {} });
console.log(evaluator.evaluate('new-checkout', { kind: 'user', key: 'u-1' }, false).value);`,
  },
  {
    dir: 'packages/node-sdk',
    platform: 'node',
    probe: `import { init } from '@switchboard/node';
const client = init({ sdkKey: 'sdk-key', baseUrl: 'http://localhost:4000', streamUrl: 'ws://localhost:4001' });
console.log(client.boolVariation('new-checkout', { kind: 'user', key: 'u-1' }, false));`,
  },
  {
    dir: 'packages/browser',
    platform: 'browser',
    // The SDK needs only core's context key and event helpers: they are bundled in (a few hundred
    // bytes) rather than installing core and its hashing library for them.
    inline: ['@switchboard/core'],
    budgetBytes: browserBudget,
    forbid: notInBrowsers,
    probe: `import { initialize } from '@switchboard/browser';
const client = initialize('client-side-id', { kind: 'user', key: 'u-1' }, { url: 'https://flags.example.com' });
console.log(client.variation('new-checkout', false));`,
  },
  {
    dir: 'packages/react',
    platform: 'browser',
    budgetBytes: browserBudget,
    forbid: notInBrowsers,
    // React itself is the application's; the probe measures the SDK and the bindings.
    probe: `import { SwitchboardProvider, useFlag } from '@switchboard/react';
const Checkout = () => (useFlag('new-checkout', false) ? 'new' : 'old');
export const App = () => (
  <SwitchboardProvider clientSideId="client-side-id" context={{ kind: 'user', key: 'u-1' }} options={{ url: 'https://flags.example.com' }}>
    <Checkout />
  </SwitchboardProvider>
);`,
  },
];

/** The parts of a published package's `package.json` the build scripts read. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly exports: Readonly<Record<string, ExportTarget | string>>;
  readonly engines?: { readonly node?: string };
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** One subpath of an `exports` map: the source condition, then the built files per module system. */
export interface ExportTarget {
  readonly [sourceCondition]?: string;
  readonly import?: { readonly types: string; readonly default: string };
  readonly require?: { readonly types: string; readonly default: string };
}

export function readManifest(pkg: PublishedPackage): PackageManifest {
  return JSON.parse(readFileSync(join(repositoryRoot, pkg.dir, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * The package's entry points, from its `exports` map: the output name (the built file's name
 * without extension, e.g. `index` or `events`) → the source file the `@switchboard/source`
 * condition names. Subpaths without a source (`./package.json`) are not built.
 */
export function entryPoints(manifest: PackageManifest): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target === 'string') continue;
    const source = target[sourceCondition];
    const built = target.import?.default;
    if (!source || !built) {
      throw new Error(`${manifest.name}: exports["${subpath}"] needs both "${sourceCondition}" and "import"`);
    }
    entries[built.replace(/^\.\/dist\//, '').replace(/\.js$/, '')] = source;
  }
  return entries;
}

/** Whether the package ships CommonJS as well as ESM: its `exports` have `require` conditions. */
export function shipsCommonJs(manifest: PackageManifest): boolean {
  return Object.values(manifest.exports).some((target) => typeof target !== 'string' && target.require);
}
