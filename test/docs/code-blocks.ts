/** A fenced code block of a Markdown page, with the HTML comment, if any, on the line before it. */
export interface CodeBlock {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly note?: string;
}

/** Fenced blocks (``` or ~~~, indented in a list or not), in page order. */
export function codeBlocks(page: string, text: string): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = '', fence = '', lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] as string).trimStart().startsWith(fence)) {
      body.push((lines[j] as string).slice(indent.length));
      j++;
    }
    const note = /^\s*<!--\s*([\s\S]*?)\s*-->\s*$/.exec(lines[i - 1] ?? '')?.[1];
    blocks.push({ page, line: i + 1, lang, code: body.join('\n'), ...(note ? { note } : {}) });
    i = j;
  }
  return blocks;
}
