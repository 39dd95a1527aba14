import type { Token } from 'markdown-it';
import type { PhrasingContent } from 'mdast';
import { isHtmlMarkup } from './html-as-text.js';
import { lineSpan, type LinePosition } from './line-span.js';

type Container = { children: PhrasingContent[] };

// Real notes nest emphasis two or three deep. Deeper markup ("*a " x 10,000) is dropped, its text
// kept, so that the recursive walks over the tree (inline-text.ts) stay shallow.
export const MAX_INLINE_DEPTH = 32;

/**
 * markdown-it inline tokens -> mdast phrasing nodes. Each node gets the line it starts on:
 * `firstLine` (the block's) plus the line breaks before it, so a link in a long paragraph is
 * cited on its own line. Built with a stack, not recursion: emphasis can nest thousands deep.
 */
export function inlineNodes(tokens: readonly Token[], firstLine: number): PhrasingContent[] {
  const root: Container = { children: [] };
  const stack: Container[] = [root];
  let line = firstLine;
  for (const token of tokens) {
    const parent = stack.at(-1) ?? root;
    const position = lineSpan(line);
    if (token.nesting === 1) {
      // Markup nested too deep (links excepted: they carry URLs) or unknown adds no node: its
      // content goes to the parent, which is pushed again for the closing token to pop.
      const opened = openedNode(token, position);
      const kept = opened && (stack.length <= MAX_INLINE_DEPTH || opened.type === 'link') ? opened : null;
      if (kept) parent.children.push(kept);
      stack.push(kept ?? parent);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else {
      const node = leafNode(token, position);
      if (node?.type === 'text') appendText(parent.children, node);
      else if (node) parent.children.push(node);
      line += lineBreaks(token, node);
    }
  }
  return root.children;
}

function openedNode(token: Token, position: LinePosition): (PhrasingContent & Container) | null {
  switch (token.type) {
    case 'em_open':
      return { type: 'emphasis', children: [], position };
    case 'strong_open':
      return { type: 'strong', children: [], position };
    case 's_open':
      return { type: 'delete', children: [], position };
    case 'link_open':
      return { type: 'link', url: attr(token, 'href') ?? '', title: attr(token, 'title'), children: [], position };
    default:
      return null;
  }
}

function leafNode(token: Token, position: LinePosition): PhrasingContent | null {
  switch (token.type) {
    case 'softbreak':
      // mdast keeps a soft line ending inside the text.
      return { type: 'text', value: '\n', position };
    case 'hardbreak':
      return { type: 'break', position };
    case 'code_inline':
      return { type: 'inlineCode', value: token.content, position };
    case 'html_inline':
      // Tags and comments are markup; `<!channel>` and the like are text someone typed.
      return isHtmlMarkup(token.content) ? { type: 'html', value: token.content, position } : { type: 'text', value: token.content, position };
    case 'image':
      return { type: 'image', url: attr(token, 'src') ?? '', title: attr(token, 'title'), alt: plainText(token.children ?? []), position };
    default:
      // text, and any token a future rule adds: keep what it says.
      return token.content === '' ? null : { type: 'text', value: token.content, position };
  }
}

function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

/** Adjacent text (split by soft breaks) becomes one node, as mdast has it. */
function appendText(children: PhrasingContent[], node: PhrasingContent & { type: 'text' }): void {
  const last = children.at(-1);
  if (last?.type === 'text') last.value += node.value;
  else children.push(node);
}

/** Source lines a leaf token spans beyond its first (breaks, multi-line HTML or image alt). */
function lineBreaks(token: Token, node: PhrasingContent | null): number {
  if (token.type === 'softbreak' || token.type === 'hardbreak') return 1;
  const text = node?.type === 'image' ? (node.alt ?? '') : token.content;
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** Alt text of an image: its parsed description without markup (mdast's `alt`). */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'softbreak' || token.type === 'hardbreak') return '\n';
      if (token.type === 'image') return plainText(token.children ?? []);
      return token.nesting === 0 && token.type !== 'html_inline' ? token.content : '';
    })
    .join('');
}
