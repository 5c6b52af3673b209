import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after Vitest's own summary,
 * so that CI logs carry a summary any tool can read. A suite that failed outside its tests (a
 * `beforeAll` or an import threw, so its tests count as skipped) and unhandled errors are added to
 * the line, so that a red run never reads as green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let failedSuites = 0;
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') failedTests += 1;
        else counts.skipped += 1;
      }
      counts.failed += failedTests;
      if (module.state() === 'failed' && failedTests === 0) failedSuites += 1;
    }
    const extra = [
      failedSuites > 0 ? `${failedSuites} suites failed outside their tests` : '',
      unhandledErrors.length > 0 ? `${unhandledErrors.length} unhandled errors` : '',
    ].filter(Boolean);
    const line = `Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
    process.stdout.write(`\n${[line, ...extra].join(', ')}\n`);
  }
}
