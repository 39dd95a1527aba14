import { copyFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../src/jobs/start-workers.js';
import { startRecap, type RunningRecap } from '../../src/app/start-recap.js';
import { createLogger } from '../../src/logger.js';
import { readSubmission } from '../../src/ingest/run-ingest.js';
import { submitIngest } from '../../src/queue/submit-jobs.js';
import { answerQuestion } from '../../src/recap/answer.js';
import type { Runtime } from '../../src/runtime.js';
import { seedNotePath } from '../helpers/corpus.js';
import { deleteKeys, openTestRuntime, testConfig } from '../helpers/test-runtime.js';

/** Polls until check() is true, or throws after timeoutMs. */
async function eventually(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

describe('a running recap follows notes written by other processes', () => {
  let dir: string;
  let running: RunningRecap;
  let workerRuntime: Runtime;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'recap-watch-'));
    copyFileSync(seedNotePath, path.join(dir, 'seed.md'));
    const config = testConfig({ NOTES_DIR: dir });
    running = await startRecap(config, createLogger('silent', { pretty: false }));
    // A separate "worker machine": its own connections and worker on the same Redis and prefix.
    workerRuntime = await openTestRuntime({ RECAP_KEY_PREFIX: config.keyPrefix });
  });
  afterAll(async () => {
    await running.stop();
    await deleteKeys(running.runtime.redisUrl, running.runtime.config.keyPrefix);
    await workerRuntime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests the notes folder at start', () => {
    expect(running.index.noteIds()).toHaveLength(1);
    expect(answerQuestion(running.index, 'Brown Field').grounded).toBe(true);
  });

  it('makes a note ingested by another worker searchable without a restart', async () => {
    // Jobs go to whichever worker is free; either way the note reaches the index through Redis pub/sub.
    const workers = startWorkers(workerRuntime);
    const file = path.join(tmpdir(), `recap-sync-${process.pid}.md`);
    writeFileSync(file, '# 20240501 SRE Night\n\n## Toil\n\n- Toil\n  - 手作業で繰り返し発生し自動化できる運用作業\n');
    try {
      await submitIngest(workerRuntime.queue, workerRuntime.store, await readSubmission(file, 1024 * 1024));
      const noteId = 'recap-sync-' + process.pid;
      // How fast this happens is measured by the benchmark; here it only has to happen.
      await eventually(() => running.index.hasNote(noteId), 10_000);
      expect(answerQuestion(running.index, 'Toilとは').citations[0]?.noteId).toBe(noteId);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      rmSync(file, { force: true });
    }
  });

  it('ingests a file dropped into the notes folder and forgets a removed one', async () => {
    const dropped = path.join(dir, 'dropped-note.md');
    writeFileSync(dropped, '# 20240601 Frontend LT\n\n## Islands\n\n- Islands Architecture\n  - ページの一部だけをhydrateする設計\n');
    await eventually(() => running.index.hasNote('dropped-note'), 10_000);
    unlinkSync(dropped);
    await eventually(() => !running.index.hasNote('dropped-note'), 10_000);
    expect(await running.runtime.store.getNote('dropped-note')).toBeNull();
  });
});
