import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { PART_TARGET_LINES, splitMarkdown } from './markdown-parts.js';

/**
 * Markdown -> mdast with GFM (tables, autolinks, task lists) and YAML front matter, positions
 * kept as lines of `text`. Long notes are parsed in independent parts (see markdown-parts.ts).
 */
export function parseMarkdown(text: string, options: { partLines?: number } = {}): Root {
  const parts = splitMarkdown(text.split('\n'), options.partLines ?? PART_TARGET_LINES);
  const root: Root = { type: 'root', children: [] };
  parts.forEach((part, index) => {
    const tree = parsePart(part.text, index === 0);
    shiftLines(tree, part.firstLine - 1);
    root.children.push(...tree.children);
  });
  return root;
}

function parsePart(text: string, first: boolean): Root {
  // Only the note's first lines can be front matter; a later "---" is a thematic break.
  return fromMarkdown(text, {
    extensions: first ? [gfm(), frontmatter(['yaml'])] : [gfm()],
    mdastExtensions: first ? [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] : [gfmFromMarkdown()],
  });
}

/** Moves every node's position down by `offset` lines (iteratively: trees can be deep). */
function shiftLines(tree: Root, offset: number): void {
  if (offset === 0) return;
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.position) {
      node.position.start.line += offset;
      node.position.end.line += offset;
    }
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}
