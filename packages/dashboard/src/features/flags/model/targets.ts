import type { FlagEnvironment } from './types.js';

export interface TargetList {
  readonly contextKind: string;
  readonly variation: number;
  readonly values: readonly string[];
}

/** A configuration's individual target lists, its `targets` as those of context kind `user`. */
export const targetLists = (config: FlagEnvironment): TargetList[] => [
  ...config.targets.map((t) => ({ contextKind: 'user', variation: t.variation, values: t.values })),
  ...config.contextTargets,
];

/**
 * The variation whose targets of `contextKind` hold `key`, if one does. Evaluation serves the first
 * list that holds a key, so a key is targeted in one variation only (as LaunchDarkly has it).
 */
export const targetedVariation = (config: FlagEnvironment, contextKind: string, key: string) =>
  targetLists(config).find((t) => t.contextKind === contextKind && t.values.includes(key))?.variation;
