import type { Yaml } from 'mdast';
import { lineSpan } from './line-span.js';

// "---" on the note's first line, the YAML, "---" on a line of its own (as micromark's frontmatter).
const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?=\n|$)/;

/** A note's YAML front matter, and the note with those lines blanked for the Markdown parser. */
export interface FrontMatterSplit {
  frontMatter: Yaml | null;
  /** The text with the front matter lines emptied (not removed), so line numbers stay the file's. */
  body: string;
}

/**
 * Finds YAML front matter at the very top of `text`; a "---" anywhere else is Markdown
 * (a thematic break or a setext underline).
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { frontMatter: null, body: text };
  const lineCount = match[0].split('\n').length;
  return {
    frontMatter: { type: 'yaml', value: match[1] ?? '', position: lineSpan(1, lineCount) },
    body: '\n'.repeat(lineCount - 1) + text.slice(match[0].length),
  };
}
