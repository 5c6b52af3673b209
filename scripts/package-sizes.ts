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
import { type PublishedPackage, publishedPackages, repositoryRoot } from './packages.js';

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

async function bundleBytes(
  pkg: Pick<PublishedPackage, 'platform' | 'probe'>,
): Promise<{ bundle: number; bundleGzip: number }> {
  const result = await build({
    stdin: { contents: pkg.probe, resolveDir: repositoryRoot, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: pkg.platform,
    target: pkg.platform === 'node' ? 'node20' : 'es2022',
    // No source condition: this measures the published build, as a user's bundler resolves it.
    write: false,
    logLevel: 'error',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no bundle for ${pkg.probe}`);
  return { bundle: output.contents.byteLength, bundleGzip: gzipSync(output.contents).byteLength };
}

/** Measures every published package (build first), then the peers to compare them with. */
export async function measure(
  packages: readonly PublishedPackage[] = publishedPackages,
): Promise<PackageSize[]> {
  const results = await pack(packages);
  const packed = new Map(results.map((result) => [result.name, result]));
  const ours = results.map(async (result, i) => ({
    name: result.name,
    packed: result.size,
    unpacked: result.unpackedSize,
    installed: dependencyBytes(result.name, packed, new Set()),
    ...(await bundleBytes(packages[i] as PublishedPackage)),
  }));
  const theirs = peers.map(async (peer) => ({
    name: `${peer.name} (for comparison)`,
    packed: undefined,
    unpacked: directoryBytes(join(repositoryRoot, 'node_modules', peer.name)),
    installed: dependencyBytes(peer.name, packed, new Set()),
    ...(await bundleBytes(peer)),
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

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(sizeTable(await measure()));
}
