import { describe, expect, it } from 'vitest';
import { budgetProblems, bundleProbe, peersOf } from './package-sizes.js';
import { publishedPackages } from './packages.js';

// The size rules of scripts/packages.ts, checked on every test run. The probes are bundled from
// source (no build needed); `npm run size` checks the built `dist/` by the same rules.
const budgeted = publishedPackages.filter((pkg) => pkg.budgetBytes !== undefined || pkg.forbid);

describe.each(budgeted)('$dir', (pkg) => {
  it('stays within its minified + gzipped budget and bundles no forbidden module', async () => {
    const bundle = await bundleProbe(pkg, { fromSource: true, external: peersOf(pkg) });
    expect(bundle.sources.some((source) => source.startsWith(`${pkg.dir}/src/`))).toBe(true);
    expect(bundle.bundleGzip).toBeGreaterThan(1000);
    expect(budgetProblems(pkg, bundle)).toEqual([]);
  });
});

describe('the size rules', () => {
  const browser = budgeted.find((pkg) => pkg.dir === 'packages/browser');

  it('report a browser bundle that pulls in the evaluator, and one over budget', async () => {
    expect(browser).toBeDefined();
    const rules = { dir: 'probe', budgetBytes: 1024, forbid: browser?.forbid ?? [] };
    const bundle = await bundleProbe(
      {
        platform: 'browser',
        probe: `import { createEvaluator } from '@switchboard/core';
console.log(createEvaluator({ flags: {}, segments: {} }).evaluate('f', { kind: 'user', key: 'u' }, false));`,
      },
      { fromSource: true },
    );
    expect(budgetProblems(rules, bundle)).toEqual([
      expect.stringMatching(/over its budget of 1024$/),
      expect.stringContaining('packages/core/src/evaluator.ts'),
    ]);
  });
});
