import type { Nodes } from 'mdast';
import type { NoteLink } from '../domain/note.js';

/** Plain text of some Markdown nodes and the links found in them. */
export interface InlineText {
  text: string;
  links: NoteLink[];
}

/** Link reference definitions ([id]: url), by normalised identifier. */
export type LinkDefinitions = ReadonlyMap<string, string>;

// Kramdown attribute lists ({:rel="nofollow"}) are markup, not text.
const KRAMDOWN_ATTRIBUTES = /\{:[^}]*\}/g;

/**
 * Flattens nodes to plain text: link text kept (and the link recorded), image alt text kept,
 * inline code kept, HTML tags and comments dropped, whitespace collapsed. Block children are joined with spaces.
 */
export function inlineText(nodes: readonly Nodes[], definitions: LinkDefinitions): InlineText {
  const links: NoteLink[] = [];
  const parts = nodes.map((node) => flatten(node, definitions, links));
  return { text: tidy(parts.join(' ')), links };
}

function flatten(node: Nodes, definitions: LinkDefinitions, links: NoteLink[]): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'break':
      return ' ';
    case 'html':
    case 'yaml':
    case 'footnoteReference':
    case 'definition':
    case 'thematicBreak':
      return '';
    case 'code':
      return node.value;
    case 'link':
      return withLink(node.url, childText(node, definitions, links), node.position?.start.line, links);
    case 'linkReference': {
      const url = definitions.get(node.identifier.toLowerCase());
      const text = childText(node, definitions, links);
      return url ? withLink(url, text, node.position?.start.line, links) : text;
    }
    default:
      return 'children' in node ? childText(node, definitions, links) : '';
  }
}

function childText(node: Nodes, definitions: LinkDefinitions, links: NoteLink[]): string {
  if (!('children' in node)) return '';
  const blocky = node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell';
  const separator = blocky && node.children.some((child) => !isPhrasing(child)) ? ' ' : '';
  return node.children.map((child) => flatten(child, definitions, links)).join(separator);
}

function withLink(url: string, rawText: string, line: number | undefined, links: NoteLink[]): string {
  const text = tidy(rawText);
  links.push({ text: text || url, url, line: line ?? 1 });
  return rawText;
}

function isPhrasing(node: Nodes): boolean {
  return ['text', 'inlineCode', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'image', 'imageReference', 'break', 'html', 'footnoteReference'].includes(node.type);
}

/** Collapses whitespace and removes Kramdown attribute lists. */
export function tidy(text: string): string {
  return text.replace(KRAMDOWN_ATTRIBUTES, '').replace(/\s+/g, ' ').trim();
}
