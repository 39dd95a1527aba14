import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestWorker } from '../../src/jobs/ingest-worker.js';
import { fileSourceKey } from '../../src/ingest/collect-files.js';
import { ingestNote } from '../../src/ingest/ingest-note.js';
import { INGEST_QUEUE } from '../../src/queue/ingest-queue.js';
import { submitIngest } from '../../src/queue/submit-jobs.js';
import { JobWaiter } from '../../src/queue/wait-for-jobs.js';
import type { Runtime } from '../../src/runtime.js';
import { startScriptProcess } from '../helpers/child-lines.js';
import { seedNotePath } from '../helpers/corpus.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

/** An ingest worker in this process, one job at a time. */
function startWorker(runtime: Runtime, timing: { stalledIntervalMs?: number; lockDurationMs?: number } = {}): Worker {
  return createIngestWorker({
    connection: runtime.bullConnection,
    prefix: runtime.bullPrefix,
    store: runtime.store,
    logger: runtime.logger,
    maxNoteBytes: runtime.config.maxNoteBytes,
    concurrency: 1,
    ...timing,
  });
}

const dyingWorkerScript = path.resolve(import.meta.dirname, '../helpers/dying-worker.ts');

describe('a worker killed mid-job loses no note', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await openTestRuntime();
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('another worker picks the stalled job up and ingests the note', async () => {
    const { child, waitForLine } = startScriptProcess(dyingWorkerScript, [runtime.redisUrl, runtime.bullPrefix]);
    await waitForLine('ready');

    const waiter = await JobWaiter.create(INGEST_QUEUE, runtime.redisUrl, runtime.bullPrefix);
    const jobId = await submitIngest(runtime.queue, runtime.store, {
      source: seedNotePath,
      sourceKey: fileSourceKey(seedNotePath),
      bytes: readFileSync(seedNotePath),
    });
    await waitForLine('active');
    child.kill('SIGKILL');
    await once(child, 'exit');

    const survivor = startWorker(runtime, { stalledIntervalMs: 300, lockDurationMs: 1_000 });
    try {
      const outcome = await waiter.wait(jobId);
      expect(outcome).toMatchObject({ state: 'completed', value: { status: 'ingested' } });
      expect(await runtime.store.countNotes()).toBe(1);
    } finally {
      await survivor.close();
      await waiter.close();
    }
  });

  // The worker died after storing the note and freeing its bytes, before its job completed:
  // the redone job finds no bytes. It used to fail ("expired"); the note is there.
  it('a job redone after its note was stored and its bytes freed completes, unchanged', async () => {
    const sourceKey = 'stdin:stored-then-killed.md';
    const bytes = Buffer.from('# Stored then killed\n\n- Circuit Breaker\n  - 失敗が続いたら呼び出しを止める\n');
    const waiter = await JobWaiter.create(INGEST_QUEUE, runtime.redisUrl, runtime.bullPrefix);
    const jobId = await submitIngest(runtime.queue, runtime.store, { source: 'stored-then-killed.md', sourceKey, bytes });
    // What the dead worker had done of the job: the note stored, the blob consumed.
    const stored = await ingestNote(runtime.store, { source: 'stored-then-killed.md', sourceKey, bytes, maxBytes: runtime.config.maxNoteBytes });
    await runtime.store.consumeIngestedBlob(sourceKey, jobId);
    const survivor = startWorker(runtime);
    try {
      const outcome = await waiter.wait(jobId);
      expect(outcome).toMatchObject({ state: 'completed', value: { status: 'unchanged', noteId: stored.noteId, chunks: stored.chunks, title: 'Stored then killed' } });
    } finally {
      await survivor.close();
      await waiter.close();
    }
  });

  it('a job whose bytes expired and were never stored still fails, saying so', async () => {
    const sourceKey = 'stdin:never-stored.md';
    const waiter = await JobWaiter.create(INGEST_QUEUE, runtime.redisUrl, runtime.bullPrefix);
    const jobId = await submitIngest(runtime.queue, runtime.store, { source: 'never-stored.md', sourceKey, bytes: Buffer.from('# Never\n\n- x\n') });
    await runtime.store.deleteBlob(jobId);
    const survivor = startWorker(runtime);
    try {
      expect(await waiter.wait(jobId)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/expired before it was processed/) as unknown });
    } finally {
      await survivor.close();
      await waiter.close();
    }
  });
});
