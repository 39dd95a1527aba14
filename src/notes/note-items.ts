import type { Code, Heading, List, ListItem, Nodes, Paragraph, RootContent, Table } from 'mdast';
import { inlineText, type LinkDefinitions } from './inline-text.js';
import { hasOffRecordMarker } from './off-record.js';
import type { NoteItem, NoteLink } from '../domain/note.js';

/** What item building needs besides the node: link definitions, the source lines, a link sink. */
export interface ItemContext {
  definitions: LinkDefinitions;
  lines: readonly string[];
  /** Links of kept (on-record) items are appended here. */
  links: NoteLink[];
}

// Items are for search and citations; a whole code listing would drown the note's own words.
const MAX_CODE_CHARS = 300;

/** The items of one block node, in document order. Off-the-record items are dropped with their children. */
export function blockItems(node: RootContent, context: ItemContext, depth = 0): NoteItem[] {
  switch (node.type) {
    case 'list':
      return listItems(node, context, depth);
    case 'paragraph':
    case 'heading':
      return leaf('paragraph', [node], lineOf(node), context);
    case 'blockquote':
      return leaf('quote', node.children, lineOf(node), context);
    case 'code':
      return codeItems(node, context);
    case 'table':
      return tableItems(node, context);
    case 'footnoteDefinition':
      return node.children.flatMap((child) => blockItems(child, context, depth));
    default:
      return [];
  }
}

function listItems(list: List, context: ItemContext, depth: number): NoteItem[] {
  return list.children.flatMap((item) => listItem(item, context, depth));
}

function listItem(item: ListItem, context: ItemContext, depth: number): NoteItem[] {
  const textual = item.children.filter(isTextual);
  const own = inlineText(textual, context.definitions);
  if (hasOffRecordMarker(own.text)) return [];
  context.links.push(...own.links);
  const children = item.children
    .filter((child) => !isTextual(child))
    .flatMap((child) => blockItems(child, context, depth + 1));
  if (own.text === '' && children.length === 0) return [];
  const line = lineOf(textual[0] ?? item);
  return [{ kind: 'bullet', text: own.text, line, depth, children }];
}

function leaf(kind: NoteItem['kind'], nodes: readonly Nodes[], line: number, context: ItemContext): NoteItem[] {
  const { text, links } = inlineText(nodes, context.definitions);
  if (text === '' || hasOffRecordMarker(text)) return [];
  context.links.push(...links);
  return [{ kind, text, line, depth: 0, children: [] }];
}

function codeItems(code: Code, context: ItemContext): NoteItem[] {
  const text = code.value.trim().slice(0, MAX_CODE_CHARS).replace(/\s+/g, ' ');
  if (text === '' || hasOffRecordMarker(text)) return [];
  const start = lineOf(code);
  // A fenced block's first line is the fence; cite the first line of code instead.
  const fenced = /^[\s>*+\-\d.)]*(```|~~~)/.test(context.lines[start - 1] ?? '');
  const firstCodeLine = start + (fenced ? 1 : 0) + leadingBlankLines(code.value);
  return [{ kind: 'code', text, line: firstCodeLine, depth: 0, children: [] }];
}

function leadingBlankLines(value: string): number {
  const blank = /^(?:[ \t]*\n)*/.exec(value)?.[0] ?? '';
  return blank.split('\n').length - 1;
}

function isTextual(node: Nodes): node is Paragraph | Heading {
  return node.type === 'paragraph' || node.type === 'heading';
}

function tableItems(table: Table, context: ItemContext): NoteItem[] {
  return table.children.flatMap((row) => {
    const cells = row.children.map((cell) => inlineText([cell], context.definitions));
    const text = cells.map((cell) => cell.text).filter((cellText) => cellText !== '').join(' | ');
    if (text === '' || hasOffRecordMarker(text)) return [];
    context.links.push(...cells.flatMap((cell) => cell.links));
    return [{ kind: 'table' as const, text, line: lineOf(row), depth: 0, children: [] }];
  });
}

function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}
