import type { Token } from 'markdown-it';
import type { Heading, ListItem, Parent, Root, RootContent } from 'mdast';
import { inlineNodes } from './inline-tokens.js';
import { lineSpan } from './line-span.js';

// GFM task list items ("- [ ] todo"); markdown-it leaves the box in the text.
const TASK_BOX = /^\[([ xX])\][ \t]+(?=\S)/;

/**
 * markdown-it's token stream -> the mdast tree mdast-util-from-markdown built: block tokens carry
 * `map` ([first, end) 0-based lines), which become 1-based `position` lines. Built with a stack,
 * never recursion: trees can be deep.
 */
export function tokensToMdast(tokens: readonly Token[]): Root {
  const root: Root = { type: 'root', children: [] };
  const stack: Parent[] = [root];
  // Cells have no map of their own; they sit on the line of the last mapped token (their row).
  let line = 1;
  for (const token of tokens) {
    if (token.map) line = token.map[0] + 1;
    const parent = stack.at(-1) ?? root;
    if (token.type === 'inline') {
      parent.children.push(...inlineNodes(token.children ?? [], line));
    } else if (token.nesting === -1) {
      const closed = stack.pop();
      if (closed?.type === 'listItem') takeTaskBox(closed as ListItem);
    } else {
      const node = blockNode(token, line);
      if (node) parent.children.push(node);
      // Opening tokens without a node of their own (thead, tbody) keep the parent open.
      if (token.nesting === 1) stack.push(node && 'children' in node ? node : parent);
    }
  }
  return root;
}

function blockNode(token: Token, line: number): RootContent | null {
  const position = lineSpan(line, token.map ? token.map[1] : line);
  switch (token.type) {
    case 'heading_open':
      return { type: 'heading', depth: Number(token.tag.slice(1)) as Heading['depth'], children: [], position };
    case 'paragraph_open':
      return { type: 'paragraph', children: [], position };
    case 'blockquote_open':
      return { type: 'blockquote', children: [], position };
    case 'bullet_list_open':
      return { type: 'list', ordered: false, start: null, children: [], position };
    case 'ordered_list_open':
      return { type: 'list', ordered: true, start: Number(token.attrGet('start') ?? 1), children: [], position };
    case 'list_item_open':
      return { type: 'listItem', children: [], position };
    case 'table_open':
      return { type: 'table', children: [], position };
    case 'tr_open':
      return { type: 'tableRow', children: [], position };
    case 'th_open':
    case 'td_open':
      return { type: 'tableCell', children: [], position };
    case 'fence':
      return { type: 'code', ...fenceInfo(token.info), value: withoutFinalNewline(token.content), position };
    case 'code_block':
      return { type: 'code', lang: null, meta: null, value: withoutFinalNewline(token.content), position };
    case 'html_block':
      return { type: 'html', value: withoutFinalNewline(token.content), position };
    case 'hr':
      return { type: 'thematicBreak', position };
    default:
      return null;
  }
}

/** "ts title=x" -> lang "ts", meta "title=x" (as mdast splits a fence's info string). */
function fenceInfo(info: string): { lang: string | null; meta: string | null } {
  const match = /^(\S+)(?:\s+([\s\S]*\S))?/.exec(info.trim());
  return { lang: match?.[1] ?? null, meta: match?.[2] ?? null };
}

function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** Moves a task item's "[ ]" / "[x]" from its text to `checked`, as GFM does. */
function takeTaskBox(item: ListItem): void {
  const first = item.children[0];
  const text = first?.type === 'paragraph' ? first.children[0] : undefined;
  const box = text?.type === 'text' ? TASK_BOX.exec(text.value) : null;
  if (!text || text.type !== 'text' || !box) return;
  text.value = text.value.slice(box[0].length);
  item.checked = box[1] !== ' ';
}
