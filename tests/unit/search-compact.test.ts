import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import type { Chunk } from '../../src/domain/note.js';
import { analyzeChunk, analyzeNoteChunks, chunkTermsOf, searchableTitle } from '../../src/search/chunk-terms.js';
import { CompactChunks } from '../../src/search/compact-chunks.js';
import { countIndexRecordTerms, decodeIndexRecord, encodeIndexRecord, readIndexRecordHeader } from '../../src/search/index-record.js';
import { PostingTable } from '../../src/search/postings.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { asciiWordSegments } from '../../src/search/tokenize.js';
import { corpusNoteFiles, seedNotePath } from '../helpers/corpus.js';

/**
 * The compact forms the index keeps and stores (packed chunks, note-level term analysis, binary
 * index records, bulk loading) must give exactly what the plain forms give.
 */

// Our own fixtures keep the tests meaningful where the shared corpus is absent (a fresh clone).
const ownFixtures = path.resolve(import.meta.dirname, '../fixtures/own');
const files = [seedNotePath, ...readdirSync(ownFixtures).map((name) => path.join(ownFixtures, name)), ...corpusNoteFiles().slice(0, 12)];
const notes = files.map((file) => parseNote(readFileSync(file, 'utf8'), { source: file }));
const questions = ['what is Brown Field?', 'サービスメッシュってコンテナ化しないと導入できないの?', 'Envoyとは', 'istio sidecar', 'Green Feild', 'ｉｓｔｉｏ'];

function results(index: SearchIndex): unknown {
  // `around` is a function of each result: compared by what it finds, not by identity.
  return questions.map((question) => {
    const { around, headingOf: _headingOf, ...result } = index.query(question, { top: 8, sections: 3 });
    return { ...result, near: result.hits.map((hit) => around(hit, hit.chunk.line, hit.chunk.line + 5).map((entry) => ({ line: entry.chunk.line, mentions: entry.mentions() }))) };
  });
}

describe('CompactChunks', () => {
  it('gives back chunks equal to the ones packed', () => {
    for (const note of notes) {
      const chunks = chunkNote(note);
      expect(CompactChunks.fromChunks(chunks).all()).toEqual(chunks);
    }
  });

  it('keeps chunks of unusual shape whole', () => {
    const odd: Chunk[] = [
      { id: 'x:1', noteId: 'x', section: ['A'], line: 1, text: 'a', children: [{ line: 2, text: 'b', depth: 1 }] },
      { id: 'other:2', noteId: 'x', section: [], line: 2, text: 'b', children: [] },
      { id: 'x:3', noteId: 'y', section: ['A'], line: 3, text: 'c', children: [] },
      { id: 'x:4', noteId: 'x', section: ['A'], line: 4, text: 'd', children: [], translation: { language: 'en', originalSection: ['あ'], originalText: 'で' } },
    ];
    expect(CompactChunks.fromChunks(odd).all()).toEqual(odd);
  });
});

describe('analyzeNoteChunks', () => {
  it('equals analyzeChunk on every chunk, term order included', () => {
    for (const note of notes) {
      const chunks = chunkNote(note);
      const terms = analyzeNoteChunks(chunks, note.title);
      chunks.forEach((chunk, index) => {
        expect(JSON.stringify(chunkTermsOf(terms, index))).toBe(JSON.stringify(analyzeChunk(chunk, note.title)));
      });
    }
  });
});

describe('searchableTitle', () => {
  it('adds the words of the file name the title lacks, without numbers or generic names', () => {
    expect(searchableTitle('#ふくばねてす node-1', 'notes/2019_0408-fukubernetes-01_README.md')).toBe('#ふくばねてす node-1 fukubernetes');
    expect(searchableTitle('Serverless Night Hakata #3', '/x/2024-06-12-serverless-night-hakata.md')).toBe('Serverless Night Hakata #3');
    expect(searchableTitle('Notes', 'C:\\notes\\index.md')).toBe('Notes');
  });
});

describe('index records', () => {
  it('round-trip chunks and terms, and tell their header cheaply', () => {
    for (const note of notes) {
      const chunks = chunkNote(note);
      const value = encodeIndexRecord(note, chunks, 'v1');
      const record = decodeIndexRecord(value);
      expect(record?.chunks.all()).toEqual(chunks);
      expect(record?.meta).toEqual({ noteId: note.id, title: note.title, source: note.source });
      const terms = analyzeNoteChunks(chunks, searchableTitle(note.title, note.source));
      expect(record && chunks.map((_, index) => chunkTermsOf(record.terms, index))).toEqual(chunks.map((_, index) => chunkTermsOf(terms, index)));
      expect(readIndexRecordHeader(value)).toEqual({ version: 'v1', noteId: note.id, title: note.title, source: note.source, contentHash: note.contentHash, chunkCount: chunks.length });
      expect(readIndexRecordHeader(value.subarray(0, 10))).toBeUndefined();
    }
    expect(decodeIndexRecord(Buffer.from('{"chunks":[]}'))).toBeNull();
  });

  it('rank the same whether loaded in bulk, note by note or analyzed in place', () => {
    const byNote = new SearchIndex();
    const inPlace = new SearchIndex();
    const bulkIndex = new SearchIndex();
    const bulk = bulkIndex.startBulkLoad();
    const values = notes.map((note) => encodeIndexRecord(note, chunkNote(note), 'v1'));
    for (const value of values) {
      const counted = countIndexRecordTerms(value);
      if (counted) bulk.expect(counted.terms, counted.counts);
    }
    bulk.reserve();
    notes.forEach((note, index) => {
      const chunks = chunkNote(note);
      inPlace.upsertNote({ noteId: note.id, title: note.title, source: note.source }, chunks);
      const record = decodeIndexRecord(encodeIndexRecord(note, chunks, 'v1'));
      if (!record) throw new Error('not a record');
      byNote.upsertCompact(record.meta, record.chunks, record.terms);
      const lent = decodeIndexRecord(values[index] as Buffer, { reuseScratch: true });
      if (!lent) throw new Error('not a record');
      bulkIndex.upsertCompact(lent.meta, lent.chunks, lent.terms);
    });
    expect(results(byNote)).toEqual(results(inPlace));
    expect(results(bulkIndex)).toEqual(results(inPlace));
  });

  it('count what a bulk load makes room for', () => {
    for (const note of notes) {
      const chunks = chunkNote(note);
      const counted = countIndexRecordTerms(encodeIndexRecord(note, chunks, 'v1'));
      const terms = analyzeNoteChunks(chunks, searchableTitle(note.title, note.source));
      const expected = new Map<string, number>();
      chunks.forEach((_, index) => {
        for (const term of Object.keys(chunkTermsOf(terms, index).tf)) expected.set(term, (expected.get(term) ?? 0) + 1);
      });
      expect(new Map(counted?.terms.map((term, local) => [term, counted.counts[local] as number]))).toEqual(expected);
    }
  });
});

describe('PostingTable', () => {
  it('keeps postings in document order through moves, removals and compaction', () => {
    const table = new PostingTable();
    const live = new Set<number>();
    const ids = ['a', 'b', 'c'].map((term) => table.idOf(term));
    for (let doc = 0; doc < 500; doc++) {
      for (const id of ids) if ((doc + id) % (id + 1) === 0) table.add(id, doc, 1 + (doc % 3));
      live.add(doc);
    }
    for (let doc = 0; doc < 500; doc += 2) live.delete(doc);
    for (const id of ids) {
      const dead = table.list(id).filter((posting) => !live.has(Math.floor(posting / 4096))).length;
      table.releaseMany(id, dead, (doc) => live.has(doc));
    }
    table.compact();
    for (const id of ids) {
      const docs = table.list(id).map((posting) => Math.floor(posting / 4096)).filter((doc) => live.has(doc));
      expect(docs).toEqual([...docs].sort((a, b) => a - b));
      expect(docs.length).toBe(table.frequencyOf(id));
    }
  });
});

describe('asciiWordSegments', () => {
  const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
  const expected = (text: string): string[] =>
    [...segmenter.segment(text)].filter((segment) => segment.isWordLike && /[A-Za-z0-9]/.test(segment.segment)).map((segment) => segment.segment);
  // One character of each class ICU's word rules tell apart in ASCII.
  const alphabet = ['a', 'Z', '1', '_', '.', "'", ':', ',', ';', '"', ' ', '\r', '\n', '\u000b', '-', '@', '\t', '/'];

  it('finds the segmenter’s words in every short string', () => {
    const strings = [''];
    for (let length = 0; length < 3; length++) for (const prefix of [...strings]) for (const char of alphabet) strings.push(prefix + char);
    for (const text of new Set(strings)) expect(asciiWordSegments(text)).toEqual(expected(text));
  });

  it('finds the segmenter’s words in notes and in random text', () => {
    let seed = 1;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const texts = ["e.g. don't use k8s_v1.2:latest, 3,000 req/s; it's O(n)", 'Service Mesh Day Recap', 'ServiceMesh.io API_KEY'];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let i = 0; i < 1 + Math.floor(random() * 20); i++) text += random() < 0.8 ? alphabet[Math.floor(random() * alphabet.length)] : String.fromCharCode(Math.floor(random() * 128));
      texts.push(text);
    }
    for (const text of texts) expect(asciiWordSegments(text)).toEqual(expected(text));
  });
});
