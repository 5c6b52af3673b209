import { jsonEqual } from '@switchboard/core';
import type { ValidationIssue } from '@switchboard/core/schema';

const holds = (values: readonly unknown[], value: unknown) => values.some((v) => jsonEqual(v, value));

/**
 * The indexes of `before`'s variations that no longer name the same variation in `after`. A
 * variation is known by its value (a flag's values differ): it keeps its index if its value stays
 * there, or is edited in place (the index now holds a value that was nowhere, its old value is
 * nowhere). A removal, a reorder, or an index gone past the end moves it.
 *
 * @example
 * ```ts
 * movedVariations(['red', 'green', 'blue'], ['green', 'blue']); // → [0, 1, 2]
 * movedVariations(['red', 'green', 'blue'], ['red', 'lime', 'blue']); // → []
 * ```
 */
export function movedVariations(before: readonly unknown[], after: readonly unknown[]): number[] {
  return before.flatMap((value, i) => {
    const now = after[i];
    const editedInPlace = !(holds(before, now) || holds(after, value));
    return i < after.length && (jsonEqual(value, now) || editedInPlace) ? [] : [i];
  });
}

/**
 * A prerequisite names its flag's variation by index, so a change that moves one (see
 * {@link movedVariations}) would make another flag's prerequisite name another variation or none.
 * As LaunchDarkly does, the change is refused, naming the variation (the field) and each dependent
 * flag of `flags`, those of environment `env`.
 */
export function movedPrerequisiteIssues(
  key: string,
  moved: readonly number[],
  env: string,
  flags: readonly {
    readonly key: string;
    readonly prerequisites: readonly { key: string; variation: number }[];
  }[],
): ValidationIssue[] {
  return flags.flatMap((flag) =>
    flag.prerequisites
      .filter((p) => p.key === key && moved.includes(p.variation))
      .map(({ variation }) => ({
        field: `variations[${variation}]`,
        message: `flag "${flag.key}" in "${env}" has it as a prerequisite`,
      })),
  );
}
