import { jsonEqual } from '@switchboard/core';
import { segmentReferences } from '@switchboard/core/schema';
import type { ControlStore, EnvironmentContents, EnvironmentLocator, Write } from './ports.js';

/**
 * A write that adds a reference checks that the referenced item exists, and a delete checks that
 * nothing refers to the item it deletes; each reads, then writes, so a write and a delete racing
 * each other could both pass and leave a reference to nothing. The project's reference revision
 * closes that gap from both sides:
 *
 * - a write that adds a prerequisite (or names another variation in one) or a `segmentMatch` bumps
 *   the revision and checks each newly referenced item at the version it validated against
 *   ({@link holdingReferences});
 * - a delete, and a flag change that moves variations a prerequisite may name, reads the revision
 *   before it looks for referrers and checks it unchanged in its transaction
 *   ({@link referencesUnchanged}).
 *
 * Of a racing write and delete, whichever commits second fails its transaction, and its retry sees
 * what the other did. Writes that keep their references (a toggle, a rollout change) touch neither,
 * so they cost nothing more; the revision is one item per project, so a flag delete checks one item
 * whatever the number of environments.
 */

/** What a flag configuration or a segment refers to in its environment. */
export interface References {
  /** The prerequisites: a flag, and the variation of it that is named. */
  readonly flags: readonly { readonly key: string; readonly variation: number }[];
  readonly segments: readonly string[];
}

const NONE: References = { flags: [], segments: [] };

type Rules = Parameters<typeof segmentReferences>[0];

/** A flag configuration's references: its prerequisites and the segments its rules match. */
export function flagReferences(
  config: (Rules & { readonly prerequisites?: References['flags'] }) | undefined,
): References {
  if (!config) return NONE;
  return { flags: config.prerequisites ?? [], segments: segmentReferences(config) };
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
  const unique = (keys: readonly string[]) => [...new Set(keys)];
  // A prerequisite that names another variation of its flag depends on that flag's variations anew.
  const kept = (p: References['flags'][number]) => before.flags.some((q) => jsonEqual(q, p));
  const version = (items: readonly { key: string; version: number }[], key: string) =>
    items.find((item) => item.key === key)?.version ?? 'present';
  return [
    ...unique(after.flags.filter((p) => !kept(p)).map((p) => p.key)).map(
      (flag): Write => ({
        ref: { kind: 'flagConfig', ...at, flag },
        expect: version(contents.flags, flag),
        check: true,
      }),
    ),
    ...unique(after.segments.filter((key) => !before.segments.includes(key))).map(
      (segment): Write => ({
        ref: { kind: 'segment', ...at, segment },
        expect: version(contents.segments, segment),
        check: true,
      }),
    ),
  ];
}

/**
 * `checks` (from {@link addedReferenceChecks}) with the revision bump they need, or nothing. With
 * `unchanged` (from {@link referencesUnchanged}) the bump, or the check alone, expects the revision read.
 */
export function holdingReferences(project: string, checks: readonly Write[], unchanged?: Write): Write[] {
  if (checks.length === 0) return unchanged ? [unchanged] : [];
  return [{ ref: ref(project), increment: true, ...(unchanged && { expect: unchanged.expect }) }, ...checks];
}

/**
 * Read before a delete looks for referrers; the returned check, in the delete's transaction, fails
 * if a reference was added since.
 */
export async function referencesUnchanged(store: Pick<ControlStore, 'get'>, project: string): Promise<Write> {
  const revision = await store.get(ref(project));
  return { ref: ref(project), expect: revision?.version ?? 'absent', check: true };
}
