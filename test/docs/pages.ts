import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository, and the Markdown pages a reader follows: README.md, docs/*.md, the package READMEs. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const docPages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

export const packageReadmes = readdirSync(join(root, 'packages'))
  .map((dir) => `packages/${dir}/README.md`)
  .filter((page) => existsSync(join(root, page)));

export const readPage = (page: string) => readFileSync(join(root, page), 'utf8');
