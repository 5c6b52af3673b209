import type { EvaluationDetail } from './evaluation-result.js';
import type { Logger } from './logger.js';

/** What a hook learns about the evaluation it wraps. */
export interface EvaluationSeriesContext {
  readonly flagKey: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly defaultValue: unknown;
  /** LaunchDarkly's method name, e.g. `LDClient.boolVariation`, so hooks written for it work as is. */
  readonly method: string;
  readonly environmentId?: string;
}

/** Data a stage hands to the next stage of the same hook in the same evaluation. */
export type EvaluationSeriesData = Readonly<Record<string, unknown>>;

/** A hook's name, used in logs. */
export interface HookMetadata {
  readonly name: string;
}

/**
 * Code run around every evaluation, as in LaunchDarkly's SDKs and OpenFeature: `beforeEvaluation`
 * in registration order, then the evaluation, then `afterEvaluation` in reverse order, each stage
 * receiving what the previous stage of the same hook returned. A stage that throws is logged and
 * skipped. Stages run synchronously, inside the evaluation call.
 *
 * @example
 * ```ts
 * const timing: Hook = {
 *   getMetadata: () => ({ name: 'timing' }),
 *   beforeEvaluation: (_context, data) => ({ ...data, start: performance.now() }),
 *   afterEvaluation: (context, data, detail) => {
 *     metrics.record(context.flagKey, performance.now() - (data.start as number), detail.reason.kind);
 *     return data;
 *   },
 * };
 * client.addHook(timing);
 * ```
 */
export interface Hook {
  getMetadata(): HookMetadata;
  beforeEvaluation?(context: EvaluationSeriesContext, data: EvaluationSeriesData): EvaluationSeriesData;
  afterEvaluation?(
    context: EvaluationSeriesContext,
    data: EvaluationSeriesData,
    detail: EvaluationDetail<unknown>,
  ): EvaluationSeriesData;
}

/**
 * Runs the evaluation series of a list of hooks around an evaluation.
 *
 * @example
 * ```ts
 * const runner = new HookRunner(logger, [timing]);
 * const detail = runner.run(seriesContext, () => evaluator.evaluate(key, context, false));
 * ```
 */
export class HookRunner {
  private readonly hooks: Hook[];

  constructor(
    private readonly logger: Logger,
    hooks: readonly Hook[] = [],
  ) {
    this.hooks = [...hooks];
  }

  get empty(): boolean {
    return this.hooks.length === 0;
  }

  add(hook: Hook): void {
    this.hooks.push(hook);
  }

  run<T>(context: EvaluationSeriesContext, evaluate: () => EvaluationDetail<T>): EvaluationDetail<T> {
    // Hooks added during the series join the next evaluation, not this one.
    const hooks = [...this.hooks];
    const data = hooks.map((hook) =>
      this.stage(hook, 'beforeEvaluation', () => hook.beforeEvaluation?.(context, {})),
    );
    const detail = evaluate();
    for (let index = hooks.length - 1; index >= 0; index -= 1) {
      const hook = hooks[index] as Hook;
      this.stage(hook, 'afterEvaluation', () => hook.afterEvaluation?.(context, data[index] ?? {}, detail));
    }
    return detail;
  }

  private stage(
    hook: Hook,
    name: string,
    call: () => EvaluationSeriesData | undefined,
  ): EvaluationSeriesData {
    try {
      return call() ?? {};
    } catch (error) {
      this.logger.error(`The "${name}" stage of hook "${this.nameOf(hook)}" threw`, error);
      return {};
    }
  }

  private nameOf(hook: Hook): string {
    try {
      return hook.getMetadata().name;
    } catch {
      return 'unknown hook';
    }
  }
}
