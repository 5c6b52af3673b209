import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ConformanceCase, comparableReason, loadConformanceCases } from '../testing/conformance.js';
import { re2Patterns } from '../testing/patterns.js';
import { createEvaluator, type Evaluator } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, '../shared/testdata/ld-server-side-eval');
const available = existsSync(dataDir);
if (!available)
  console.log(`conformance: skipped, ${dataDir} is absent (it sits beside the repository in CI)`);

const cases = available ? loadConformanceCases(dataDir) : [];
const evaluators = new Map<ConformanceCase['data'], Evaluator>();

function evaluatorFor(data: ConformanceCase['data']): Evaluator {
  let evaluator = evaluators.get(data);
  if (evaluator === undefined) {
    evaluator = createEvaluator(data, { patterns: re2Patterns });
    evaluators.set(data, evaluator);
  }
  return evaluator;
}

describe.skipIf(!available)('LaunchDarkly server-side evaluation conformance', () => {
  it('expands to all 728 evaluations', () => {
    expect(cases).toHaveLength(728);
  });

  it.each(cases.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const result = evaluatorFor(c.data).evaluate(c.flagKey, c.context, c.defaultValue, { type: c.type });
    expect({ ...result, reason: comparableReason(result.reason) }).toEqual({
      ...c.expect,
      reason: comparableReason(c.expect.reason),
    });
  });
});
