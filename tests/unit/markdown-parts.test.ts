import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../../src/notes/markdown-parts.js';
import { parseMarkdown } from '../../src/notes/markdown-tree.js';
import { buildOutline } from '../../src/notes/note-sections.js';
import { corpusNoteFiles, seedNotePath } from '../helpers/corpus.js';

const fixtureDir = path.resolve(import.meta.dirname, '../fixtures/notes');
const files = [seedNotePath, ...['odd-headings.md', 'front-matter.md', 'offrecord-meetup.md'].map((name) => path.join(fixtureDir, name)), ...corpusNoteFiles()];

describe('parsing long notes in parts', () => {
  it.each(files.map((file) => [path.basename(file), file]))('gives the same outline in tiny parts as in one piece: %s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const whole = buildOutline(parseMarkdown(text, { partLines: Number.POSITIVE_INFINITY }), lines);
    const parts = buildOutline(parseMarkdown(text, { partLines: 2 }), lines);
    expect(parts).toEqual(whole);
  });

  it('never cuts inside front matter, fenced code or HTML comments', () => {
    const lines = ['---', 'tags:', '- a', '- b', '---', '', '- x', '```', '- not a bullet', '```', '<!--', '- hidden', '-->', '- y'];
    const parts = splitMarkdown(lines, 1).map((part) => part.firstLine);
    expect(parts).toEqual([1, 7, 14]);
  });
});
