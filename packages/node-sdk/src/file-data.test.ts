import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { booleanFlag, segment, segmentFlag, user } from '../testing/flags.js';
import { waitFor } from '../testing/wait.js';
import {
  fileData,
  type ItemChange,
  init,
  type SwitchboardClient,
  SwitchboardConfigError,
  silentLogger,
} from './index.js';

describe('fileData', () => {
  let directory: string;
  let client: SwitchboardClient | undefined;
  const write = (name: string, document: unknown) => {
    const path = join(directory, name);
    writeFileSync(path, typeof document === 'string' ? document : JSON.stringify(document));
    return path;
  };
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sb-file-data-'));
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  it('loads flags, flagValues and segments from several files in LaunchDarkly’s format', async () => {
    const paths = [
      write('flags.json', {
        flags: { checkout: segmentFlag('checkout', 3, 'beta') },
        flagValues: { banner: 'hi' },
      }),
      write('segments.json', { segments: { beta: segment('beta', 1, ['ada']) } }),
    ];
    client = init({ dataSource: fileData({ paths }), logger: silentLogger });
    await client.waitForInitialization({ timeout: 1 });
    expect(client.boolVariation('checkout', user('ada'), false)).toBe(true);
    expect(client.stringVariationDetail('banner', user('bob'), 'x')).toEqual({
      value: 'hi',
      variationIndex: 0,
      reason: { kind: 'FALLTHROUGH' },
    });
  });

  it('reloads an edited file and announces only what changed', async () => {
    const path = write('flags.json', {
      flags: { a: booleanFlag('a', 1, false), b: booleanFlag('b', 1, false) },
    });
    client = init({ dataSource: fileData({ paths: [path], autoUpdate: true }), logger: silentLogger });
    await client.waitForInitialization({ timeout: 1 });
    const updates: ItemChange[] = [];
    client.on('update', (change) => updates.push(change));
    write('flags.json', { flags: { a: booleanFlag('a', 1, true), b: booleanFlag('b', 1, false) } });
    await waitFor(() => client?.boolVariation('a', user('ada'), false) === true);
    expect(updates).toEqual([{ kind: 'flag', key: 'a' }]);

    // A removed flag is deleted; put back, it is live again.
    write('flags.json', { flags: { b: booleanFlag('b', 1, false) } });
    await waitFor(() => client?.variationDetail('a', user('ada'), null).reason.kind === 'ERROR');
    write('flags.json', { flags: { a: booleanFlag('a', 1, true), b: booleanFlag('b', 1, false) } });
    await waitFor(() => client?.boolVariation('a', user('ada'), false) === true);
  });

  it('waits for a fix when the first load fails while watching', async () => {
    const path = write('flags.json', '{"flagValues": ');
    client = init({ dataSource: fileData({ paths: [path], autoUpdate: true }), logger: silentLogger });
    expect(client.initialized()).toBe(false);
    write('flags.json', { flagValues: { a: 1 } });
    await client.waitForInitialization({ timeout: 2 });
    expect(client.numberVariation('a', user('ada'), 0)).toBe(1);
  });

  it('keeps the last good data when an edit does not parse', async () => {
    const errors: Error[] = [];
    const path = write('flags.json', { flagValues: { a: 1 } });
    client = init({ dataSource: fileData({ paths: [path], autoUpdate: true }), logger: silentLogger });
    client.on('error', (error) => errors.push(error));
    await client.waitForInitialization({ timeout: 1 });
    write('flags.json', '{"flagValues": ');
    await waitFor(() => errors.length > 0);
    expect(client.numberVariation('a', user('ada'), 0)).toBe(1);
  });

  it('reads YAML through the parser it is given, and refuses YAML without one', async () => {
    const path = write('flags.yaml', YAML.stringify({ flagValues: { greeting: 'hello' } }));
    client = init({ dataSource: fileData({ paths: [path], yamlParser: YAML.parse }), logger: silentLogger });
    await client.waitForInitialization({ timeout: 1 });
    expect(client.stringVariation('greeting', user('ada'), 'x')).toBe('hello');

    const without = init({ dataSource: fileData({ paths: [path] }), logger: silentLogger });
    await expect(without.waitForInitialization({ timeout: 1 })).rejects.toThrow(
      /Cannot load flag data files/,
    );
    expect(without.stringVariationDetail('greeting', user('ada'), 'x').reason).toEqual({
      kind: 'ERROR',
      errorKind: 'CLIENT_NOT_READY',
    });
    await without.close();
  });

  it('fails initialization for a key defined in two files', async () => {
    const paths = [write('a.json', { flagValues: { x: 1 } }), write('b.json', { flagValues: { x: 2 } })];
    client = init({ dataSource: fileData({ paths }), logger: silentLogger });
    const failure = client.waitForInitialization({ timeout: 1 });
    await expect(failure).rejects.toBeInstanceOf(SwitchboardConfigError);
    await expect(failure).rejects.toHaveProperty('cause.message', expect.stringMatching(/defined twice/));
    expect(client.variationDetail('x', user('ada'), 0).reason).toEqual({
      kind: 'ERROR',
      errorKind: 'CLIENT_NOT_READY',
    });
  });
});
