import { isObject, type JsonObject } from './nulls.js';

/**
 * Context handling on the hot path. A context is validated without copying it; only a legacy user
 * (no `kind`) is rebuilt, into the single-kind shape it stands for.
 */

/** `^[\w.-]+$` without a regex: this runs on every evaluation. */
function isKindName(kind: string): boolean {
  if (kind === 'user') return true;
  if (kind.length === 0 || kind === 'kind') return false;
  for (let i = 0; i < kind.length; i += 1) {
    const c = kind.charCodeAt(i);
    const ok =
      (c >= 97 && c <= 122) || // a-z
      (c >= 65 && c <= 90) || // A-Z
      (c >= 48 && c <= 57) || // 0-9
      c === 95 || // _
      c === 46 || // .
      c === 45; // -
    if (!ok) return false;
  }
  return true;
}

function hasValidKey(context: JsonObject): boolean {
  const { key } = context;
  return typeof key === 'string' && key !== '';
}

const LEGACY_BUILT_INS = [
  'key',
  'name',
  'ip',
  'email',
  'avatar',
  'firstName',
  'lastName',
  'country',
] as const;

/** Sets an own data property, also for the name `__proto__` (an assignment would set the prototype). */
function setOwn(target: JsonObject, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[name] = value;
  }
}

/**
 * A legacy user as the single-kind context it stands for: `custom` attributes move to the top level.
 * This runs on every evaluation of a legacy user, so it copies with plain loops: `Object.entries`
 * and `Object.fromEntries` cost about three times as much.
 */
function fromLegacyUser(user: JsonObject): JsonObject {
  const attributes: JsonObject = {};
  const { custom } = user;
  if (isObject(custom)) {
    for (const name in custom) {
      if (Object.hasOwn(custom, name)) setOwn(attributes, name, custom[name]);
    }
  }
  for (const name of LEGACY_BUILT_INS) {
    const value = user[name];
    if (value !== undefined && value !== null) attributes[name] = value;
  }
  const { anonymous } = user;
  if (anonymous !== undefined && anonymous !== null) attributes.anonymous = anonymous;
  attributes.kind = 'user';
  return attributes;
}

/**
 * A validated evaluation context. `forKind` answers the attributes of one kind, or `undefined` when
 * the context has no such kind.
 */
export class EvalContext {
  private kindList: readonly string[] | undefined;

  private constructor(
    private readonly singleKind: string | undefined,
    private readonly single: JsonObject | undefined,
    /** A multi-kind context's kinds and, at the same indexes, their attributes (validated). */
    private readonly multiKinds: readonly string[] | undefined,
    private readonly multiAttributes: readonly JsonObject[] | undefined,
  ) {}

  /** Validates `raw`; `undefined` when it is not a usable context (→ `USER_NOT_SPECIFIED`). */
  static from(raw: unknown): EvalContext | undefined {
    if (!isObject(raw)) return undefined;
    const { kind } = raw;
    if (typeof kind === 'string' && kind !== 'multi') {
      return isKindName(kind) && hasValidKey(raw)
        ? new EvalContext(kind, raw, undefined, undefined)
        : undefined;
    }
    if (kind === 'multi') return EvalContext.fromMulti(raw);
    if (kind === undefined || kind === null) {
      return hasValidKey(raw)
        ? new EvalContext('user', fromLegacyUser(raw), undefined, undefined)
        : undefined;
    }
    return undefined;
  }

  private static fromMulti(raw: JsonObject): EvalContext | undefined {
    const kinds: string[] = [];
    const attributes: JsonObject[] = [];
    for (const kind in raw) {
      const context = raw[kind];
      if (kind === 'kind' || context === null || !Object.hasOwn(raw, kind)) continue;
      if (!isKindName(kind) || !isObject(context) || !hasValidKey(context)) return undefined;
      kinds.push(kind);
      attributes.push(context);
    }
    return kinds.length === 0 ? undefined : new EvalContext(undefined, undefined, kinds, attributes);
  }

  forKind(kind: string): JsonObject | undefined {
    const { multiKinds } = this;
    if (multiKinds === undefined) return kind === this.singleKind ? this.single : undefined;
    // A handful of kinds at most: a scan beats a property lookup with an own-property check.
    for (let i = 0; i < multiKinds.length; i += 1) {
      if (multiKinds[i] === kind) return (this.multiAttributes as readonly JsonObject[])[i];
    }
    return undefined;
  }

  /** The key of the context of `kind`, if the context has that kind. */
  keyOf(kind: string): string | undefined {
    return this.forKind(kind)?.key as string | undefined;
  }

  /** What the `kind` attribute reads: every kind present. */
  kinds(): readonly string[] {
    this.kindList ??= this.multiKinds ?? [this.singleKind as string];
    return this.kindList;
  }
}
