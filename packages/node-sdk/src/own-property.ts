/**
 * Sets `target[key]` as an own property, `__proto__` included: plain assignment of that key would
 * replace the object's prototype and lose the entry (a flag may be named anything).
 *
 * @example
 * ```ts
 * defineOwn(values, '__proto__', true); // Object.keys(values) → ['__proto__']
 * ```
 */
export function defineOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
