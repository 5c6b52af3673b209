import type { EvaluationContext, EvaluationContextValue } from '@openfeature/server-sdk';
import type { SwitchboardContext } from './client.js';

/** A context that could be translated, or why not. */
export type ContextTranslation =
  | { readonly ok: true; readonly context: SwitchboardContext }
  | { readonly ok: false; readonly message: string };

type Attributes = Record<string, unknown>;

const isObject = (value: unknown): value is Readonly<Record<string, EvaluationContextValue>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** OpenFeature allows `Date` attributes; the evaluation model compares RFC 3339 strings. */
function toJson(value: EvaluationContextValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, toJson(inner)]));
  return value;
}

/** One kind's context: `targetingKey` (or `key`) becomes `key`, `privateAttributes` moves to `_meta`. */
function singleKind(
  kind: string,
  attributes: Readonly<Record<string, EvaluationContextValue>>,
): Attributes | string {
  const { targetingKey, key, privateAttributes, kind: _ignoredKind, ...rest } = attributes;
  const contextKey = targetingKey ?? key;
  if (typeof contextKey !== 'string' || contextKey === '') {
    return `the "${kind}" context has no targetingKey`;
  }
  const context: Attributes = { kind, key: contextKey };
  for (const [name, value] of Object.entries(rest)) {
    if (value !== undefined) context[name] = toJson(value);
  }
  if (Array.isArray(privateAttributes)) context._meta = { privateAttributes: toJson(privateAttributes) };
  return context;
}

/**
 * Translates an OpenFeature evaluation context into a Switchboard context:
 * `{ targetingKey: 'u-1', kind?: 'org', ...attributes }` is a single context (kind `user` when
 * absent); `{ kind: 'multi', user: { targetingKey: 'u-1' }, org: { targetingKey: 'o-9' } }` is a
 * multi-kind context, each object attribute one kind (other top-level attributes are ignored, as
 * there is no kind to put them in).
 *
 * @example
 * ```ts
 * toSwitchboardContext({ targetingKey: 'u-1', plan: 'pro' });
 * // → { ok: true, context: { kind: 'user', key: 'u-1', plan: 'pro' } }
 * ```
 */
export function toSwitchboardContext(context: EvaluationContext): ContextTranslation {
  const kind = context.kind ?? 'user';
  if (typeof kind !== 'string') return { ok: false, message: 'the context kind is not a string' };
  if (kind !== 'multi') {
    const single = singleKind(kind, context);
    return typeof single === 'string' ? { ok: false, message: single } : { ok: true, context: single };
  }
  const multi: Attributes = { kind: 'multi' };
  for (const [name, value] of Object.entries(context)) {
    if (name === 'kind' || !isObject(value)) continue;
    const single = singleKind(name, value);
    if (typeof single === 'string') return { ok: false, message: single };
    const { kind: _kind, ...attributes } = single;
    multi[name] = attributes;
  }
  if (Object.keys(multi).length === 1) return { ok: false, message: 'the multi-kind context has no kinds' };
  return { ok: true, context: multi };
}
