import type { Heading, List, Nodes, Root, RootContent } from 'mdast';
import { inlineText, type LinkDefinitions } from './inline-text.js';
import { blockItems, type ItemContext } from './note-items.js';
import { hasOffRecordMarker } from './off-record.js';
import { findSpeakers } from './speakers.js';
import type { NoteItem, NoteLink, Section } from '../domain/note.js';

/** The sections of a note and the links of their on-record content. */
export interface Outline {
  sections: Section[];
  links: NoteLink[];
  /** Text of the first on-record H1, a title candidate. */
  firstH1: string | null;
  /** The note's own title heading (left out of paths), for a citable title line. */
  titleHeading: { text: string; line: number } | null;
}

/**
 * Groups a note's blocks under their headings. The note's own title (a single H1 that is the
 * first heading) is left out of paths; content before the first section goes to a preamble
 * (level 0, path []); off-the-record headings are dropped with everything beneath them.
 */
export function buildOutline(root: Root, lines: readonly string[]): Outline {
  const context: ItemContext = { definitions: linkDefinitions(root), lines, links: [] };
  const blocks = promoteListHeadings(root.children);
  const headings = blocks.filter((block): block is Heading => block.type === 'heading');
  const titleHeading = noteTitleHeading(headings);
  const preamble = newSection('', 0, 1, []);
  const sections = [preamble];
  const open: Array<{ level: number; title: string }> = [];
  let current: Section = preamble;
  let offRecordLevel: number | null = null;
  let title: Outline['titleHeading'] = null;

  for (const block of blocks) {
    if (block.type !== 'heading') {
      if (offRecordLevel === null) current.items.push(...blockItems(block, context));
      continue;
    }
    if (offRecordLevel !== null && block.depth > offRecordLevel) continue;
    offRecordLevel = null;
    const { text, links } = inlineText([block], context.definitions);
    if (hasOffRecordMarker(text)) {
      offRecordLevel = block.depth;
      continue;
    }
    if (block === titleHeading) {
      if (text !== '') title = { text, line: block.position?.start.line ?? 1 };
      current = preamble;
      continue;
    }
    if (text === '') continue;
    context.links.push(...links);
    while ((open.at(-1)?.level ?? 0) >= block.depth) open.pop();
    open.push({ level: block.depth, title: text });
    current = newSection(text, block.depth, block.position?.start.line ?? 1, open.map((heading) => heading.title));
    sections.push(current);
  }
  return { sections: finish(sections), links: context.links, firstH1: firstH1(headings, context.definitions), titleHeading: title };
}

function newSection(title: string, level: number, line: number, path: string[]): Section {
  return { title, level, line, path, items: [], speakers: [] };
}

/** Drops an empty preamble and fills in each section's speakers. */
function finish(sections: Section[]): Section[] {
  const kept = sections.filter((section) => section.level > 0 || section.items.length > 0);
  for (const section of kept) section.speakers = findSpeakers([section.title, ...itemTexts(section.items)]);
  return kept;
}

/** Texts of items and all their descendants, in document order. */
export function itemTexts(items: readonly NoteItem[]): string[] {
  return items.flatMap((item) => [item.text, ...itemTexts(item.children)]);
}

/** The H1 that titles the note: the first heading, when it is the only H1. */
function noteTitleHeading(headings: readonly Heading[]): Heading | null {
  const first = headings[0];
  const h1Count = headings.filter((heading) => heading.depth === 1).length;
  return first && first.depth === 1 && h1Count === 1 ? first : null;
}

function firstH1(headings: readonly Heading[], definitions: LinkDefinitions): string | null {
  for (const heading of headings) {
    if (heading.depth !== 1) continue;
    const { text } = inlineText([heading], definitions);
    if (text !== '' && !hasOffRecordMarker(text)) return text;
  }
  return null;
}

/**
 * Some notes write headings as bullets ("- # CloudNative Days Fukuoka 2019"). A top-level list item
 * that starts with a heading becomes that heading, followed by the rest of the item's blocks.
 */
function promoteListHeadings(blocks: readonly RootContent[]): RootContent[] {
  return blocks.flatMap((block) => (block.type === 'list' ? splitList(block) : [block]));
}

function splitList(list: List): RootContent[] {
  if (!list.children.some((item) => item.children[0]?.type === 'heading')) return [list];
  const out: RootContent[] = [];
  let pending: List['children'] = [];
  const flush = (): void => {
    if (pending.length > 0) out.push({ ...list, children: pending });
    pending = [];
  };
  for (const item of list.children) {
    const [first, ...rest] = item.children;
    if (first?.type !== 'heading') {
      pending.push(item);
      continue;
    }
    flush();
    out.push(first, ...rest);
  }
  flush();
  return out;
}

/** [id]: url definitions anywhere in the tree (walked without recursion: trees can be deep). */
function linkDefinitions(root: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition') definitions.set(node.identifier.toLowerCase(), node.url);
    else if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return definitions;
}
