import type { Contributions } from './aggregate.js';

/**
 * Kinesis sequence numbers are decimal strings of up to 129 digits that grow within a shard.
 * Prefixing the length makes string order equal numeric order, so DynamoDB can compare them in a
 * condition expression (`#w < :seq`).
 *
 * @example
 * ```ts
 * sequenceKey('49590338271490256608559692538361571095921575989136588898'); // '056495903…'
 * ```
 */
export const sequenceKey = (sequenceNumber: string): string =>
  `${sequenceNumber.length.toString().padStart(3, '0')}${sequenceNumber}`;

/** What the sources after `watermark` (a {@link sequenceKey}; undefined: none applied) still add. */
export interface Remainder {
  readonly count: number;
  readonly metricSum: number;
  /** Sequence key of the first and last source still to apply. */
  readonly first: string;
  readonly last: string;
}

/**
 * The part of a total that a counter holding `watermark` has not seen yet: the contributions of
 * sources whose record comes after it. `sequenceKeys[i]` is source i's record's key; sources are in
 * record order. Undefined when nothing remains (the counter already has all of it).
 *
 * @example
 * ```ts
 * remainderAfter({ sources: [0, 2], counts: [5, 7] }, ['0011', '0012', '0013'], '0012'); // count 7
 * ```
 */
export function remainderAfter(
  contributions: Contributions & { readonly metricSums?: readonly number[] },
  sequenceKeys: readonly string[],
  watermark: string | undefined,
): Remainder | undefined {
  let count = 0;
  let metricSum = 0;
  let first: string | undefined;
  let last = '';
  contributions.sources.forEach((source, i) => {
    const key = sequenceKeys[source] as string;
    if (watermark !== undefined && key <= watermark) return;
    first ??= key;
    last = key;
    count += contributions.counts[i] as number;
    metricSum += contributions.metricSums?.[i] ?? 0;
  });
  return first === undefined ? undefined : { count, metricSum, first, last };
}
