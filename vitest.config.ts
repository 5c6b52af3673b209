import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Workspace packages resolve to their TypeScript source through this export condition, so tests
 * never need a build (docs/packaging.md). Listed before Vite's defaults, which setting the option
 * replaces; the projects inherit it with `extends: true`.
 */
const source = '@switchboard/source';

export default defineConfig({
  resolve: { conditions: [source, 'module', 'browser', 'development|production'] },
  // Vitest's defaults for Node leave out `module` (bundler-only builds some packages publish).
  ssr: { resolve: { conditions: [source, 'node', 'development|production'] } },
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/dashboard/scripts/**/*.test.ts',
            'lambdas/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/cdk/**/*.test.ts',
            'test/docs/**/*.test.ts',
            'tools/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: [
            ...configDefaults.exclude,
            'packages/dashboard/src/**',
            'packages/browser/**',
            'packages/react/**',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/dynamodb-local.global.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dashboard',
          include: ['packages/dashboard/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['packages/dashboard/src/test-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser-sdk',
          include: ['packages/browser/src/**/*.test.ts', 'packages/react/src/**/*.test.tsx'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
