import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { type CodeBlock, codeBlocks } from './code-blocks.js';
import { docPages, packageReadmes, readPage, root } from './pages.js';

/**
 * The TypeScript and JavaScript examples of README.md, docs/*.md and the package READMEs compile
 * against the packages they import, as a reader would paste them: a block that imports a
 * `@switchboard/*` package is checked, and so is a fragment that continues an earlier one when the
 * HTML comment before its fence says what it takes as given (`<!-- example given: declare const
 * client: …; -->`). Packages resolve to their source through the `@switchboard/source` condition,
 * so no build is needed; test/e2e/packaging.test.ts checks the shipped declarations.
 */
const givenNote = /^example given:\s*([\s\S]*)$/;
const importsSwitchboard = /from '@switchboard\/|require\('@switchboard\//;
const checked = (block: CodeBlock) =>
  ['ts', 'tsx', 'js'].includes(block.lang) &&
  (importsSwitchboard.test(block.code) || givenNote.test(block.note ?? ''));

/**
 * What the examples leave to the reader's own code: their render functions, components, URLs and
 * keys. Global, so a block that declares one of these names itself shadows it.
 */
const readerCode = `
import type { Flag } from '@switchboard/core';
import type { ReactNode } from 'react';
declare global {
  const baseUrl: string;
  const streamUrl: string;
  const sdkKey: string;
  const clientSideId: string;
  const context: { kind: 'user'; key: string };
  const otherContext: { kind: 'user'; key: string };
  const hashFromServer: string;
  const otherHashFromServer: string;
  const changedFlag: Flag;
  const dataDir: string;
  const histogram: { record(value: number, attributes: Record<string, string>): void };
  const user: { id: string };
  const root: { render(node: ReactNode): void };
  function App(): ReactNode;
  function NewCheckout(props: { onDone(): void }): ReactNode;
  function OldCheckout(): ReactNode;
  function render(value: unknown): void;
  function rerender(flagsChanged: readonly string[]): void;
  function refresh(flagsChanged: readonly string[]): void;
  interface Window { __FLAGS__?: Readonly<Record<string, unknown>> }
}
export {};
`;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  customConditions: ['@switchboard/source'],
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  allowJs: true,
  checkJs: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Each checked block as a module of its own, beside the repository's node_modules. */
function sourceOf(block: CodeBlock): { path: string; text: string } {
  const extension = block.lang === 'tsx' ? 'tsx' : block.lang === 'js' ? 'mjs' : 'ts';
  const given = givenNote.exec(block.note ?? '')?.[1] ?? '';
  const name = `${block.page.replace(/\W/g, '_')}_${block.line}.${extension}`;
  // `export {}` makes a fragment without imports a module, so top-level await compiles.
  return { path: join(root, '.doc-examples', name), text: `${given}\n${block.code}\nexport {};\n` };
}

function compile(files: ReadonlyMap<string, string>): ts.Program {
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (path, language, ...rest) => {
    const text = files.get(path);
    return text === undefined
      ? getSourceFile.call(host, path, language, ...rest)
      : ts.createSourceFile(path, text, language);
  };
  host.fileExists = (path) => files.has(path) || fileExists.call(host, path);
  host.readFile = (path) => files.get(path) ?? readFile.call(host, path);
  return ts.createProgram([...files.keys()], options, host);
}

/** Diagnostics as `page:line TS1234 message`, with the line of the Markdown page. */
function problems(program: ts.Program, path: string, block: CodeBlock): string[] {
  const file = program.getSourceFile(path) as ts.SourceFile;
  const givenLines = (givenNote.exec(block.note ?? '')?.[1] ?? '').split('\n').length;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
    const line = file.getLineAndCharacterOfPosition(d.start ?? 0).line - givenLines + block.line + 1;
    return `${block.page}:${line} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

const blocks = [...docPages, ...packageReadmes]
  .flatMap((page) => codeBlocks(page, readPage(page)))
  .filter(checked);
const sources = blocks.map(sourceOf);
const readerPath = join(root, '.doc-examples', 'reader-code.ts');
const program = compile(
  new Map([[readerPath, readerCode], ...sources.map((s) => [s.path, s.text] as const)]),
);

describe('code examples in the docs', () => {
  it('include every package README and the fragments marked as given', () => {
    const covered = new Set(blocks.map((block) => block.page));
    expect(packageReadmes.filter((page) => !covered.has(page))).toEqual([]);
    expect(blocks.some((block) => block.note)).toBe(true);
  });

  it.each(blocks.map((block, i) => [`${block.page}:${block.line}`, block, sources[i]?.path] as const))(
    '%s compiles against the packages it imports',
    (_, block, path) => {
      expect(problems(program, path as string, block)).toEqual([]);
    },
  );
});
