import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import type { Chunk } from '../../src/domain/note.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { seedNotePath } from '../helpers/corpus.js';

function bullets(noteId: string, items: Array<[string, string[]?]>): Chunk[] {
  const chunks: Chunk[] = [];
  let line = 1;
  for (const [text, children = []] of items) {
    const own = line;
    const kids = children.map((child, index) => ({ line: own + 1 + index, text: child, depth: 1 }));
    chunks.push({ id: `${noteId}:${own}`, noteId, section: ['Talk'], line: own, text, children: kids });
    for (const kid of kids) chunks.push({ id: `${noteId}:${kid.line}`, noteId, section: ['Talk'], line: kid.line, text: kid.text, children: [] });
    line += 1 + children.length;
  }
  return chunks;
}

function seedIndex(): SearchIndex {
  const note = parseNote(readFileSync(seedNotePath, 'utf8'), { source: seedNotePath });
  const index = new SearchIndex();
  index.upsertNote({ noteId: note.id, title: note.title, source: seedNotePath }, chunkNote(note));
  return index;
}

describe('SearchIndex', () => {
  it('replaces every chunk of a note on upsert', () => {
    const index = new SearchIndex();
    const meta = { noteId: 'n', title: 'Note', source: 'n.md' };
    index.upsertNote(meta, bullets('n', [['Yellow Field', ['黄色いフィールド']], ['Canary Release']]));
    expect(index.size).toBe(3);
    index.upsertNote(meta, bullets('n', [['Purple Field', ['紫のフィールド']]]));
    expect(index.size).toBe(2);
    expect(index.noteIds()).toEqual(['n']);
    expect(index.search('Canary Release')).toEqual([]);
    expect(index.search('Yellow')).toEqual([]);
    expect(index.search('Purple Field')[0]?.chunk.text).toBe('Purple Field');
  });

  it('removes notes and clears', () => {
    const index = new SearchIndex();
    index.upsertNote({ noteId: 'a', title: 'A', source: 'a.md' }, bullets('a', [['Envoy proxy']]));
    index.upsertNote({ noteId: 'b', title: 'B', source: 'b.md' }, bullets('b', [['Istio mesh']]));
    expect(index.removeNote('a')).toBe(true);
    expect(index.removeNote('a')).toBe(false);
    expect(index.hasNote('a')).toBe(false);
    expect(index.hasNote('b')).toBe(true);
    expect(index.search('envoy')).toEqual([]);
    expect(index.size).toBe(1);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.search('istio')).toEqual([]);
  });

  it('uses stored terms and ranks the same as computed ones', () => {
    const chunks = bullets('n', [['Brown Field', ['VM上で管理されているサービス']], ['Green Field', ['新規開発']]]);
    const meta = { noteId: 'n', title: 'Note', source: 'n.md' };
    const computed = new SearchIndex();
    computed.upsertNote(meta, chunks);
    const stored = new SearchIndex();
    stored.upsertNote(meta, chunks, JSON.parse(JSON.stringify(chunks.map((chunk) => SearchIndex.analyzeChunk(chunk, meta)))));
    const ids = (index: SearchIndex): string[] => index.search('what is brown field').map((hit) => hit.chunk.id);
    expect(ids(stored)).toEqual(ids(computed));
  });

  it('ranks the bullet that defines the asked term first', () => {
    const index = seedIndex();
    expect(index.search('what is Brown Field?')[0]?.chunk).toMatchObject({ line: 24, text: 'Brown Field' });
    expect(index.search('Brown Fieldとは')[0]?.chunk.line).toBe(24);
    expect(index.search('サービスメッシュってコンテナ化しないと導入できないの?')[0]?.chunk.line).toBe(36);
  });

  it('finds typos of the notes and of the question', () => {
    const index = seedIndex();
    expect(index.search('Green Field')[0]?.chunk.text).toBe('Green Feild');
    expect(index.search('Why Envoy', { top: 10 }).map((hit) => hit.chunk.text)).toContain('Why Enboy');
    expect(index.search('Traffic capture')[0]?.chunk.text).toBe('Trafic capcharが3種類');
    expect(index.search('ｉｓｔｉｏ')[0]?.chunk.text).toMatch(/istio/i);
  });

  it('folds a bullet and its own sub-bullets into one hit', () => {
    const index = seedIndex();
    const lines = index.search('Brown Field VM上で管理されているサービス', { top: 5 }).map((hit) => hit.chunk.line);
    expect(lines).toContain(24);
    expect(lines).not.toContain(25);
  });

  it('filters by note and reports relevance between 0 and 1', () => {
    const index = seedIndex();
    index.upsertNote({ noteId: 'other', title: 'Other', source: 'o.md' }, bullets('other', [['Brown Field', ['茶色い畑']]]));
    const hits = index.search('Brown Field', { noteId: 'other' });
    expect(hits.every((hit) => hit.note.noteId === 'other')).toBe(true);
    for (const hit of index.search('Brown Field')) {
      expect(hit.relevance).toBeGreaterThan(0);
      expect(hit.relevance).toBeLessThan(1);
      expect(hit.matched).toBeLessThanOrEqual(1);
    }
  });

  it('lists the nearest sections, one per section', () => {
    const index = seedIndex();
    const sections = index.nearestSections('Envoy WebAssembly', 3);
    expect(sections.length).toBeGreaterThan(0);
    const keys = sections.map((section) => section.section.join('/'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stays correct after many replacements (tombstones compacted)', () => {
    const index = new SearchIndex();
    const meta = { noteId: 'n', title: 'Note', source: 'n.md' };
    index.upsertNote({ noteId: 'keep', title: 'Keep', source: 'k.md' }, bullets('keep', [['Kubernetes Operator', ['運用の知見をコード化']]]));
    for (let round = 0; round < 2500; round++) index.upsertNote(meta, bullets('n', [[`Round ${round} envoy`, ['sidecar proxy']]]));
    expect(index.size).toBe(4);
    expect(index.search('envoy')[0]?.chunk.text).toBe('Round 2499 envoy');
    expect(index.search('operator')[0]?.chunk.text).toBe('Kubernetes Operator');
  });

  it('answers an empty or stop-word-only query with no hits', () => {
    const index = seedIndex();
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('what is it?')).toEqual([]);
  });

  it('prefers the note that names what the question names over a closer wording elsewhere', () => {
    const index = new SearchIndex();
    const line = (noteId: string, at: number, section: string[], text: string): Chunk => ({ id: `${noteId}:${at}`, noteId, section, line: at, text, children: [] });
    index.upsertNote({ noteId: 'k', title: 'Kobepay keynote', source: 'k.md' }, [line('k', 1, [], 'Kobepay keynote'), line('k', 3, ['プラットフォーム運用側'], 'namespaceで各サービスを分けている')]);
    index.upsertNote({ noteId: 'o', title: 'Platform talk', source: 'o.md' }, [line('o', 1, [], 'Platform talk'), line('o', 2, ['Platform'], 'services split by team')]);
    // Without the name, the English bullet that repeats the words wins …
    expect(index.search('how do they split services on the platform side?')[0]?.chunk.noteId).toBe('o');
    // … with it, a note that never says Kobepay is not where the answer is.
    expect(index.search('In the Kobepay keynote, how do they split services on the platform side?')[0]?.chunk.noteId).toBe('k');
  });
});
