import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNoteViaQueue, ingestFiles, ingestSubmission } from '../../src/ingest/run-ingest.js';
import { answerQuestion } from '../../src/recap/answer.js';
import type { Runtime } from '../../src/runtime.js';
import { loadIndex } from '../../src/search/load-index.js';
import { seedNotePath } from '../helpers/corpus.js';
import { openTestRuntime } from '../helpers/test-runtime.js';
import { readStoredChunks } from '../../src/search/stored-chunks.js';

const ownFixtures = path.resolve(import.meta.dirname, '../fixtures/own');

describe('ingest -> worker -> ask', () => {
  let runtime: Runtime;
  let dir: string;
  let seed: string;

  beforeAll(async () => {
    runtime = await openTestRuntime();
    dir = mkdtempSync(path.join(tmpdir(), 'recap-ingest-'));
    seed = path.join(dir, 'seed.md');
    copyFileSync(seedNotePath, seed);
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests new notes, then reports them unchanged', async () => {
    const own = path.join(ownFixtures, '20240315-k8s-benkyoukai-12.md');
    const first = await ingestFiles(runtime, [seed, own]);
    expect(first.map((outcome) => outcome.status)).toEqual(['ingested', 'ingested']);
    const second = await ingestFiles(runtime, [seed, own]);
    expect(second.map((outcome) => outcome.status)).toEqual(['unchanged', 'unchanged']);
    expect(await runtime.store.countNotes()).toBe(2);
  });

  it('answers from the stored notes with a citation to the defining line', async () => {
    const index = await loadIndex(runtime.store, runtime.logger);
    const answer = answerQuestion(index, 'what is Brown Field?');
    expect(answer.grounded).toBe(true);
    expect(answer.citations[0]).toMatchObject({ source: seed, line: 24 });
    expect(answer.answer).toContain('技術的負債が多いサービス');
  });

  it('replaces a changed note and removes what is gone from it', async () => {
    const [before] = await ingestFiles(runtime, [seed]);
    const noteId = before?.status === 'failed' ? '' : (before?.noteId ?? '');
    writeFileSync(seed, '# 20190604 Cloud Native Meetup Tokyo #8\n\n## Changed\n\n- Yellow Field\n  - 黄色いフィールドの説明\n');
    const [after] = await ingestFiles(runtime, [seed]);
    expect(after).toMatchObject({ status: 'updated', noteId });
    const index = await loadIndex(runtime.store, runtime.logger);
    expect(answerQuestion(index, 'Yellow Field').citations[0]).toMatchObject({ noteId, line: 5 });
    const brown = answerQuestion(index, 'what is Brown Field?');
    expect(brown.citations.some((citation) => citation.noteId === noteId && citation.text.includes('Brown'))).toBe(false);
  });

  it('deletes a note from the store and the index', async () => {
    const [outcome] = await ingestFiles(runtime, [path.join(ownFixtures, '2024-02-08-observability-night.md')]);
    if (outcome === undefined || outcome.status === 'failed') throw new Error('ingest failed');
    expect(await deleteNoteViaQueue(runtime, outcome.noteId)).toBe(true);
    expect(await runtime.store.getNote(outcome.noteId)).toBeNull();
    const index = await loadIndex(runtime.store, runtime.logger);
    expect(index.hasNote(outcome.noteId)).toBe(false);
    expect(await deleteNoteViaQueue(runtime, outcome.noteId)).toBe(false);
  });

  it('keeps off-the-record content out of the store', async () => {
    const [outcome] = await ingestFiles(runtime, [path.join(ownFixtures, '20240315-k8s-benkyoukai-12.md')]);
    if (outcome === undefined || outcome.status === 'failed') throw new Error('ingest failed');
    const stored = JSON.stringify([await runtime.store.getNote(outcome.noteId), await readStoredChunks(runtime.store, outcome.noteId)]);
    expect(stored).not.toContain('未発表');
    expect(stored).not.toContain('懇親会');
  });

  it('ingests content without a file under a label, never a path', async () => {
    const outcome = await ingestSubmission(runtime, {
      source: 'stdin:talk.md',
      sourceKey: 'stdin:talk.md',
      bytes: Buffer.from('# LT大会\n\n- Feature Flag\n  - リリースとデプロイを分ける仕組み\n'),
    });
    expect(outcome).toMatchObject({ status: 'ingested', source: 'stdin:talk.md' });
  });
});
