import type { Queue, Worker } from 'bullmq';
import type { Runtime } from '../runtime.js';
import { JobWaiter } from './wait-for-jobs.js';

export interface QueueJobsSpec {
  queue: Queue;
  /** Starts this queue's worker in this process (used when no worker listens on the queue). */
  startLocalWorker: () => Worker;
}

/**
 * Runs queue jobs to completion for a CLI command. When no worker is listening on the queue,
 * this process works the queue itself for the duration of the command (other jobs waiting in
 * it included: they are what a worker would do next anyway).
 */
export async function withQueueJobs<T>(runtime: Runtime, spec: QueueJobsSpec, body: (waiter: JobWaiter) => Promise<T>): Promise<T> {
  const waiter = await JobWaiter.create(spec.queue.name, runtime.bullConnection, runtime.bullPrefix);
  let localWorker: Worker | null = null;
  try {
    if ((await spec.queue.getWorkersCount()) === 0) localWorker = spec.startLocalWorker();
    return await body(waiter);
  } finally {
    await localWorker?.close();
    await waiter.close();
  }
}
