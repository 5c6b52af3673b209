import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Runtime } from '@switchboard/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks } from '../docs/code-blocks.js';
import { readPage } from '../docs/pages.js';
import { startPlatform } from './platform.js';

/** The developer's own local state, which `npm start` keeps beside its on-disk data. */
const localJson = join(dirname(fileURLToPath(import.meta.url)), '../../.switchboard/local.json');
const read = () => (existsSync(localJson) ? readFileSync(localJson, 'utf8') : undefined);

const run = promisify(execFile);
/** The README's shell blocks that call the local platform. */
const quickStart = codeBlocks('README.md', readPage('README.md')).filter(
  (block) => block.lang === 'sh' && block.code.includes('localhost:4000'),
);
/** Any curl answered with an HTTP error fails the block. */
const strict = 'set -euo pipefail\ncurl() { command curl --silent --show-error --fail-with-body "$@"; }\n';

describe('an in-memory runtime', () => {
  let before: string | undefined;
  let runtime: Runtime;
  /** Where a developer runs the README's commands from: a checkout with its `.switchboard/local.json`. */
  let checkout: string;

  beforeAll(async () => {
    before = read();
    runtime = await startPlatform({ seed: true });
    checkout = mkdtempSync(join(tmpdir(), 'switchboard-readme-'));
    mkdirSync(join(checkout, '.switchboard'));
    writeFileSync(join(checkout, '.switchboard/local.json'), JSON.stringify(runtime.local));
  });

  afterAll(async () => {
    await runtime?.stop();
    if (checkout) rmSync(checkout, { recursive: true, force: true });
    expect(read()).toBe(before);
  });

  it('keeps its local.json to itself: the one `npm start` wrote stays as it was', async () => {
    // Seeded: a fresh admin token and demo keys, for data that is gone at stop.
    const health = await fetch(`${runtime.apiUrl}/api/v1/projects`, {
      headers: { authorization: `Bearer ${runtime.local?.adminToken}` },
    });
    expect(health.status).toBe(200);
    expect(runtime.local?.projects.length).toBeGreaterThan(0);
    expect(read()).toBe(before);
  });

  // As written, with only the port changed: every curl gets a 2xx, and a status the block shows as
  // `# 200` is the one printed.
  it.each(quickStart.map((block) => [`README.md:${block.line}`, block.code] as const))(
    'runs the curl commands of %s',
    async (_, code) => {
      const script = code.replaceAll('localhost:4000', new URL(runtime.apiUrl).host);
      const { stdout } = await run('bash', ['-c', strict + script], { cwd: checkout });
      const shown = [...code.matchAll(/^# (\d{3})\b/gm)].map((match) => match[1]);
      expect(stdout.split('\n').filter((line) => /^\d{3}$/.test(line))).toEqual(shown);
    },
  );

  it('finds curl commands in the README to run', () => {
    expect(quickStart.length).toBeGreaterThan(1);
  });
});
