import type { Worker } from 'bullmq';
import { JobWaiter } from '../../src/queue/wait-for-jobs.js';
import type { Runtime } from '../../src/runtime.js';
import { startIngestWorker } from '../../src/jobs/start-workers.js';
import { openTestRuntime } from './test-runtime.js';

/** A test runtime with its ingest worker and one more running, and a waiter on that one's queue. */
export interface WorkerHarness {
  runtime: Runtime;
  workers: Worker[];
  waiter: JobWaiter;
  close(): Promise<void>;
}

/**
 * Opens a runtime with `env`, starts the ingest worker and `startWorker` (the summarize or translate
 * one), and makes the waiter on `queue` before any job, so it sees every outcome. Jobs for other
 * queues are left waiting. close() stops all of it and deletes the runtime's keys.
 */
export async function openWorkerHarness(env: Record<string, string>, startWorker: (runtime: Runtime) => Worker, queue: string): Promise<WorkerHarness> {
  const runtime = await openTestRuntime(env);
  const workers = [startIngestWorker(runtime), startWorker(runtime)];
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  const waiter = await JobWaiter.create(queue, runtime.redisUrl, runtime.bullPrefix);
  return {
    runtime,
    workers,
    waiter,
    close: async () => {
      await waiter.close();
      await Promise.all(workers.map((worker) => worker.close()));
      await runtime.close();
    },
  };
}
