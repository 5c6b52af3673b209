/** Flags and segments in the evaluation JSON SDKs receive, for tests of client delivery. */
export type Item = Record<string, unknown>;

export const clientSide = { usingEnvironmentId: true, usingMobileKey: false } as const;
export const serverOnly = { usingEnvironmentId: false, usingMobileKey: false } as const;

/** A boolean flag, on, serving `false` to everyone, available to client SDKs unless `extra` says otherwise. */
export const evaluationFlag = (key: string, version: number, extra: Item = {}): Item => ({
  key,
  version,
  on: true,
  variations: [false, true],
  offVariation: 0,
  fallthrough: { variation: 0 },
  targets: [],
  contextTargets: [],
  rules: [],
  prerequisites: [],
  salt: key,
  clientSideAvailability: clientSide,
  ...extra,
});

/** A segment including `included` by key. */
export const evaluationSegment = (
  key: string,
  version: number,
  included: string[],
  extra: Item = {},
): Item => ({
  key,
  version,
  included,
  excluded: [],
  includedContexts: [],
  excludedContexts: [],
  rules: [],
  salt: key,
  ...extra,
});
