import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SwitchboardStack } from '../../lib/switchboard-stack.js';
import { fixtureDashboard, fixtureEntry, synthTimeout } from './synth.js';

describe('function bundling', () => {
  let bundles: string[];

  beforeAll(() => {
    // Bundles only the stand-in handler: this checks the esbuild options, not the real handlers
    // (`cdk synth` bundles those).
    const app = new App();
    new SwitchboardStack(app, 'Switchboard', {
      declarations: {
        functions: [{ name: 'api-admin', entry: fixtureEntry, description: 'stand-in', tables: {} }],
        httpRoutes: [],
        webSocketRoutes: [],
        eventSources: [],
        schedules: [],
      },
      dashboard: { appDir: fixtureDashboard },
    });
    const outdir = app.synth().directory;
    bundles = readdirSync(outdir)
      .filter((name) => name.startsWith('asset.'))
      .map((asset) => join(outdir, asset))
      // The other assets: the dashboard and the handlers of CDK's own custom resources.
      .filter((asset) => existsSync(join(asset, 'index.mjs')));
  }, synthTimeout);

  it('emits minified ESM with a source map and a require for CommonJS dependencies', () => {
    expect(bundles).toHaveLength(1);
    const [bundle] = bundles as [string];
    expect(readdirSync(bundle).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    const code = readFileSync(join(bundle, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __sbCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toContain('export{');
    expect(code).not.toContain('stand-in handler');
    expect(code).toContain('//# sourceMappingURL=index.mjs.map');
  });
});

describe('function bundling of workspace packages', () => {
  it(
    'bundles them from their TypeScript source, not from a build',
    () => {
      const app = new App();
      new SwitchboardStack(app, 'Switchboard', {
        declarations: {
          functions: [
            {
              name: 'api-admin',
              entry: 'test/cdk/fixtures/core-handler.ts',
              description: 'uses core',
              tables: {},
            },
          ],
          httpRoutes: [],
          webSocketRoutes: [],
          eventSources: [],
          schedules: [],
        },
        dashboard: { appDir: fixtureDashboard },
      });
      const outdir = app.synth().directory;
      const [asset] = readdirSync(outdir).filter(
        (name) => name.startsWith('asset.') && existsSync(join(outdir, name, 'index.mjs.map')),
      );
      const map = JSON.parse(readFileSync(join(outdir, asset as string, 'index.mjs.map'), 'utf8')) as {
        sources: string[];
      };
      expect(map.sources.some((source) => source.endsWith('packages/core/src/canonical-key.ts'))).toBe(true);
      expect(map.sources.filter((source) => source.includes('/dist/'))).toEqual([]);
    },
    synthTimeout,
  );
});
