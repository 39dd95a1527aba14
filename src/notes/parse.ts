import type { Root } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { RecapError } from '../errors.js';
import { contentHash } from './content-hash.js';
import { detectLanguage } from './language.js';
import { parseMarkdown } from './markdown-tree.js';
import { assertNestingDepth } from './nesting.js';
import { noteIdFromSource } from './note-id.js';
import { noteMeta } from './note-meta.js';
import { buildOutline, itemTexts } from './note-sections.js';
import { blankOffRecordBlocks } from './off-record.js';
import type { Note } from '../domain/note.js';

export { noteIdFromSource } from './note-id.js';

/** Bump when the Note shape or parsing rules change, so stored notes get re-parsed. */
export const PARSER_VERSION = '4';

export interface ParseOptions {
  /** The file path as given to ingest (or "stdin:<name>"). */
  source: string;
  /** Encoding the text was decoded from; defaults to utf-8. */
  encoding?: string;
}

// Dates like "2019/04/16 Tue" sit right under the title.
const HEAD_LINES = 15;

/**
 * Parses a note's text into a Note: title, event, date, language, sections with their items
 * and 1-based line numbers, speakers and links. Off-the-record content is left out entirely.
 * Throws RecapError input_too_deep for absurdly nested outlines.
 */
export function parseNote(text: string, options: ParseOptions): Note {
  // mdast counts \r\n and \r as line ends too; one form keeps our line arithmetic simple.
  const original = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  assertNestingDepth(original, options.source);
  const onRecord = blankOffRecordBlocks(original);
  return guardDepth(options.source, () => {
    const root = parseMarkdown(onRecord);
    const lines = onRecord.split('\n');
    const outline = buildOutline(root, lines);
    const meta = noteMeta({
      frontMatter: frontMatterOf(root),
      firstH1: outline.firstH1,
      headLines: lines.slice(0, HEAD_LINES),
      source: options.source,
    });
    const texts = outline.sections.flatMap((section) => [section.title, ...itemTexts(section.items)]);
    return {
      id: noteIdFromSource(options.source),
      ...meta,
      language: detectLanguage([meta.title, ...texts]),
      source: options.source,
      contentHash: contentHash(text),
      encoding: options.encoding ?? 'utf-8',
      sections: outline.sections,
      speakers: [...new Set(outline.sections.flatMap((section) => section.speakers))],
      links: outline.links,
      lineCount: countLines(original),
      ...(outline.titleHeading && outline.titleHeading.text === meta.title ? { titleLine: outline.titleHeading.line } : {}),
    };
  });
}

/** Runs fn, turning a stack overflow from pathological nesting into a clear error. */
function guardDepth<T>(source: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new RecapError('input_too_deep', `${source} nests too deeply to parse. Flatten the outline.`, { cause: error });
    }
    throw error;
  }
}

/** YAML front matter as an object; invalid or non-object YAML counts as none. */
function frontMatterOf(root: Root): Record<string, unknown> {
  const node = root.children.find((child) => child.type === 'yaml');
  if (!node || node.type !== 'yaml') return {};
  try {
    const value: unknown = parseYaml(node.value);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function countLines(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n');
  return lines.at(-1) === '' ? lines.length - 1 : lines.length;
}
