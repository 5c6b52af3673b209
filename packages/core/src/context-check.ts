import { isKindName } from './context.js';
import type { ValidationIssue } from './errors.js';
import { contextWithoutNulls, isObject, type JsonObject } from './nulls.js';
import { receivedType } from './schema-issues.js';

/**
 * `parseContext`'s rules, checked by hand: a function that only needs to know whether a context
 * from the wire is valid (WebSocket delivery) then loads no schema library. The first issue is the
 * one `parseContext` would report first, field and message alike (`context-check.test.ts` compares
 * the two on generated contexts). Attribute values are taken as JSON, which they are after
 * `JSON.parse`.
 */

type Expected = 'object' | 'string' | 'boolean' | 'array' | 'record';

const expected = (field: string, type: Expected, value: unknown): ValidationIssue => ({
  field,
  message: `Invalid input: expected ${type}, received ${receivedType(value)}`,
});

const join = (prefix: string, field: string) => (prefix === '' ? field : `${prefix}.${field}`);

function optional(field: string, value: unknown, type: 'string' | 'boolean'): ValidationIssue | undefined {
  return value === undefined || typeof value === type ? undefined : expected(field, type, value);
}

function optionalStrings(field: string, value: unknown): ValidationIssue | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return expected(field, 'array', value);
  const index = value.findIndex((item) => typeof item !== 'string');
  return index < 0 ? undefined : expected(`${field}[${index}]`, 'string', value[index]);
}

function keyIssue(field: string, key: unknown): ValidationIssue | undefined {
  if (key === undefined) return { field, message: 'Required' };
  if (typeof key !== 'string') return expected(field, 'string', key);
  return key === '' ? { field, message: 'Too small: expected string to have >=1 characters' } : undefined;
}

/** `key`, `name` and `anonymous`, which every shape of context has, under `prefix`. */
function identityIssue(prefix: string, context: JsonObject): ValidationIssue | undefined {
  return (
    keyIssue(join(prefix, 'key'), context.key) ??
    optional(join(prefix, 'name'), context.name, 'string') ??
    optional(join(prefix, 'anonymous'), context.anonymous, 'boolean')
  );
}

/** One context of a kind: its identity, then `_meta`. */
function bodyIssue(prefix: string, context: JsonObject): ValidationIssue | undefined {
  const { _meta: meta } = context;
  return (
    identityIssue(prefix, context) ??
    (meta === undefined
      ? undefined
      : isObject(meta)
        ? optionalStrings(join(prefix, '_meta.privateAttributes'), meta.privateAttributes)
        : expected(join(prefix, '_meta'), 'object', meta))
  );
}

/** Keys valibot's records and rests never read: `JSON.parse` makes own ones that reach a prototype. */
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function multiIssue(context: JsonObject): ValidationIssue | undefined {
  // The schema's rest skips (and drops) the keys that could reach a prototype; so does the check.
  const kinds = Object.keys(context).filter((kind) => kind !== 'kind' && !UNSAFE_KEYS.has(kind));
  for (const kind of kinds) {
    const attributes = context[kind];
    const issue = isObject(attributes) ? bodyIssue(kind, attributes) : expected(kind, 'object', attributes);
    if (issue) return issue;
  }
  if (kinds.length === 0) return { field: '', message: 'a multi-kind context needs at least one kind' };
  const invalid = kinds.find((kind) => !isKindName(kind));
  return invalid === undefined ? undefined : { field: invalid, message: 'invalid context kind' };
}

const LEGACY_STRINGS = ['ip', 'email', 'avatar', 'firstName', 'lastName', 'country'] as const;

function legacyIssue(user: JsonObject): ValidationIssue | undefined {
  const identity = identityIssue('', user);
  if (identity) return identity;
  for (const field of LEGACY_STRINGS) {
    const issue = optional(field, user[field], 'string');
    if (issue) return issue;
  }
  const { custom } = user;
  return (
    (custom === undefined || isObject(custom) ? undefined : expected('custom', 'record', custom)) ??
    optionalStrings('privateAttributeNames', user.privateAttributeNames)
  );
}

/**
 * The first problem with an evaluation context (single-kind, multi-kind or a legacy user), or
 * `undefined` when `parseContext` would accept it; `null` properties count as absent. Unlike
 * `parseContext` it returns the context unchanged and needs no schema library.
 *
 * @example
 * ```ts
 * contextIssue({ kind: 'user', key: 'u1' }); // → undefined
 * contextIssue({ kind: 'multi', org: { key: '' } });
 * // → { field: 'org.key', message: 'Too small: expected string to have >=1 characters' }
 * ```
 */
export function contextIssue(json: unknown): ValidationIssue | undefined {
  const context = contextWithoutNulls(json);
  if (!isObject(context)) return expected('', 'object', context);
  const { kind } = context;
  if (kind === 'multi') return multiIssue(context);
  if (kind === undefined) return legacyIssue(context);
  if (typeof kind !== 'string') return expected('kind', 'string', kind);
  if (!isKindName(kind)) {
    return { field: 'kind', message: 'must match ^[\\w.-]+$ and not be "kind" or "multi"' };
  }
  return bodyIssue('', context);
}
