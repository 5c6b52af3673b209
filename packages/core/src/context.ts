import type { AttributeReference } from './attribute-reference.js';
import { isObject, type JsonObject } from './nulls.js';

/**
 * Context handling on the hot path. A context is validated without copying it, a legacy user (no
 * `kind`) included: its attributes are read in place (`legacyAttribute`).
 */

/** `^[\w.-]+$` without a regex: this runs on every evaluation. */
export function isKindName(kind: string): boolean {
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

/** What a legacy user without `custom` reads its non-built-in attributes from. */
const NO_CUSTOM: JsonObject = Object.freeze({});

/**
 * A validated evaluation context. `forKind` answers the attributes of one kind, or `undefined` when
 * the context has no such kind; for a legacy user that is the user as given, whose attributes only
 * read right through an attribute reference given `legacyCustom` (or through `read`).
 */
export class EvalContext {
  private kindList: readonly string[] | undefined;

  private constructor(
    private readonly singleKind: string | undefined,
    private readonly single: JsonObject | undefined,
    /** A multi-kind context's kinds and, at the same indexes, their attributes (validated). */
    private readonly multiKinds: readonly string[] | undefined,
    private readonly multiAttributes: readonly JsonObject[] | undefined,
    /**
     * For a legacy user (then `single` is the user as given), its `custom` object, which
     * attribute readers take alongside it; `undefined` for every other context.
     */
    readonly legacyCustom: JsonObject | undefined = undefined,
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
      if (!hasValidKey(raw)) return undefined;
      const custom = isObject(raw.custom) ? raw.custom : NO_CUSTOM;
      return new EvalContext('user', raw, undefined, undefined, custom);
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

  /**
   * The value `ref` names in the context of `kind`; `undefined` when the context has no such kind
   * or the value is absent.
   */
  read(kind: string, ref: AttributeReference): unknown {
    const attributes = this.forKind(kind);
    return attributes === undefined ? undefined : ref.read(attributes, this.legacyCustom);
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
