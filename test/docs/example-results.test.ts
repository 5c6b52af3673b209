import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CodeBlock, codeBlocks } from './code-blocks.js';
import { docPages, packageReadmes, readPage, root } from './pages.js';

/**
 * An example that shows a result, as a `// → value` line under a one-line statement, gives that
 * result: the block runs, up to its last shown result, and each statement's value is compared with
 * the value shown. Such blocks must run on their own that far (no I/O, no names left to the reader).
 */
const shown = /^\s*\/\/ → (.+)$/;

/** The block up to its last shown result, each shown statement exported beside the value shown. */
function recording(code: string): { module: string; results: number } {
  const lines = code.split('\n');
  const last = lines.findLastIndex((line) => shown.test(line));
  let results = 0;
  const module = lines.slice(0, last + 1).map((line, i) => {
    const value = shown.exec(line)?.[1];
    if (value === undefined)
      return shown.test(lines[i + 1] ?? '') ? `export const got${results} = ${line}` : line;
    return `export const shown${results++} = ${value};`;
  });
  return { module: module.join('\n'), results };
}

const blocks = [...docPages, ...packageReadmes]
  .flatMap((page) => codeBlocks(page, readPage(page)))
  .filter((block: CodeBlock) => block.code.split('\n').some((line) => shown.test(line)));

// Inside the repository, so that the examples' imports resolve to the workspace packages.
const scratch = mkdtempSync(join(root, '.doc-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('results shown in the docs', () => {
  it('are shown somewhere, so this check has something to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((block) => [`${block.page}:${block.line}`, block] as const))(
    '%s gives the results it shows',
    async (name, block) => {
      const { module, results } = recording(block.code);
      const path = join(scratch, `${name.replace(/\W/g, '_')}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`);
      writeFileSync(path, module);
      const ran = (await import(path)) as Record<string, unknown>;
      for (let i = 0; i < results; i++) expect(ran[`got${i}`], `result ${i + 1}`).toEqual(ran[`shown${i}`]);
    },
  );
});
