/** One context kind's keys in a segment's included or excluded list. */
export interface TargetRow {
  readonly contextKind: string;
  readonly values: string;
}

/** What the segment editor edits, as text where the user types. */
export interface SegmentForm {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly tags: string;
  readonly included: TargetRow[];
  readonly excluded: TargetRow[];
  readonly rules: string;
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

export interface SegmentRule {
  id: string;
  clauses: { contextKind?: string; attribute: string; op: string; values: unknown[]; negate?: boolean }[];
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
  readonly rules: readonly unknown[];
}

export const emptySegmentForm: SegmentForm = {
  key: '',
  name: '',
  description: '',
  tags: '',
  included: [{ contextKind: 'user', values: '' }],
  excluded: [{ contextKind: 'user', values: '' }],
  rules: '[]',
};

const rows = (users: readonly string[], contexts: readonly Target[]): TargetRow[] => {
  const all = [{ contextKind: 'user', values: [...users] }, ...contexts];
  return all
    .filter((t, i) => i === 0 || t.values.length > 0)
    .map((t) => ({ contextKind: t.contextKind, values: t.values.join('\n') }));
};

/**
 * The editor's state for a segment: `user` keys (the API's `included`/`excluded`) and other context
 * kinds (`includedContexts`/`excludedContexts`) become one row per kind; rules become indented JSON.
 *
 * @example
 * toSegmentForm(segment).included; // [{ contextKind: 'user', values: 'alice\nbob' }, …]
 */
export function toSegmentForm(segment: SegmentLike): SegmentForm {
  return {
    key: segment.key,
    name: segment.name,
    description: segment.description,
    tags: segment.tags.join(', '),
    included: rows(segment.included, segment.includedContexts),
    excluded: rows(segment.excluded, segment.excludedContexts),
    rules: JSON.stringify(segment.rules, null, 2),
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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses and checks the rules JSON the same way the API's schema does, so a typo is reported at its
 * path before a request is sent; rules without an `id` get one.
 *
 * @example
 * parseSegmentRules('[{ "clauses": [{ "attribute": "email", "op": "endsWith", "values": ["@example.com"] }] }]', () => 'r1');
 */
export function parseSegmentRules(text: string, newId: () => string): SegmentRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim() || '[]');
  } catch (e) {
    throw new SegmentFormError('rules', `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new SegmentFormError('rules', 'must be a JSON array of rules');
  return parsed.map((rule, i) => {
    const at = `rules[${i}]`;
    if (!isObject(rule)) throw new SegmentFormError(at, 'must be an object');
    if (!Array.isArray(rule.clauses))
      throw new SegmentFormError(`${at}.clauses`, 'must be an array of clauses');
    rule.clauses.forEach((clause, j) => {
      const c = `${at}.clauses[${j}]`;
      if (!isObject(clause)) throw new SegmentFormError(c, 'must be an object');
      if (typeof clause.attribute !== 'string')
        throw new SegmentFormError(`${c}.attribute`, 'must be a string');
      if (typeof clause.op !== 'string' || !clause.op)
        throw new SegmentFormError(`${c}.op`, 'must be an operator name');
      if (!Array.isArray(clause.values)) throw new SegmentFormError(`${c}.values`, 'must be an array');
    });
    if (
      rule.weight !== undefined &&
      !(Number.isInteger(rule.weight) && (rule.weight as number) >= 0 && (rule.weight as number) <= 100_000)
    )
      throw new SegmentFormError(`${at}.weight`, 'must be a whole number from 0 to 100000');
    return { ...rule, id: typeof rule.id === 'string' && rule.id ? rule.id : newId() } as SegmentRule;
  });
}

/**
 * The API fields of an edited segment; throws {@link SegmentFormError} naming the field when the rules
 * JSON is wrong.
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
    rules: parseSegmentRules(form.rules, newId),
  };
}
