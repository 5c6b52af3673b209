import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type PublishedPackage, repositoryRoot } from './packages.js';

/** What `npm pack --json` reports about one tarball. */
export interface PackResult {
  readonly name: string;
  readonly version: string;
  /** The tarball's file name, in the pack destination. */
  readonly filename: string;
  /** Bytes of the tarball: what `npm install` downloads. */
  readonly size: number;
  /** Bytes of the files it holds: what `npm install` writes for the package itself. */
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

/**
 * Packs each package's current build as `npm publish` would into `destination`, or only reports what
 * it would hold when `destination` is omitted (`--dry-run`). Build first (`tsdown`): the packages'
 * `prepack` build, which guards `npm publish`, is skipped here so that one process builds them all.
 *
 * @example
 * ```ts
 * const [core] = await pack([{ dir: 'packages/core', … }], tmpdir());
 * ```
 */
export async function pack(
  packages: readonly PublishedPackage[],
  destination?: string,
): Promise<PackResult[]> {
  const args = ['pack', '--json', '--ignore-scripts', ...packages.map((pkg) => `--workspace=${pkg.dir}`)];
  args.push(...(destination ? ['--pack-destination', destination] : ['--dry-run']));
  const { stdout } = await promisify(execFile)('npm', args, {
    cwd: repositoryRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as PackResult[];
}

/** The absolute path of a packed tarball. */
export const tarballPath = (destination: string, result: PackResult): string =>
  join(destination, result.filename);
