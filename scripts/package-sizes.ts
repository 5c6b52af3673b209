/**
 * Prints what each published package costs its users (`npm run size`, and the last step of
 * `npm run build`): the tarball and its unpacked files, the install with its production dependencies,
 * and the minified esbuild bundle of a one-flag consumer. Measures the current build in `dist/`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type PackResult, pack } from './pack.js';
import {
  type PublishedPackage,
  publishedPackages,
  readManifest,
  repositoryRoot,
  sourceCondition,
} from './packages.js';

export interface PackageSize {
  readonly name: string;
  /** The tarball `npm install` downloads; unknown for a peer measured from its installed files. */
  readonly packed: number | undefined;
  /** The package's own files once installed. */
  readonly unpacked: number;
  /** The package plus every production dependency it pulls in (optional peers excluded). */
  readonly installed: number;
  /** The probe, bundled with everything it imports (Node built-ins excluded) and minified. */
  readonly bundle: number;
  readonly bundleGzip: number;
}

/** Bytes of the files under `dir`, not descending into nested `node_modules`. */
function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

/**
 * The unpacked bytes of `name`'s production dependency closure, read from the repository's
 * `node_modules` (where npm hoisted them); published packages count as their tarball's contents.
 */
function dependencyBytes(name: string, packed: ReadonlyMap<string, PackResult>, seen: Set<string>): number {
  if (seen.has(name)) return 0;
  seen.add(name);
  const dir = join(repositoryRoot, 'node_modules', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const own = packed.get(name)?.unpackedSize ?? directoryBytes(dir);
  return Object.keys(manifest.dependencies ?? {}).reduce(
    (total, dependency) => total + dependencyBytes(dependency, packed, seen),
    own,
  );
}

/** A package of another vendor, measured from the repository's `node_modules` for comparison. */
const peers: readonly (Pick<PublishedPackage, 'platform' | 'probe'> & { readonly name: string })[] = [
  {
    name: '@launchdarkly/node-server-sdk',
    platform: 'node',
    probe: `import { init } from '@launchdarkly/node-server-sdk';
const client = init('sdk-key', { offline: true });
client.variation('new-checkout', { kind: 'user', key: 'u-1' }, false).then(console.log);`,
  },
];

/** A probe bundled as an application's bundler would, minified. */
export interface ProbeBundle {
  readonly bundle: number;
  readonly bundleGzip: number;
  /**
   * The files the bundle's code comes from, relative to the repository root: source files, through
   * the built files' source maps, and anything without a source map as itself.
   */
  readonly sources: readonly string[];
}

/** A package's peer dependencies and their subpaths: the application's, so not in its bundle. */
export const peersOf = (pkg: PublishedPackage): string[] =>
  Object.keys(readManifest(pkg).peerDependencies ?? {}).flatMap((peer) => [peer, `${peer}/*`]);

/**
 * Bundles a probe with esbuild, leaving `external` out. It resolves the published build (`dist/`),
 * as a user's bundler does, unless `fromSource` adds the source condition (no build needed).
 */
export async function bundleProbe(
  pkg: Pick<PublishedPackage, 'platform' | 'probe'>,
  { fromSource = false, external = [] as readonly string[] } = {},
): Promise<ProbeBundle> {
  const result = await build({
    stdin: { contents: pkg.probe, resolveDir: repositoryRoot, loader: 'tsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: pkg.platform,
    target: pkg.platform === 'node' ? 'node20' : 'es2022',
    jsx: 'automatic',
    external: [...external],
    ...(fromSource ? { conditions: [sourceCondition, 'module'] } : {}),
    // The output's source map follows the built files' own maps back to the sources they inline.
    sourcemap: 'external',
    outfile: join(repositoryRoot, 'probe.js'),
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (!code || !map) throw new Error(`esbuild produced no bundle for ${pkg.probe}`);
  const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  const mapped = (JSON.parse(map.text) as { sources: string[] }).sources;
  return {
    bundle: code.contents.byteLength,
    bundleGzip: gzipSync(code.contents).byteLength,
    sources: [...new Set([...inputs, ...mapped])].filter((source) => source !== '<stdin>'),
  };
}

/**
 * What breaks a package's size rules (`budgetBytes`, `forbid` in `scripts/packages.ts`), one message
 * per problem; empty when it keeps them.
 */
export function budgetProblems(
  pkg: Pick<PublishedPackage, 'dir' | 'budgetBytes' | 'forbid'>,
  bundle: ProbeBundle,
): string[] {
  const problems: string[] = [];
  if (pkg.budgetBytes !== undefined && bundle.bundleGzip > pkg.budgetBytes) {
    problems.push(`${pkg.dir}: ${bundle.bundleGzip} bytes gzipped, over its budget of ${pkg.budgetBytes}`);
  }
  const forbidden = bundle.sources.filter((source) => pkg.forbid?.some((pattern) => pattern.test(source)));
  if (forbidden.length > 0) problems.push(`${pkg.dir}: bundles ${forbidden.join(', ')}`);
  return problems;
}

/** Measures published packages (build first), then the peers to compare them with. */
export async function measure(
  packages: readonly PublishedPackage[] = publishedPackages,
  comparisons: readonly (typeof peers)[number][] = peers,
): Promise<(PackageSize & { readonly problems: readonly string[] })[]> {
  // Every published package is packed, so a measured one's dependencies on the others count as
  // their tarballs' contents.
  const all = await pack(publishedPackages);
  const packed = new Map(all.map((result) => [result.name, result]));
  const ours = packages.map(async (pkg) => {
    const result = packed.get(readManifest(pkg).name) as PackResult;
    const bundle = await bundleProbe(pkg, { external: peersOf(pkg) });
    return {
      name: result.name,
      packed: result.size,
      unpacked: result.unpackedSize,
      installed: dependencyBytes(result.name, packed, new Set()),
      ...bundle,
      problems: budgetProblems(pkg, bundle),
    };
  });
  const theirs = comparisons.map(async (peer) => ({
    name: `${peer.name} (for comparison)`,
    packed: undefined,
    unpacked: directoryBytes(join(repositoryRoot, 'node_modules', peer.name)),
    installed: dependencyBytes(peer.name, packed, new Set()),
    ...(await bundleProbe(peer)),
    problems: [],
  }));
  return Promise.all([...ours, ...theirs]);
}

const kB = (bytes: number | undefined): string =>
  bytes === undefined ? '–' : `${(bytes / 1000).toFixed(1)} kB`;

/** The sizes as a Markdown table, as `docs/packaging.md` records them. */
export function sizeTable(sizes: readonly PackageSize[]): string {
  const rows = sizes.map((s) =>
    [
      s.name,
      kB(s.packed),
      kB(s.unpacked),
      kB(s.installed),
      `${kB(s.bundle)} (${kB(s.bundleGzip)} gzip)`,
    ].join(' | '),
  );
  return [
    '| package | packed | unpacked | installed with dependencies | one-flag consumer, minified |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/**
 * `tsx scripts/package-sizes.ts [name…]`: every published package and the comparison, or only the
 * named packages. Exits non-zero when one breaks its size rules.
 */
if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2);
  const selected = names.length
    ? publishedPackages.filter((pkg) => names.includes(readManifest(pkg).name))
    : publishedPackages;
  if (selected.length < names.length)
    throw new Error(`not all of ${names.join(', ')} are published packages`);
  const sizes = await measure(selected, names.length ? [] : peers);
  console.log(sizeTable(sizes));
  const problems = sizes.flatMap((size) => size.problems);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exitCode = 1;
}
