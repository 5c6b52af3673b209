// @vitest-environment node
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = resolve(import.meta.dirname, '..');

describe('bundle size', () => {
  it('stays within 10 KB minified + gzipped and bundles neither zod nor the evaluator', async () => {
    // The script exits non-zero over the budget or with a forbidden module in the bundle.
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--size'], {
      cwd: packageDir,
    });
    const gzipped = Number(/src\/index\.ts: .* ([\d.]+) KB minified \+ gzipped/.exec(stdout)?.[1]);
    expect(gzipped).toBeGreaterThan(1);
    expect(gzipped).toBeLessThanOrEqual(10);
  });
});
