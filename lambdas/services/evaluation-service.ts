import { createEvaluator, type Evaluator, type FlagState } from '@switchboard/core';
import { ValidationError as ContextError, parseContext } from '@switchboard/core/schema';
import { ValidationError } from '../errors.js';
import type { EnvironmentGeneration } from './ports.js';
import type { EnvironmentSnapshot } from './snapshot-cache.js';

/** Re-throws core's context error as ours, with the field placed under `context`. */
function parseContextOrThrow(json: unknown): unknown {
  try {
    return parseContext(json);
  } catch (error) {
    if (!(error instanceof ContextError)) throw error;
    const field = error.field ? `context.${error.field}` : 'context';
    throw new ValidationError(`${field}: ${error.issues[0]?.message ?? error.message}`, field, {
      cause: error,
    });
  }
}

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

  async evaluateAll(
    locator: EnvironmentGeneration,
    contextJson: unknown,
    options: { clientSideOnly?: boolean },
  ): Promise<{ values: Record<string, FlagState> }> {
    const context = parseContextOrThrow(contextJson);
    const evaluator = this.evaluatorFor(await this.snapshots(locator));
    return {
      values: evaluator.evaluateAll(context, { clientSideOnly: options.clientSideOnly, withReasons: true }),
    };
  }

  /**
   * Client-side flags for a context, on a snapshot read at or after `since` (epoch ms; see
   * `SnapshotCache.getSince`). The context must already be valid.
   */
  async evaluateClientSide(
    locator: EnvironmentGeneration,
    context: unknown,
    since: number,
  ): Promise<Record<string, FlagState>> {
    const snapshot = await this.snapshots(locator, since);
    return this.evaluatorFor(snapshot).evaluateAll(context, { clientSideOnly: true, withReasons: true });
  }

  private evaluatorFor(snapshot: EnvironmentSnapshot): Evaluator {
    const cached = this.evaluators.get(snapshot);
    if (cached) return cached;
    const evaluator = createEvaluator({
      flags: Object.fromEntries(snapshot.flags),
      segments: Object.fromEntries(snapshot.segments),
    });
    this.evaluators.set(snapshot, evaluator);
    return evaluator;
  }
}
