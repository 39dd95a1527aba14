import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNoteBytes } from '../../src/notes/decode.js';
import { parseNote } from '../../src/notes/parse.js';
import type { NoteItem } from '../../src/domain/note.js';
import { corpusNoteFiles, hasCorpus } from '../helpers/corpus.js';

const files = corpusNoteFiles();

function allItems(items: readonly NoteItem[]): NoteItem[] {
  return items.flatMap((item) => [item, ...allItems(item.children)]);
}

/** The source line as plain-ish text: Markdown punctuation that flattening removes is removed here too. */
function plain(line: string): string {
  return line.replace(/[`*_[\]()\\]/g, '');
}

/** First word of an item, shortened so links and inline markup splitting a word do not matter. */
function firstWord(text: string): string {
  return plain(text).trim().split(/\s+/)[0]?.slice(0, 4) ?? '';
}

describe.skipIf(!hasCorpus)('every corpus note parses', () => {
  it('has the 38 notes of SOURCES.md', () => {
    expect(files.length).toBe(38);
  });

  describe.each(files.map((file) => [path.basename(file), file]))('%s', (_name, file) => {
    const bytes = readFileSync(file);
    const { text, encoding } = decodeNoteBytes(bytes, { name: file });
    const note = parseNote(text, { source: file, encoding });
    const lines = text.split('\n');

    it('has a title and at least one section', () => {
      expect(note.title.trim()).not.toBe('');
      expect(note.sections.length).toBeGreaterThan(0);
      expect(note.lineCount).toBeGreaterThanOrEqual(lines.length - 1);
    });

    it('cites lines that hold the item text', () => {
      for (const section of note.sections) {
        if (section.level > 0) expect(plain(lines[section.line - 1] ?? '')).toContain(firstWord(section.title));
        for (const item of allItems(section.items)) {
          expect(item.line).toBeGreaterThanOrEqual(1);
          expect(plain(lines[item.line - 1] ?? ''), `${item.kind} at line ${item.line}`).toContain(firstWord(item.text));
        }
      }
    });

    it('detects the language SOURCES.md gives', () => {
      expect(note.language).toBe(path.basename(file).startsWith('loftkun__') ? 'ja' : 'en');
    });

    it('cites links on their lines', () => {
      for (const link of note.links) expect(lines[link.line - 1]).toContain(link.url.replace(/^mailto:/, '').slice(0, 12));
    });
  });
});
