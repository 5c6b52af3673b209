import { digestTop60, HashPrefix, prefixedTop60 } from './sha1.js';

export { HashPrefix } from './sha1.js';

/**
 * A SHA-1 implementation to bucket with, for platforms that have a faster native one. Returns the
 * 20-byte digest of the UTF-8 encoding of `input`.
 *
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * const hasher: Hasher = (input) => createHash('sha1').update(input).digest();
 * createEvaluator({ flags }, { hasher });
 * ```
 */
export type Hasher = (input: string) => Uint8Array;

/** Turns a hash input, given as prefix and bucketed value, into a bucket in [0, 1). */
export type BucketFunction = (prefix: HashPrefix, value: string) => number;

/** 0xFFFFFFFFFFFFFFF, written so that the literal is exact; as a double both are 2^60. */
const SCALE = 2 ** 60 - 1;

/** The bucket function for a hasher; without one, the built-in allocation-free SHA-1. */
export function bucketFunction(hasher?: Hasher): BucketFunction {
  if (hasher === undefined) return (prefix, value) => prefixedTop60(prefix, value) / SCALE;
  return (prefix, value) => digestTop60(hasher(prefix.text + value)) / SCALE;
}

/**
 * What a context attribute contributes to a hash input: strings as they are, integers in decimal;
 * `undefined` for anything else, which buckets to 0.
 */
export function bucketableValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return undefined;
}

/** Prefixes by text, so that rollouts sharing a seed share one (and its cache); bounded, as flags come and go. */
const prefixes = new Map<string, HashPrefix>();

/** The part of the hash input before the attribute value: `<seed>.` or `<key>.<salt>.`, encoded once. */
export function hashPrefix(key: string, salt: string, seed: number | undefined): HashPrefix {
  const text = seed === undefined ? `${key}.${salt}.` : `${seed}.`;
  let prefix = prefixes.get(text);
  if (prefix === undefined) {
    if (prefixes.size >= 10_000) prefixes.clear();
    prefix = new HashPrefix(text);
    prefixes.set(text, prefix);
  }
  return prefix;
}

export interface BucketInput {
  /** Flag or segment key; ignored when `seed` is set. */
  readonly key?: string;
  /** Flag or segment salt; ignored when `seed` is set. */
  readonly salt?: string;
  /** A rollout's seed; `0` is a seed like any other. */
  readonly seed?: number;
  /** The context attribute bucketed by (usually the key). */
  readonly value: unknown;
}

/**
 * The bucket in [0, 1) that a value falls into: SHA-1 of `"<seed>.<value>"` or
 * `"<key>.<salt>.<value>"`, first 15 hex digits divided by `0xFFFFFFFFFFFFFFF`. Values other than
 * strings and integers bucket to 0.
 *
 * @example
 * ```ts
 * bucketValue({ key: 'new-checkout', salt: 'abc', value: 'user-42' }); // e.g. 0.4217…
 * bucketValue({ seed: 61, value: 'user-42' });
 * ```
 */
export function bucketValue(input: BucketInput, hasher?: Hasher): number {
  const value = bucketableValue(input.value);
  if (value === undefined) return 0;
  return bucketFunction(hasher)(hashPrefix(input.key ?? '', input.salt ?? '', input.seed), value);
}
