/**
 * "`null` properties are dropped on ingestion (not inside arrays)": a `null` field of the data model
 * means "absent". Only fields of the model are stripped; JSON values (variations, clause values,
 * context attributes) keep their `null`s, because `{ "a": null }` is a legitimate variation value.
 * Each function returns a fresh deep copy, so the caller's object is never shared or mutated.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Walk = (value: unknown) => unknown;

/** `Object.fromEntries` defines own properties, so a `__proto__` key stays data instead of a prototype. */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneJson(v)]));
  return value;
}

function modelObject(fields: Record<string, Walk> = {}, rest: Walk = cloneJson): Walk {
  return (value) => {
    if (!isObject(value)) return cloneJson(value);
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, ((Object.hasOwn(fields, k) && fields[k]) || rest)(v)]),
    );
  };
}

function each(walk: Walk): Walk {
  return (value) => (Array.isArray(value) ? value.map(walk) : cloneJson(value));
}

const plain = modelObject();
const rollout = modelObject({ variations: each(plain) });
const clauses = each(plain);

export const flagWithoutNulls: Walk = modelObject({
  targets: each(plain),
  contextTargets: each(plain),
  prerequisites: each(plain),
  rules: each(modelObject({ clauses, rollout })),
  fallthrough: modelObject({ rollout }),
  clientSideAvailability: plain,
});

export const segmentWithoutNulls: Walk = modelObject({
  includedContexts: each(plain),
  excludedContexts: each(plain),
  rules: each(modelObject({ clauses })),
});

const multiContext = modelObject({}, plain);
const legacyUser = modelObject({ custom: plain });

/**
 * A copy of a context from the wire without its `null` attributes, which read as absent (the
 * context's kinds, and a legacy user's `custom`, walked). Check it first with `contextIssue`.
 *
 * @example
 * contextWithoutNulls({ kind: 'user', key: 'u1', name: null }); // → { kind: 'user', key: 'u1' }
 */
export function contextWithoutNulls(value: unknown): unknown {
  if (!isObject(value)) return cloneJson(value);
  if (value.kind === 'multi') return multiContext(value);
  if (value.kind === undefined || value.kind === null) return legacyUser(value);
  return plain(value);
}
