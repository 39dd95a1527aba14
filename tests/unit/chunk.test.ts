import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_CHILDREN, chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import { seedNotePath } from '../helpers/corpus.js';

const seed = parseNote(readFileSync(seedNotePath, 'utf8'), { source: seedNotePath });
const chunks = chunkNote(seed);
const byLine = new Map(chunks.map((chunk) => [chunk.line, chunk]));

describe('chunkNote', () => {
  it('makes one chunk per item at every depth, with unique ids', () => {
    expect(byLine.get(24)).toMatchObject({
      id: `${seed.id}:24`,
      noteId: seed.id,
      section: ['Service Mesh Day Recap Overview'],
      text: 'Brown Field',
      children: [{ line: 25, text: 'VM上で管理されているサービス。技術的負債が多いサービス', depth: 1 }],
    });
    expect(byLine.get(47)?.text).toBe('envoyの機能？サービス？');
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(chunks.length);
    expect(chunks.every((chunk) => chunk.text !== '')).toBe(true);
  });

  it('flattens all descendants in document order with relative depth', () => {
    expect(byLine.get(32)?.children.map((child) => [child.line, child.depth])).toEqual([
      [33, 1],
      [34, 2],
      [35, 2],
      [36, 1],
      [37, 2],
      [38, 1],
      [39, 2],
      [40, 2],
    ]);
  });

  it('adds a chunk per section heading with its top items', () => {
    const heading = byLine.get(65);
    expect(heading?.text).toBe('Servie Mesh Day Recap: Intro to ServiceMesh');
    expect(heading?.children[0]).toEqual({ line: 67, text: 'Workshop', depth: 1 });
    expect(heading?.children.every((child) => child.depth === 1)).toBe(true);
  });

  it('caps children and skips empty items', () => {
    const many = Array.from({ length: 60 }, (_, index) => `  - child ${index}`).join('\n');
    const note = parseNote(`# T\n\n## S\n\n- parent\n${many}\n- \n`, { source: 'many.md' });
    const parent = chunkNote(note).find((chunk) => chunk.text === 'parent');
    expect(parent?.children).toHaveLength(MAX_CHUNK_CHILDREN);
    expect(chunkNote(note).some((chunk) => chunk.text.trim() === '')).toBe(false);
  });
});
