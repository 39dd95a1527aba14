import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestWorker } from '../../workers/ingest-worker.js';
import { fileSourceKey } from '../../src/ingest/collect-files.js';
import { INGEST_QUEUE } from '../../src/queue/ingest-queue.js';
import { submitIngest } from '../../src/queue/submit-jobs.js';
import { JobWaiter } from '../../src/queue/wait-for-jobs.js';
import type { Runtime } from '../../src/runtime.js';
import { startScriptProcess } from '../helpers/child-lines.js';
import { seedNotePath } from '../helpers/corpus.js';
import { openTestRuntime } from '../helpers/test-runtime.js';

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

    const survivor = createIngestWorker({
      connection: runtime.bullConnection,
      prefix: runtime.bullPrefix,
      store: runtime.store,
      logger: runtime.logger,
      maxNoteBytes: runtime.config.maxNoteBytes,
      concurrency: 1,
      stalledIntervalMs: 300,
      lockDurationMs: 1_000,
    });
    try {
      const outcome = await waiter.wait(jobId);
      expect(outcome).toMatchObject({ state: 'completed', value: { status: 'ingested' } });
      expect(await runtime.store.countNotes()).toBe(1);
    } finally {
      await survivor.close();
      await waiter.close();
    }
  });
});
