import { join } from 'node:path';
import { functions } from '@switchboard/topology';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleBudgets } from '../../bench/bundles-budgets.js';
import { bundlingConditions, bundlingExternals, repositoryRoot, requireBanner } from '../../lib/functions.js';
import { synthesize, synthTimeout } from './synth.js';

/**
 * The delivery functions (the WebSocket routes and every function that posts to or closes
 * connections) take no request-validation library: their inputs are a tiny protocol and our own
 * messages, checked by hand (issue #14). Bundled as `lib/functions.ts` bundles them for Lambda.
 */
const VALIDATION_LIBRARIES = ['zod', 'valibot', 'ajv', 'yup', 'joi', 'superstruct', '@sinclair/typebox'];

const delivery = functions.filter((fn) => fn.name.startsWith('ws-') || fn.managesConnections);

interface Bundle {
  /** Repository-relative inputs. */
  readonly inputs: string[];
  /** The packages it imports at run time, from the runtime or a layer. */
  readonly externals: string[];
  /** Minified size. */
  readonly bytes: number;
}

const bundles = new Map<string, Promise<Bundle>>();

/** `entry`'s Lambda bundle, built once per entry for the whole file. */
function bundleOf(entry: string): Promise<Bundle> {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    bundle = buildBundle(entry);
    bundles.set(entry, bundle);
  }
  return bundle;
}

async function buildBundle(entry: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [join(repositoryRoot, entry)],
    absWorkingDir: repositoryRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    conditions: [...bundlingConditions],
    external: [...bundlingExternals],
    banner: { js: requireBanner },
    minify: true,
    charset: 'utf8',
    // Linked, as deployed: the bundle ends with its `sourceMappingURL` comment.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    outfile: 'index.mjs',
    logLevel: 'silent',
  });
  const output = result.metafile.outputs['index.mjs'];
  return {
    inputs: Object.keys(result.metafile.inputs),
    externals: (output?.imports ?? []).filter((i) => i.external).map((i) => i.path),
    bytes: output?.bytes ?? 0,
  };
}

const bundleInputs = async (entry: string): Promise<string[]> => (await bundleOf(entry)).inputs;

const validationInputs = (inputs: readonly string[]) =>
  inputs.filter((input) => VALIDATION_LIBRARIES.some((name) => input.includes(`node_modules/${name}/`)));

describe('delivery function bundles', () => {
  it('cover the WebSocket routes and the fan-out', () => {
    expect(delivery.map((fn) => fn.name)).toEqual(
      expect.arrayContaining(['ws-connect', 'ws-disconnect', 'ws-message', 'fanout', 'fanout-worker']),
    );
  });

  // Several functions share an entry (the three WebSocket routes); each entry is bundled once.
  it.each([...new Set(delivery.map((fn) => fn.entry))])('%s bundles no validation library', async (entry) => {
    const inputs = await bundleInputs(entry);
    expect(inputs).toContain(entry);
    expect(validationInputs(inputs)).toEqual([]);
  });

  it('would see one: the API function bundles valibot', async () => {
    const api = functions.find((fn) => fn.name === 'api-admin');
    expect(api).toBeDefined();
    expect(validationInputs(await bundleInputs(api?.entry ?? ''))).toContainEqual(
      expect.stringContaining('node_modules/valibot/'),
    );
  });
});

const entryOf = (name: string): string => functions.find((fn) => fn.name === name)?.entry ?? '';

// esbuild drops unused functions, never a class's unused methods: a function carries a whole
// service or adapter as soon as it builds one, so each builds only what its routes call.
describe('management function bundles', () => {
  it('api-authoring reads last-evaluated times without the analytics store or the insights service', async () => {
    const inputs = await bundleInputs(entryOf('api-authoring'));
    expect(inputs).toContain('lambdas/adapters/dynamodb/last-evaluated-reader.ts');
    expect(inputs).not.toContain('lambdas/adapters/dynamodb/analytics-store.ts');
    expect(inputs).not.toContain('lambdas/services/insights-service.ts');
  });

  it('would see them: api-insights bundles both', async () => {
    expect(await bundleInputs(entryOf('api-insights'))).toEqual(
      expect.arrayContaining([
        'lambdas/adapters/dynamodb/analytics-store.ts',
        'lambdas/services/insights-service.ts',
      ]),
    );
  });

  // The first admin token is registered at deployment (lambdas/admin-token-registrar.ts), not at
  // their cold start.
  it.each(['api-admin', 'api-authoring', 'api-insights', 'api-evaluate'])(
    '%s carries no admin token bootstrap',
    async (name) => {
      expect(await bundleInputs(entryOf(name))).not.toContain('lambdas/admin-token.ts');
    },
  );

  it.each(['api-authoring', 'api-insights', 'api-evaluate'])('%s carries no token registry', async (name) => {
    expect(await bundleInputs(entryOf(name))).not.toContain('lambdas/services/token-registry.ts');
  });

  it('would see them: the registrar bundles the bootstrap and the registry, not the token management', async () => {
    const inputs = await bundleInputs(entryOf('admin-token-registrar'));
    expect(inputs).toEqual(
      expect.arrayContaining(['lambdas/admin-token.ts', 'lambdas/services/token-registry.ts']),
    );
    expect(inputs).not.toContain('lambdas/services/token-service.ts');
  });

  it('would see it: api-admin, which serves the token routes, bundles the token management', async () => {
    expect(await bundleInputs(entryOf('api-admin'))).toContain('lambdas/services/token-service.ts');
  });
});

describe('function bundles', () => {
  it('have a budget each', () => {
    expect(Object.keys(bundleBudgets).sort()).toEqual(functions.map((fn) => fn.name).sort());
  });

  it.each(functions.map((fn) => [fn.name, fn.entry] as const))(
    '%s stays within its budget (bench/bundles-budgets.ts)',
    async (name, entry) => {
      const { bytes } = await bundleOf(entry);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(bundleBudgets[name]);
    },
  );

  it("leave re2js out: the functions run `matches` on V8's linear-time engine", async () => {
    for (const entry of new Set(functions.map((fn) => fn.entry))) {
      expect((await bundleOf(entry)).inputs.filter((input) => input.includes('node_modules/re2js/'))).toEqual(
        [],
      );
    }
  });

  // Powertools comes from its layer, the AWS SDK from the runtime; `@smithy/*` is the SDK's own and
  // the runtime does not document it as importable, so no function may carry or import it.
  it('carry no Powertools, none of its dependencies and no @smithy package', async () => {
    for (const entry of new Set(functions.map((fn) => fn.entry))) {
      const { inputs, externals } = await bundleOf(entry);
      expect(
        inputs.filter((input) =>
          /node_modules\/(@aws-lambda-powertools|@aws\/lambda-invoke-store|@smithy)\//.test(input),
        ),
        entry,
      ).toEqual([]);
      expect(externals.filter((path) => path.startsWith('@smithy/'))).toEqual([]);
    }
  });

  it(
    "have Powertools' layer exactly when they import Powertools",
    async () => {
      const { stack } = synthesize();
      const importing: boolean[] = [];
      for (const { name, entry } of functions) {
        const imports = (await bundleOf(entry)).externals.some((path) =>
          path.startsWith('@aws-lambda-powertools/'),
        );
        const cfn = stack.functions.function(name).node.defaultChild as CfnFunction;
        expect(stack.resolve(cfn.layers) ?? [], name).toHaveLength(imports ? 1 : 0);
        importing.push(imports);
      }
      // Both cases occur: `$connect` and `$disconnect` log without Powertools.
      expect(new Set(importing)).toEqual(new Set([true, false]));
    },
    synthTimeout,
  );
});
