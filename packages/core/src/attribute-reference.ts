import type { JsonObject } from './nulls.js';

/** A parsed attribute reference: which property path of a context it names. */
export interface AttributeReference {
  /** False for `""`, `"/"`, an empty path component or a `~` not followed by `0` or `1`. */
  readonly valid: boolean;
  /** The unescaped property names to walk, outermost first. */
  readonly path: readonly string[];
  /** The reference names the context's kinds (`kind` or `/kind`). */
  readonly isKind: boolean;
  /** The first name is not a property of `Object.prototype`, so a plain read cannot return an inherited value. */
  readonly plainRead: boolean;
  /**
   * Reads the value from one context's attributes, as {@link readAttribute} does, specialised for
   * this path. For a legacy user, `attributes` is the user as given and `custom` its `custom`
   * object (empty when it has none); see {@link legacyAttribute}.
   */
  readonly read: (attributes: JsonObject, custom?: JsonObject) => unknown;
}

const absent = (): undefined => undefined;

const INVALID: AttributeReference = Object.freeze({
  valid: false,
  path: Object.freeze([]),
  isKind: false,
  plainRead: false,
  read: absent,
});

/** The attributes a legacy user keeps at its top level; all others are read from its `custom` object. */
const LEGACY_TOP_LEVEL = new Set([
  'key',
  'name',
  'ip',
  'email',
  'avatar',
  'firstName',
  'lastName',
  'country',
  'anonymous',
]);

const isEnumerable = (object: JsonObject, name: string): boolean =>
  Object.prototype.propertyIsEnumerable.call(object, name);

/**
 * The top-level attribute `name` of a legacy user, read in place rather than from a converted copy
 * (copying every legacy user on every evaluation cost more than the rest of it): a non-null
 * built-in from the top level, else the `custom` property of that name; the kind is `user`.
 */
export function legacyAttribute(user: JsonObject, custom: JsonObject, name: string): unknown {
  if (name === 'kind') return 'user';
  if (LEGACY_TOP_LEVEL.has(name)) {
    const value = user[name];
    if (value !== undefined && value !== null) return value;
  }
  return isEnumerable(custom, name) ? custom[name] : undefined;
}

/**
 * The reader of a path. Most references are one plain name, read with one property access and no
 * loop; this runs for every clause of every evaluation.
 */
function readerFor(
  path: readonly string[],
  plainRead: boolean,
): (attributes: JsonObject, custom?: JsonObject) => unknown {
  const first = path[0] as string;
  // `_meta` is metadata, not an attribute.
  if (first === '_meta') return absent;
  if (path.length === 2 && plainRead) {
    // `/address/country` and the like, without the loop.
    const second = path[1] as string;
    return (attributes, custom) => {
      const parent = custom === undefined ? attributes[first] : legacyAttribute(attributes, custom, first);
      if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return undefined;
      const value = Object.hasOwn(parent, second) ? (parent as JsonObject)[second] : undefined;
      return value === null ? undefined : value;
    };
  }
  if (path.length > 1) return (attributes, custom) => walk(attributes, path, plainRead, custom);
  // A missing (or `null`) `anonymous` is `false`.
  if (first === 'anonymous') {
    return (attributes, custom) =>
      (custom === undefined ? attributes.anonymous : legacyAttribute(attributes, custom, first)) ?? false;
  }
  if (plainRead) {
    return (attributes, custom) => {
      const value = custom === undefined ? attributes[first] : legacyAttribute(attributes, custom, first);
      return value === null ? undefined : value;
    };
  }
  return (attributes, custom) => {
    const value =
      custom !== undefined
        ? legacyAttribute(attributes, custom, first)
        : Object.hasOwn(attributes, first)
          ? attributes[first]
          : undefined;
    return value === null ? undefined : value;
  };
}

function valid(path: readonly string[]): AttributeReference {
  const first = path[0] as string;
  const plainRead = !(first in Object.prototype);
  return Object.freeze({
    valid: true,
    path: Object.freeze(path),
    isKind: path.length === 1 && first === 'kind',
    plainRead,
    read: readerFor(path, plainRead),
  });
}

/** Decodes one path component; `undefined` when a `~` is not followed by `0` or `1`. */
function unescapeComponent(component: string): string | undefined {
  if (!component.includes('~')) return component;
  let out = '';
  for (let i = 0; i < component.length; i += 1) {
    const char = component[i];
    if (char !== '~') {
      out += char;
      continue;
    }
    const next = component[i + 1];
    if (next === '0') out += '~';
    else if (next === '1') out += '/';
    else return undefined;
    i += 1;
  }
  return out;
}

/**
 * Parses an attribute reference. With `literal` (the owner has no context kind) the string is one
 * property name as it stands; otherwise a leading `/` makes it a path with `~1` → `/` and `~0` → `~`.
 *
 * @example
 * ```ts
 * parseAttributeReference('/address/city', false).path; // ['address', 'city']
 * parseAttributeReference('/a~1b', false).path;         // ['a/b']
 * parseAttributeReference('/a/b', true).path;           // ['/a/b']
 * ```
 */
export function parseAttributeReference(ref: unknown, literal: boolean): AttributeReference {
  if (typeof ref !== 'string' || ref === '') return INVALID;
  if (literal || ref[0] !== '/') return valid([ref]);
  const path: string[] = [];
  for (const component of ref.slice(1).split('/')) {
    const name = component === '' ? undefined : unescapeComponent(component);
    if (name === undefined) return INVALID;
    path.push(name);
  }
  return valid(path);
}

/** Walks a path of own properties of plain objects (never arrays); `undefined` when absent or `null`. */
function walk(
  attributes: JsonObject,
  path: readonly string[],
  plainRead: boolean,
  custom: JsonObject | undefined,
): unknown {
  const first = path[0] as string;
  // Only names that Object.prototype also has (toString, __proto__, ...) need the own-property check.
  let value =
    custom !== undefined
      ? legacyAttribute(attributes, custom, first)
      : plainRead || Object.hasOwn(attributes, first)
        ? attributes[first]
        : undefined;
  for (let i = 1; i < path.length && value !== undefined; i += 1) {
    const name = path[i] as string;
    value =
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, name)
        ? (value as JsonObject)[name]
        : undefined;
  }
  return value === null ? undefined : value;
}

/**
 * Reads the value a reference names from one context's attributes; `undefined` when absent.
 * Paths walk own properties of plain objects only (never arrays), a missing or `null` `anonymous`
 * is `false`, and `_meta` is metadata, not an attribute.
 */
export function readAttribute(attributes: JsonObject, ref: AttributeReference): unknown {
  return ref.read(attributes);
}
