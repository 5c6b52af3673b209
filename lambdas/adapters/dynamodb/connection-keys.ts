import type { EnvironmentLocator } from '../../services/ports.js';

/** The connections table's key layout, exactly as `@switchboard/topology`'s tables.ts documents it. */
export const slicePk = (locator: EnvironmentLocator, slice: number): string =>
  `ENV#${locator.project}#${locator.env}#SLICE#${slice}`;
export const backPointerKey = (connectionId: string) => ({ pk: `CONN#${connectionId}`, sk: 'CONN' });
