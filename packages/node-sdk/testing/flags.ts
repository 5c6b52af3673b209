/** A boolean flag that serves `value` to everyone while on, and `false` while off. */
export function booleanFlag(
  key: string,
  version: number,
  value: boolean,
  overrides: Record<string, unknown> = {},
) {
  return {
    key,
    version,
    on: true,
    salt: key,
    variations: [true, false],
    offVariation: 1,
    fallthrough: { variation: value ? 0 : 1 },
    targets: [],
    contextTargets: [],
    rules: [],
    prerequisites: [],
    ...overrides,
  };
}

/** A string flag that serves `value` to everyone. */
export function stringFlag(key: string, version: number, value: string) {
  return { ...booleanFlag(key, version, true), variations: [value, 'off'] };
}

/** A flag serving `true` to members of `segmentKey`, `false` to everyone else. */
export function segmentFlag(key: string, version: number, segmentKey: string) {
  return booleanFlag(key, version, false, {
    rules: [
      {
        id: 'in-segment',
        variation: 0,
        clauses: [{ attribute: 'key', op: 'segmentMatch', values: [segmentKey] }],
      },
    ],
  });
}

/** A segment that includes the given user keys. */
export function segment(key: string, version: number, included: string[]) {
  return { key, version, salt: key, included, excluded: [], rules: [] };
}

/** A user context. */
export const user = (key: string) => ({ kind: 'user', key });

/** The `patch` message the service sends for `item`. */
export const patchMessage = (item: { key: string; version: number }, kind: 'flag' | 'segment' = 'flag') => ({
  type: 'patch',
  kind,
  key: item.key,
  version: item.version,
  data: item,
});
