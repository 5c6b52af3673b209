/** A parsed semantic version; build metadata is dropped because it never affects ordering. */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-separated identifiers; numeric ones as numbers. Empty for a release. */
  readonly prerelease: readonly (string | number)[];
}

const NUMBER = '0|[1-9]\\d*';
const PRERELEASE_ID = `${NUMBER}|\\d*[a-zA-Z-][0-9a-zA-Z-]*`;
/** SemVer 2.0.0, except that minor and patch may be left out (`1.2` is `1.2.0`). No leading `v`. */
const SEMVER = new RegExp(
  `^(${NUMBER})(?:\\.(${NUMBER}))?(?:\\.(${NUMBER}))?` +
    `(?:-((?:${PRERELEASE_ID})(?:\\.(?:${PRERELEASE_ID}))*))?` +
    '(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$',
);

/**
 * Parses a version string; `undefined` for anything else, including non-strings.
 *
 * @example
 * ```ts
 * parseSemVer('2.0-rc.1+build'); // { major: 2, minor: 0, patch: 0, prerelease: ['rc', 1] }
 * ```
 */
export function parseSemVer(input: unknown): SemVer | undefined {
  if (typeof input !== 'string') return undefined;
  const match = SEMVER.exec(input);
  if (match === null) return undefined;
  const [, major, minor = '0', patch = '0', prerelease] = match;
  const numbers = [Number(major), Number(minor), Number(patch)];
  if (!numbers.every(Number.isSafeInteger)) return undefined;
  return {
    major: numbers[0] as number,
    minor: numbers[1] as number,
    patch: numbers[2] as number,
    prerelease:
      prerelease === undefined ? [] : prerelease.split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)),
  };
}

function compareIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Numeric identifiers have lower precedence than alphanumeric ones.
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative, zero or positive as `a` orders before, with or after `b` (SemVer 2.0.0 §11). */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  const ap = a.prerelease;
  const bp = b.prerelease;
  // A release orders after any of its prereleases.
  if (ap.length === 0 || bp.length === 0) return bp.length - ap.length;
  for (let i = 0; i < ap.length && i < bp.length; i += 1) {
    const order = compareIdentifiers(ap[i] as string | number, bp[i] as string | number);
    if (order !== 0) return order;
  }
  return ap.length - bp.length;
}
