import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestNote } from '../../src/ingest/ingest-note.js';
import { chunkNote } from '../../src/notes/chunk.js';
import { parseNote } from '../../src/notes/parse.js';
import { answerQuestion } from '../../src/recap/answer.js';
import type { Runtime } from '../../src/runtime.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { encodeIndexRecord } from '../../src/search/index-record.js';
import { loadIndex } from '../../src/search/load-index.js';
import { seedNotePath } from '../helpers/corpus.js';
import { openTestRuntime } from '../helpers/test-runtime.js';
import { readStoredChunks } from '../../src/search/stored-chunks.js';

/** Notes stored by an older recap (JSON chunks, another index version) are still found, and re-indexed. */
describe('stored index records', () => {
  let runtime: Runtime;
  const note = { ...parseNote(readFileSync(seedNotePath, 'utf8'), { source: seedNotePath }), id: 'seed' };
  const expected = (): unknown => {
    const index = new SearchIndex();
    index.upsertNote({ noteId: note.id, title: note.title, source: note.source }, chunkNote(note));
    return answerQuestion(index, 'what is Brown Field?');
  };

  beforeAll(async () => {
    runtime = await openTestRuntime();
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('loads notes whose chunks are stored as the older JSON', async () => {
    const chunks = chunkNote(note);
    const legacy = { indexVersion: 'older', chunks, terms: chunks.map((chunk) => SearchIndex.analyzeChunk(chunk, note)) };
    await runtime.store.saveNote(note, Buffer.from(JSON.stringify(legacy)), 'legacy');
    expect(await readStoredChunks(runtime.store, note.id)).toEqual(legacy);
    const index = await loadIndex(runtime.store, runtime.logger);
    expect(answerQuestion(index, 'what is Brown Field?')).toEqual(expected());
  });

  it('re-analyzes records of another index version', async () => {
    await runtime.store.saveNote(note, encodeIndexRecord(note, chunkNote(note), 'another-version'), 'legacy');
    const index = await loadIndex(runtime.store, runtime.logger);
    expect(answerQuestion(index, 'what is Brown Field?')).toEqual(expected());
  });

  it('re-ingests such notes (updated), then knows them unchanged', async () => {
    const input = { source: seedNotePath, sourceKey: 'legacy', bytes: readFileSync(seedNotePath), maxBytes: 1024 * 1024 };
    expect((await ingestNote(runtime.store, input)).status).toBe('updated');
    expect((await ingestNote(runtime.store, input)).status).toBe('unchanged');
    const stored = await readStoredChunks(runtime.store, note.id);
    expect(stored?.chunks).toEqual(chunkNote(note));
  });
});
