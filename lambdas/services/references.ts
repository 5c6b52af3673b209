import { segmentReferences } from '@switchboard/core/schema';
import type { ControlStore, EnvironmentContents, EnvironmentLocator, Write } from './ports.js';

/**
 * A write that adds a reference checks that the referenced item exists, and a delete checks that
 * nothing refers to the item it deletes; each reads, then writes, so a write and a delete racing
 * each other could both pass and leave a reference to nothing. The project's reference revision
 * closes that gap from both sides:
 *
 * - a write that adds a prerequisite or a `segmentMatch` bumps the revision and checks each newly
 *   referenced item at the version it validated against ({@link holdingReferences});
 * - a delete reads the revision before it looks for referrers and checks it unchanged in its
 *   transaction ({@link referencesUnchanged}).
 *
 * Of a racing write and delete, whichever commits second fails its transaction, and its retry sees
 * what the other did. Writes that keep their references (a toggle, a rollout change) touch neither,
 * so they cost nothing more; the revision is one item per project, so a flag delete checks one item
 * whatever the number of environments.
 */

/** What a flag configuration or a segment refers to in its environment. */
export interface References {
  readonly flags: readonly string[];
  readonly segments: readonly string[];
}

const NONE: References = { flags: [], segments: [] };

type Rules = Parameters<typeof segmentReferences>[0];

/** A flag configuration's references: its prerequisites and the segments its rules match. */
export function flagReferences(
  config: (Rules & { readonly prerequisites?: readonly { readonly key: string }[] }) | undefined,
): References {
  if (!config) return NONE;
  return { flags: (config.prerequisites ?? []).map((p) => p.key), segments: segmentReferences(config) };
}

/** A segment's references: the segments its rules match. */
export function segmentReferencesOf(segment: Rules | undefined): References {
  return segment ? { flags: [], segments: segmentReferences(segment) } : NONE;
}

const ref = (project: string) => ({ kind: 'referenceRevision', project }) as const;

/**
 * The checks that keep every reference `after` adds to `before` pointing at the item, at the
 * version, that `contents` (already validated against) holds. Unknown keys are checked `present`,
 * which fails; validation refuses them before this is reached.
 */
export function addedReferenceChecks(
  at: EnvironmentLocator,
  before: References,
  after: References,
  contents: EnvironmentContents,
): Write[] {
  const added = (now: readonly string[], then: readonly string[]) =>
    [...new Set(now)].filter((key) => !then.includes(key));
  const version = (items: readonly { key: string; version: number }[], key: string) =>
    items.find((item) => item.key === key)?.version ?? 'present';
  return [
    ...added(after.flags, before.flags).map(
      (flag): Write => ({
        ref: { kind: 'flagConfig', ...at, flag },
        expect: version(contents.flags, flag),
        check: true,
      }),
    ),
    ...added(after.segments, before.segments).map(
      (segment): Write => ({
        ref: { kind: 'segment', ...at, segment },
        expect: version(contents.segments, segment),
        check: true,
      }),
    ),
  ];
}

/** `checks` (from {@link addedReferenceChecks}) with the revision bump they need, or nothing. */
export function holdingReferences(project: string, checks: readonly Write[]): Write[] {
  return checks.length === 0 ? [] : [{ ref: ref(project), increment: true }, ...checks];
}

/**
 * Read before a delete looks for referrers; the returned check, in the delete's transaction, fails
 * if a reference was added since.
 */
export async function referencesUnchanged(store: Pick<ControlStore, 'get'>, project: string): Promise<Write> {
  const revision = await store.get(ref(project));
  return { ref: ref(project), expect: revision?.version ?? 'absent', check: true };
}
