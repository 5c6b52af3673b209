import { type Context, createEvaluator, type Evaluator, type FlagState } from '@switchboard/core';
import { linearPatterns } from '../adapters/linear-patterns.js';
import type { EnvironmentGeneration } from './ports.js';
import type { EnvironmentSnapshot } from './snapshot-cache.js';

/**
 * Evaluates every flag of an environment for one context with `@switchboard/core`. Evaluators are
 * built once per snapshot and reused until the snapshot changes.
 */
export class EvaluationService {
  private readonly evaluators = new WeakMap<EnvironmentSnapshot, Evaluator>();

  constructor(
    private readonly snapshots: (
      locator: EnvironmentGeneration,
      since?: number,
    ) => Promise<EnvironmentSnapshot>,
  ) {}

  /** Every flag (or every client-side one) for a context already checked (`parseRequestContext`). */
  async evaluateAll(
    locator: EnvironmentGeneration,
    context: Context,
    options: { clientSideOnly?: boolean },
  ): Promise<{ values: Record<string, FlagState> }> {
    const evaluator = this.evaluatorFor(await this.snapshots(locator));
    return {
      values: evaluator.evaluateAll(context, { clientSideOnly: options.clientSideOnly, withReasons: true }),
    };
  }

  /**
   * Client-side flags for a context, on a snapshot read at or after `since` (epoch ms; see
   * `SnapshotCache.getSince`), with when that read began. The context must already be valid.
   */
  async evaluateClientSide(
    locator: EnvironmentGeneration,
    context: unknown,
    since: number,
  ): Promise<{ values: Record<string, FlagState>; stateAt: number }> {
    const snapshot = await this.snapshots(locator, since);
    const evaluator = this.evaluatorFor(snapshot);
    const values = evaluator.evaluateAll(context, { clientSideOnly: true, withReasons: true });
    return { values, stateAt: snapshot.readAt };
  }

  private evaluatorFor(snapshot: EnvironmentSnapshot): Evaluator {
    const cached = this.evaluators.get(snapshot);
    if (cached) return cached;
    const evaluator = createEvaluator(
      { flags: Object.fromEntries(snapshot.flags), segments: Object.fromEntries(snapshot.segments) },
      { patterns: linearPatterns },
    );
    this.evaluators.set(snapshot, evaluator);
    return evaluator;
  }
}
