import { init, integrations, type LDClient } from '@launchdarkly/node-server-sdk';
import { comparableReason } from './conformance.js';

/**
 * LaunchDarkly's Node SDK run fully offline as a test oracle, as shared/design/evaluation.md
 * describes: a `TestData` data source fed raw flag and segment JSON, no events, no diagnostics.
 * (`offline: true` would answer CLIENT_NOT_READY.)
 */
export interface Oracle {
  /** Replaces (or adds) flags and segments; keys not given keep their previous definition. */
  load(
    flags: readonly Record<string, unknown>[],
    segments: readonly Record<string, unknown>[],
  ): Promise<void>;
  detail(flagKey: string, context: unknown, defaultValue: unknown): Promise<Comparable>;
  /** `allFlagsState` with reasons, as comparable details by flag key (values `null` on errors). */
  all(context: unknown): Promise<Record<string, Comparable>>;
  close(): void;
}

/** What is compared: value, variation index and the reason without `null`s or `inExperiment: false`. */
export interface Comparable {
  value: unknown;
  variationIndex: number | null;
  reason: Record<string, unknown>;
}

export function comparable(detail: {
  value: unknown;
  variationIndex?: number | null;
  reason: object;
}): Comparable {
  return {
    value: detail.value,
    variationIndex: detail.variationIndex ?? null,
    reason: comparableReason(detail.reason as Record<string, unknown>),
  };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export async function startOracle(): Promise<Oracle> {
  const td = new integrations.TestData();
  const client: LDClient = init('offline-oracle', {
    updateProcessor: td.getFactory(),
    sendEvents: false,
    diagnosticOptOut: true,
    logger: silent,
  });
  await client.waitForInitialization({ timeout: 5 });
  return {
    async load(flags, segments) {
      for (const segment of segments) await td.usePreconfiguredSegment(segment);
      for (const flag of flags) await td.usePreconfiguredFlag(flag);
    },
    async detail(flagKey, context, defaultValue) {
      return comparable(await client.variationDetail(flagKey, context as never, defaultValue));
    },
    async all(context) {
      const state = await client.allFlagsState(context as never, { withReasons: true });
      const json = state.toJSON() as Record<string, unknown> & {
        $flagsState: Record<string, { variation?: number; reason: object }>;
      };
      return Object.fromEntries(
        Object.entries(json.$flagsState).map(([key, meta]) => [
          key,
          comparable({ value: json[key], variationIndex: meta.variation, reason: meta.reason }),
        ]),
      );
    },
    close() {
      client.close();
    },
  };
}
