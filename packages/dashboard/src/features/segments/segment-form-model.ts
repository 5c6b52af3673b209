import { jsonEqual } from '@switchboard/core';
import { type Clause, clauseErrors } from '../../components/clauses/clause-model.js';
import type { NamedForm } from '../../lib/key-from-name.js';

/** One context kind's keys in a segment's included or excluded list. */
export interface TargetRow {
  readonly contextKind: string;
  readonly values: string;
}

/** What the segment editor edits, as text where the user types. */
export interface SegmentForm extends NamedForm {
  readonly description: string;
  readonly tags: string;
  readonly included: TargetRow[];
  readonly excluded: TargetRow[];
  readonly rules: readonly SegmentRule[];
}

type Target = { contextKind: string; values: string[] };

/** The API fields the editor writes. */
export interface SegmentFields {
  name: string;
  description: string;
  tags: string[];
  included: string[];
  excluded: string[];
  includedContexts: Target[];
  excludedContexts: Target[];
  rules: SegmentRule[];
}

/** A segment rule: its clauses are the flag rules' clauses; `weight` and `bucketBy` are kept as they are. */
export interface SegmentRule {
  id: string;
  clauses: Clause[];
  weight?: number;
  bucketBy?: string;
  rolloutContextKind?: string;
}

interface SegmentLike {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly included: readonly string[];
  readonly excluded: readonly string[];
  readonly includedContexts: readonly Target[];
  readonly excludedContexts: readonly Target[];
  readonly rules: readonly SegmentRule[];
}

export const emptySegmentForm: SegmentForm = {
  key: '',
  name: '',
  keyEdited: false,
  description: '',
  tags: '',
  included: [{ contextKind: 'user', values: '' }],
  excluded: [{ contextKind: 'user', values: '' }],
  rules: [],
};

const rows = (users: readonly string[], contexts: readonly Target[]): TargetRow[] => {
  const all = [{ contextKind: 'user', values: [...users] }, ...contexts];
  return all
    .filter((t, i) => i === 0 || t.values.length > 0)
    .map((t) => ({ contextKind: t.contextKind, values: t.values.join('\n') }));
};

/**
 * The editor's state for a segment: `user` keys (the API's `included`/`excluded`) and other context
 * kinds (`includedContexts`/`excludedContexts`) become one row per kind; rules are edited as they are.
 *
 * @example
 * toSegmentForm(segment).included; // [{ contextKind: 'user', values: 'alice\nbob' }, …]
 */
export function toSegmentForm(segment: SegmentLike): SegmentForm {
  return {
    key: segment.key,
    name: segment.name,
    keyEdited: true,
    description: segment.description,
    tags: segment.tags.join(', '),
    included: rows(segment.included, segment.includedContexts),
    excluded: rows(segment.excluded, segment.excludedContexts),
    rules: segment.rules,
  };
}

const keysOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Rows → the API's `user` list plus one entry per other kind (rows of the same kind merged). */
function targets(list: readonly TargetRow[]): { users: string[]; contexts: Target[] } {
  const byKind = new Map<string, string[]>();
  for (const row of list) {
    const kind = row.contextKind.trim() || 'user';
    byKind.set(kind, [...new Set([...(byKind.get(kind) ?? []), ...keysOf(row.values)])]);
  }
  const users = byKind.get('user') ?? [];
  byKind.delete('user');
  const contexts = [...byKind]
    .filter(([, values]) => values.length > 0)
    .map(([contextKind, values]) => ({ contextKind, values }));
  return { users, contexts };
}

/** A field the editor rejects, with the path of the offending part. */
export class SegmentFormError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SegmentFormError';
  }
}

/**
 * Checks every clause the way the flag page does, so a wrong value is reported at its path before a
 * request is sent; rules without an `id` get one.
 *
 * @example
 * checkSegmentRules([{ id: 'r1', clauses: [{ attribute: 'email', op: 'endsWith', values: [] }] }], () => 'x');
 * // throws SegmentFormError('rules[0].clauses[0]', 'Enter at least one value.')
 */
export function checkSegmentRules(rules: readonly SegmentRule[], newId: () => string): SegmentRule[] {
  return rules.map((rule, i) => {
    rule.clauses.forEach((clause, j) => {
      const problems = clauseErrors(clause);
      if (problems.length > 0) throw new SegmentFormError(`rules[${i}].clauses[${j}]`, problems.join(' '));
    });
    return { ...rule, id: rule.id || newId() };
  });
}

/**
 * The API fields of an edited segment; throws {@link SegmentFormError} naming the clause that is wrong.
 *
 * @example
 * const fields = fromSegmentForm(form, () => crypto.randomUUID());
 */
export function fromSegmentForm(form: SegmentForm, newId: () => string): SegmentFields {
  const included = targets(form.included);
  const excluded = targets(form.excluded);
  return {
    name: form.name.trim(),
    description: form.description,
    tags: [
      ...new Set(
        form.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ],
    included: included.users,
    excluded: excluded.users,
    includedContexts: included.contexts,
    excludedContexts: excluded.contexts,
    rules: checkSegmentRules(form.rules, newId),
  };
}

/**
 * The fields whose value differs from the segment's: what a save sends.
 *
 * @example
 * changedFields(segment, fromSegmentForm(form, newId)); // { name: 'Beta' } after a rename
 */
export function changedFields(segment: SegmentLike, fields: SegmentFields): Partial<SegmentFields> {
  return Object.fromEntries(
    Object.entries(fields).filter(([field, value]) => !jsonEqual(segment[field as keyof SegmentLike], value)),
  );
}

/**
 * An edit started on `base` moved onto `fresh`, a newer version: the fields the edit changed laid
 * over `fresh`, and the fields `fresh` changed as well, where the edit's value replaces theirs.
 *
 * @example
 * rebaseEdit(base, fresh, fields); // { segment: { ...fresh, name: 'Beta' }, overlapping: [] }
 */
export function rebaseEdit<S extends SegmentLike>(
  base: S,
  fresh: S,
  fields: SegmentFields,
): { segment: S; overlapping: string[] } {
  const mine = changedFields(base, fields);
  const overlapping = Object.entries(mine)
    .filter(([field, value]) => {
      const theirs = fresh[field as keyof SegmentLike];
      return !jsonEqual(base[field as keyof SegmentLike], theirs) && !jsonEqual(theirs, value);
    })
    .map(([field]) => field);
  return { segment: { ...fresh, ...mine }, overlapping };
}
