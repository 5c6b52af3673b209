import type { ItemChange } from './flag-store.js';
import type { VersionedItem } from './messages.js';

const asArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
const id = ({ kind, key }: ItemChange) => `${kind}:${key}`;

/** Keys of the segments named by `segmentMatch` clauses in an item's rules. */
function segmentsUsedBy(item: VersionedItem): string[] {
  return asArray(item.rules).flatMap((rule) =>
    asArray(field(rule, 'clauses'))
      .filter((clause) => field(clause, 'op') === 'segmentMatch')
      .flatMap((clause) => asArray(field(clause, 'values')).filter((value) => typeof value === 'string')),
  );
}

/**
 * The changed items plus every flag whose result may change with them: flags that use a changed
 * segment (directly or through another segment) or have a changed flag as a prerequisite, at any
 * depth. Without this, an application watching flag `checkout` would miss that the segment
 * `beta-testers` it targets just gained a member.
 *
 * @example
 * ```ts
 * withDependents([{ kind: 'segment', key: 'beta' }], flags, segments);
 * // → [{ kind: 'segment', key: 'beta' }, { kind: 'flag', key: 'checkout' }, …]
 * ```
 */
export function withDependents(
  changes: readonly ItemChange[],
  flags: readonly VersionedItem[],
  segments: readonly VersionedItem[],
): ItemChange[] {
  const dependents = new Map<string, ItemChange[]>();
  const dependOn = (dependency: ItemChange, dependent: ItemChange) => {
    const list = dependents.get(id(dependency)) ?? [];
    list.push(dependent);
    dependents.set(id(dependency), list);
  };
  for (const flag of flags) {
    const dependent: ItemChange = { kind: 'flag', key: flag.key };
    for (const prerequisite of asArray(flag.prerequisites)) {
      const key = field(prerequisite, 'key');
      if (typeof key === 'string') dependOn({ kind: 'flag', key }, dependent);
    }
    for (const key of segmentsUsedBy(flag)) dependOn({ kind: 'segment', key }, dependent);
  }
  for (const segment of segments) {
    for (const key of segmentsUsedBy(segment))
      dependOn({ kind: 'segment', key }, { kind: 'segment', key: segment.key });
  }
  const result = [...changes];
  const seen = new Set(changes.map(id));
  for (let index = 0; index < result.length; index += 1) {
    for (const dependent of dependents.get(id(result[index] as ItemChange)) ?? []) {
      if (!seen.has(id(dependent))) {
        seen.add(id(dependent));
        result.push(dependent);
      }
    }
  }
  return result;
}
