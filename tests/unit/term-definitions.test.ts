import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import { completeNote } from '../../src/recap/complete-note.js';
import { whereDefined } from '../../src/recap/term-definitions.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { seedNotePath } from '../helpers/corpus.js';

const k8sNotePath = path.resolve(import.meta.dirname, '../fixtures/own/20240315-k8s-benkyoukai-12.md');

function buildIndex(): SearchIndex {
  const index = new SearchIndex();
  for (const file of [seedNotePath, k8sNotePath]) {
    const note = parseNote(readFileSync(file, 'utf8'), { source: path.basename(file) });
    index.upsertNote({ noteId: note.id, title: note.title, source: note.source }, chunkNote(note));
  }
  return index;
}

describe('whereDefined', () => {
  const index = buildIndex();
  const where = (term: string): string[] => whereDefined(index, term).map((found) => `${found.term} @${found.source}:${found.line} in ${found.section.at(-1) ?? ''}`);

  it('finds a term defined by its first sub-bullet, with the talk it is in', () => {
    expect(where('Brown Field')).toEqual(['Brown Field @20190604-cloud-native-meetup-tokyo-8.md:24 in Service Mesh Day Recap Overview']);
  });

  it('forgives case, typos and katakana spellings', () => {
    expect(where('green field')).toEqual(['Green Feild @20190604-cloud-native-meetup-tokyo-8.md:21 in Service Mesh Day Recap Overview']);
    expect(where('Enboy')[0]).toMatch(/^Envoy @/);
    expect(where('オペレーター')[0]).toMatch(/^Operator @20240315-k8s-benkyoukai-12\.md:5/);
  });

  it('finds "X - explanation" definitions', () => {
    expect(whereDefined(index, 'crd')[0]).toMatchObject({ term: 'CRD', definition: expect.stringMatching(/^Custom Resource Definition/), line: 8 });
  });

  it('returns nothing for terms no note defines', () => {
    expect(whereDefined(index, 'okonomiyaki')).toEqual([]);
    expect(whereDefined(index, '  ')).toEqual([]);
  });
});

describe('completeNote', () => {
  const index = buildIndex();

  it('suggests notes whose id or title contain every typed word, recent first', () => {
    expect(completeNote(index, '').map((meta) => meta.noteId)).toEqual(['20240315-k8s-benkyoukai-12', '20190604-cloud-native-meetup-tokyo-8']);
    expect(completeNote(index, 'Kubernetes 勉強会').map((meta) => meta.noteId)).toEqual(['20240315-k8s-benkyoukai-12']);
    expect(completeNote(index, 'ｎａｔｉｖｅ #8').map((meta) => meta.noteId)).toEqual(['20190604-cloud-native-meetup-tokyo-8']);
    expect(completeNote(index, 'okonomiyaki')).toEqual([]);
  });
});
