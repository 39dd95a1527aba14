import type { Queue, Worker } from 'bullmq';
import { RecapError } from '../errors.js';
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

export interface QueuedJobSpec extends QueueJobsSpec {
  /** Adds the job to `queue`; resolves to its id. */
  submit: () => Promise<string>;
  /** How failures name the job: "The recap of <note> (en)". */
  what: string;
}

/**
 * Queues one job and waits for its first outcome (see withQueueJobs), resolving to its return
 * value. A failed attempt is reported at once, saying the job stays queued for a retry: a person
 * at a terminal hears about it now rather than after every backoff delay.
 */
export async function runQueuedJob(runtime: Runtime, spec: QueuedJobSpec): Promise<unknown> {
  return withQueueJobs(runtime, spec, async (waiter) => {
    const jobId = await spec.submit();
    const outcome = await waiter.waitForAttempt(jobId);
    if (outcome.state === 'completed') return outcome.value;
    if (outcome.state === 'failed') throw new RecapError('job_failed', `${spec.what} failed: ${outcome.reason}`);
    const job = await spec.queue.getJob(jobId);
    throw new RecapError(
      'job_failed',
      `${spec.what} failed: ${job?.failedReason ?? 'unknown reason'}\nThe job stays queued and is retried with backoff while a worker runs (see \`recap jobs\`).`,
    );
  });
}
