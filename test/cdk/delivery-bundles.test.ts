import { join } from 'node:path';
import { functions } from '@switchboard/topology';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundlingConditions, repositoryRoot } from '../../lib/functions.js';

/**
 * The delivery functions (the WebSocket routes and every function that posts to or closes
 * connections) take no request-validation library: their inputs are a tiny protocol and our own
 * messages, checked by hand (issue #14). Bundled as `lib/functions.ts` bundles them for Lambda.
 */
const VALIDATION_LIBRARIES = ['zod', 'valibot', 'ajv', 'yup', 'joi', 'superstruct', '@sinclair/typebox'];

const delivery = functions.filter((fn) => fn.name.startsWith('ws-') || fn.managesConnections);

/** The repository-relative inputs of `entry`'s Lambda bundle. */
async function bundleInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(repositoryRoot, entry)],
    absWorkingDir: repositoryRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    conditions: [...bundlingConditions],
    external: ['@aws-sdk/*'],
    minify: true,
    metafile: true,
    write: false,
    outfile: 'index.mjs',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

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

  it('would see one: the API function bundles zod', async () => {
    const api = functions.find((fn) => fn.name === 'api');
    expect(api).toBeDefined();
    expect(validationInputs(await bundleInputs(api?.entry ?? ''))).toContainEqual(
      expect.stringContaining('node_modules/zod/'),
    );
  });
});
