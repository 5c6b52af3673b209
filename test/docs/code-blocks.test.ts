import { describe, expect, it } from 'vitest';
import { codeBlocks } from './code-blocks.js';

describe('codeBlocks', () => {
  it('finds fenced blocks with their language and the line of their opening fence', () => {
    const page = ['# Title', '', '```ts', 'const a = 1;', '```', 'text', '~~~', 'plain', '~~~'].join('\n');
    expect(codeBlocks('p.md', page)).toEqual([
      { page: 'p.md', line: 3, lang: 'ts', code: 'const a = 1;' },
      { page: 'p.md', line: 7, lang: '', code: 'plain' },
    ]);
  });

  it('takes a block indented in a list without its indent', () => {
    const page = ['1. Run:', '', '   ```sh', '   npm start', '     --quiet', '   ```'].join('\n');
    expect(codeBlocks('p.md', page)).toEqual([
      { page: 'p.md', line: 3, lang: 'sh', code: 'npm start\n  --quiet' },
    ]);
  });

  it('carries the HTML comment on the line before the fence, and only that one', () => {
    const page = [
      '<!-- example given: declare const x: number; -->',
      '```ts',
      'x;',
      '```',
      '<!-- far -->',
      '',
      '```ts',
      'y;',
      '```',
    ].join('\n');
    const [given, plain] = codeBlocks('p.md', page);
    expect(given?.note).toBe('example given: declare const x: number;');
    expect(plain?.note).toBeUndefined();
  });

  it('does not end a block at a shorter fence inside it', () => {
    const page = ['````md', '```ts', 'inner', '```', '````'].join('\n');
    expect(codeBlocks('p.md', page).map((block) => block.code)).toEqual(['```ts\ninner\n```']);
  });
});
