import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRecapError } from '../../src/errors.js';
import { ingestNote, ingestPreparedNote, prepareNote, type PreparedNote } from '../../src/ingest/ingest-note.js';
import { createLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { PrepareThreads } from '../../src/jobs/prepare-threads.js';
import { seedNotePath } from '../helpers/corpus.js';
import { openTestRuntime } from '../helpers/test-runtime.js';
import { readStoredChunks } from '../../src/search/stored-chunks.js';

const ownFixture = path.resolve(import.meta.dirname, '../fixtures/own/20240315-k8s-benkyoukai-12.md');
const MAX_BYTES = 1024 * 1024;

describe('notes prepared on a worker thread', () => {
  let threads: PrepareThreads;
  let runtime: Runtime;

  /** Prepares on the thread, once it has started (tryPrepare gives null until then). */
  async function onThread(input: { source: string; bytes: Uint8Array; maxBytes: number }): Promise<PreparedNote> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const prepared = threads.tryPrepare(input);
      if (prepared) return prepared;
      if (Date.now() > deadline) throw new Error('the ingest thread did not start');
      await sleep(20);
    }
  }

  beforeAll(async () => {
    threads = new PrepareThreads(1, createLogger('silent', { pretty: false }));
    runtime = await openTestRuntime();
  });
  afterAll(async () => {
    await threads.close();
    await runtime.close();
  });

  it('gives what the main thread gives', async () => {
    for (const file of [seedNotePath, ownFixture]) {
      const input = { source: file, bytes: readFileSync(file), maxBytes: MAX_BYTES };
      const prepared = await onThread(input);
      const local = prepareNote(input);
      expect({ ...prepared, record: Buffer.from(prepared.record) }).toEqual({ ...local, record: Buffer.from(local.record) });
    }
  });

  it('refuses bad input with the RecapError the main thread would throw', async () => {
    const input = { source: 'binary.md', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), maxBytes: MAX_BYTES };
    const error = await onThread(input).catch((failure: unknown) => failure);
    expect(isRecapError(error)).toBe(true);
    expect(() => prepareNote(input)).toThrow((error as Error).message);
  });

  it('stores a prepared note as ingestNote stores it, and knows it unchanged the next time', async () => {
    const bytes = readFileSync(seedNotePath);
    const prepared = await onThread({ source: seedNotePath, bytes, maxBytes: MAX_BYTES });
    const first = await ingestPreparedNote(runtime.store, prepared, { source: seedNotePath, sourceKey: 'a' });
    expect(first.status).toBe('ingested');
    const again = await ingestNote(runtime.store, { source: seedNotePath, sourceKey: 'a', bytes, maxBytes: MAX_BYTES });
    expect(again).toEqual({ ...first, status: 'unchanged' });

    // Another source with the same file name gets another id: chunk ids follow it.
    const other = await ingestPreparedNote(runtime.store, prepared, { source: seedNotePath, sourceKey: 'b' });
    expect(other.noteId).toBe(`${first.noteId}-2`);
    const stored = await readStoredChunks(runtime.store, other.noteId);
    expect(stored?.chunks.every((chunk) => chunk.noteId === other.noteId && chunk.id.startsWith(`${other.noteId}:`))).toBe(true);
    expect((await runtime.store.getNote(other.noteId))?.id).toBe(other.noteId);
  });
});
